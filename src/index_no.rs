//! `portal index-no`: gives every item without a 索引号 the next free one under the site's
//! pattern, in date order, by adding (or filling) a single `index_no:` line in its front
//! matter. Every other byte of the file stays as it was: comments, key order, BOM and CRLF
//! line endings. Serials continue after the highest one in use, so none is ever reused.

use crate::config::index_no::{IndexNoParts, IndexNoPattern};
use crate::fs_util::{self, FsError};
use crate::site::Site;
use std::collections::BTreeMap;
use std::path::Path;

/// One planned edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// Item path under `content/`.
    pub source: String,
    /// The 索引号 it gets.
    pub index_no: String,
}

/// The 索引号 to assign, in date order; items that have one keep it.
pub fn plan(site: &Site, pattern: &IndexNoPattern) -> Vec<Assignment> {
    let key = |p: &IndexNoParts| {
        (
            p.year,
            if pattern.has_month() {
                p.month.unwrap_or(1)
            } else {
                0
            },
        )
    };
    let mut next: BTreeMap<(i16, i8), u32> = BTreeMap::new();
    for item in &site.items {
        if let Some(p) = pattern.parse(&item.meta.index_no) {
            let n = next.entry(key(&p)).or_insert(1);
            *n = (*n).max(p.serial + 1);
        }
    }
    let mut todo: Vec<_> = site
        .items
        .iter()
        .filter(|i| i.meta.index_no.is_empty())
        .collect();
    todo.sort_by(|a, b| (a.date, a.meta.time, &a.source).cmp(&(b.date, b.meta.time, &b.source)));
    todo.into_iter()
        .map(|item| {
            let mut parts = IndexNoParts {
                year: item.date.year(),
                month: Some(item.date.month()),
                serial: 0,
            };
            let n = next.entry(key(&parts)).or_insert(1);
            parts.serial = *n;
            *n += 1;
            Assignment {
                source: item.source.clone(),
                index_no: pattern.format(parts),
            }
        })
        .collect()
}

/// Adds or fills the `index_no:` line of one file's text; None if it has no front matter.
pub fn edit(text: &str, index_no: &str) -> Option<String> {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let body_start = text
        .strip_prefix('\u{feff}')
        .map_or(0, |_| '\u{feff}'.len_utf8());
    let mut lines: Vec<&str> = text[body_start..].split_inclusive('\n').collect();
    let is_fence = |l: &str| l.trim_end() == "---";
    if !lines.first().is_some_and(|l| is_fence(l)) {
        return None;
    }
    let close = lines.iter().skip(1).position(|l| is_fence(l))? + 1;
    let new_line = format!("index_no: \"{index_no}\"{newline}");
    let existing = (1..close).find(|i| lines[*i].starts_with("index_no:"));
    let date = (1..close).find(|i| lines[*i].starts_with("date:"));
    match (existing, date) {
        (Some(i), _) => lines[i] = &new_line,
        (None, Some(d)) => lines.insert(d + 1, &new_line),
        (None, None) => lines.insert(close, &new_line),
    }
    Some(format!("{}{}", &text[..body_start], lines.concat()))
}

/// Applies the plan to the files under `root/content`, each file replaced atomically.
pub fn apply(root: &Path, plan: &[Assignment]) -> Result<usize, FsError> {
    let mut done = 0;
    for a in plan {
        let path = root.join(crate::content::CONTENT_DIR).join(&a.source);
        let bytes = fs_util::read(&path)?;
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let Some(new) = edit(&text, &a.index_no) else {
            continue;
        };
        let tmp = path.with_extension("md.portal-tmp");
        fs_util::write(&tmp, new.as_bytes())?;
        fs_util::rename(&tmp, &path)?;
        done += 1;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_after_date_keeping_crlf_bom_and_comments() {
        let before = "\u{feff}---\r\ntitle: 通知 # 标题\r\ndate: 2023-03-15\r\n# 备注\r\ntags: [甲]\r\n---\r\n正文\r\n";
        let after = edit(before, "X/2023-00001").unwrap();
        assert_eq!(
            after,
            "\u{feff}---\r\ntitle: 通知 # 标题\r\ndate: 2023-03-15\r\nindex_no: \"X/2023-00001\"\r\n# 备注\r\ntags: [甲]\r\n---\r\n正文\r\n"
        );
    }

    #[test]
    fn fills_an_empty_index_no_line() {
        let after = edit(
            "---\ntitle: a\nindex_no:\ndate: 2023-01-01\n---\n",
            "X/2023-00002",
        )
        .unwrap();
        assert_eq!(
            after,
            "---\ntitle: a\nindex_no: \"X/2023-00002\"\ndate: 2023-01-01\n---\n"
        );
        assert_eq!(edit("no front matter", "x"), None);
    }
}
