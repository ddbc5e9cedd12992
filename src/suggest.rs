//! "Did you mean …?" suggestions for misspelt keys and names.

/// The known name closest to `input`, if it is close enough to be a likely typo.
pub fn nearest<'a>(input: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(input, k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn finds_close_key() {
        assert_eq!(nearest("titel", &["title", "date"]), Some("title"));
        assert_eq!(
            nearest("publsher", &["title", "publisher"]),
            Some("publisher")
        );
        assert_eq!(nearest("zzz", &["title", "date"]), None);
    }
}
