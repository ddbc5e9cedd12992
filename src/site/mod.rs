//! The site model: the immutable result of config + loaded content that every renderer
//! borrows. Items are sorted newest first with a stable tie-break (time, then path), grouped
//! by category and paginated; cross-item links and duplicate URLs are checked here.

pub mod domain;
pub mod links;
pub mod paginate;

use crate::config::SiteConfig;
use crate::content::{Intro, Item, Loaded};
use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;

/// One category with its items.
#[derive(Debug)]
pub struct CategoryItems {
    /// Index into `config.categories`.
    pub index: usize,
    /// Title and introduction from `_index.md`.
    pub intro: Intro,
    /// Indices into `Site::items`, newest first.
    pub items: Vec<usize>,
}

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    /// The resolved configuration.
    pub config: SiteConfig,
    /// Every published item, newest first across the site.
    pub items: Vec<Item>,
    /// Categories in display order.
    pub categories: Vec<CategoryItems>,
    /// The home page's introduction.
    pub home: Intro,
    /// Files copied as they are, content-relative.
    pub assets: Vec<String>,
    /// Policy ⇄ interpretation and successor links.
    pub relations: domain::Relations,
    /// For each item, its position in its category's list (for 上一篇/下一篇).
    pub position: Vec<usize>,
    /// Where item bodies that were not kept in memory are rendered from.
    pub body_source: crate::content::BodySource,
}

impl Site {
    /// Builds the model; fails with every error found (duplicate URLs, broken links).
    pub fn build(
        config: SiteConfig,
        loaded: Loaded,
    ) -> Result<(Self, Vec<Diagnostic>), Vec<Diagnostic>> {
        let Loaded {
            mut items,
            mut intros,
            home,
            assets,
            diagnostics,
            body_source,
            ..
        } = loaded;
        let mut diags = diagnostics;
        // Sort indices, then move each (large) item once.
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&items[a], &items[b]);
            (b.date, b.meta.time)
                .cmp(&(a.date, a.meta.time))
                .then_with(|| a.source.cmp(&b.source))
        });
        let mut slots: Vec<Option<Item>> =
            std::mem::take(&mut items).into_iter().map(Some).collect();
        items = order.into_iter().filter_map(|i| slots[i].take()).collect();
        check_duplicate_urls(&items, &mut diags);
        links::check(&items, &assets, &mut diags);
        let relations = domain::relate(&config, &items, &mut diags);
        if diags.iter().any(Diagnostic::is_error) {
            return Err(diags);
        }
        let mut per_category: Vec<Vec<usize>> = vec![Vec::new(); config.categories.len()];
        let mut position = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            position.push(per_category[item.category].len());
            per_category[item.category].push(i);
        }
        let categories = per_category
            .into_iter()
            .enumerate()
            .map(|(index, items)| CategoryItems {
                index,
                intro: intros.remove(&index).unwrap_or_default(),
                items,
            })
            .collect();
        Ok((
            Self {
                config,
                items,
                categories,
                home,
                assets,
                relations,
                position,
                body_source,
            },
            diags,
        ))
    }

    /// The URL (root-relative, with base path, encoded) of a path under the site.
    pub fn href(&self, url_path: &str) -> String {
        format!("{}{}", self.config.base_path, encode_path(url_path))
    }

    /// The absolute URL of a path under the site.
    pub fn absolute(&self, url_path: &str) -> String {
        format!("{}{}", self.config.base_url, encode_path(url_path))
    }
}

fn check_duplicate_urls(items: &[Item], diags: &mut Vec<Diagnostic>) {
    let mut by_url: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for item in items {
        by_url.entry(&item.url_path).or_default().push(&item.source);
    }
    for (url, sources) in by_url.into_iter().filter(|(_, s)| s.len() > 1) {
        let mut sources = sources;
        sources.sort();
        let others: Vec<String> = sources[1..]
            .iter()
            .map(|s| format!("content/{s}"))
            .collect();
        diags.push(
            Diagnostic::error(format!(
                "网址 /{url} 被多个文件使用：与 {} 重复。",
                others.join("、")
            ))
            .at(format!("content/{}", sources[0]))
            .hint("同一栏目中的文件名（不含扩展名）必须不同，请给其中一个文件改名。"),
        );
    }
}

/// Characters a URL path must escape; everything else (Chinese included) is kept readable.
fn needs_escape(c: char) -> bool {
    c.is_ascii_control()
        || matches!(
            c,
            ' ' | '"'
                | '#'
                | '%'
                | '<'
                | '>'
                | '?'
                | '`'
                | '{'
                | '}'
                | '\\'
                | '^'
                | '|'
                | '['
                | ']'
                | '\''
        )
}

/// Escapes a URL path for use in an `href`, keeping Chinese characters as they are.
pub fn encode_path(path: &str) -> String {
    percent_encode_where(path, needs_escape)
}

/// Fully percent-encodes a URL path (Chinese too), as sitemap.xml requires.
pub fn encode_path_ascii(path: &str) -> String {
    percent_encode_where(path, |c| needs_escape(c) || !c.is_ascii())
}

/// Percent-encodes the UTF-8 bytes of every character of `path` that `escape` picks.
fn percent_encode_where(path: &str, escape: impl Fn(char) -> bool) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if escape(c) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_keeps_chinese_in_hrefs_only() {
        assert_eq!(encode_path("zwdt/通知 1#/"), "zwdt/通知%201%23/");
        assert_eq!(encode_path_ascii("zwdt/通知/"), "zwdt/%E9%80%9A%E7%9F%A5/");
    }
}
