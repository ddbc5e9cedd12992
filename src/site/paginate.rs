//! Splitting a category's items into list pages: page 1 at `/<folder>/`, page n at
//! `/<folder>/page/n/`.

/// One list page of a category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    /// 1-based page number.
    pub number: usize,
    /// Number of pages in the category (at least 1).
    pub total: usize,
    /// Index range into the category's item list.
    pub range: std::ops::Range<usize>,
}

/// The URL path of page `n` of the category in `folder`.
pub fn page_path(folder: &str, n: usize) -> String {
    if n <= 1 {
        format!("{folder}/")
    } else {
        format!("{folder}/page/{n}/")
    }
}

/// The pages for `count` items, `per_page` each; an empty category still has one page.
pub fn pages(count: usize, per_page: usize) -> Vec<Pager> {
    let per_page = per_page.max(1);
    let total = count.div_ceil(per_page).max(1);
    (1..=total)
        .map(|number| Pager {
            number,
            total,
            range: (number - 1) * per_page..(number * per_page).min(count),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_boundaries() {
        assert_eq!(pages(0, 20).len(), 1);
        assert_eq!(pages(20, 20).len(), 1);
        let p = pages(47, 20);
        assert_eq!(p.len(), 3);
        assert_eq!(p[2].range, 40..47);
        assert_eq!(page_path("zwdt", 1), "zwdt/");
        assert_eq!(page_path("zwdt", 3), "zwdt/page/3/");
    }
}
