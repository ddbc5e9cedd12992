//! An item's body HTML: kept in memory (the preview server, which re-renders pages on
//! every save) or, in `portal build`, checked at load and rendered again from the file
//! when the item's page is written, so that the model's memory grows with the metadata
//! and not with the rendered output.

use super::{CONTENT_DIR, front_matter, source};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, LinkContext};
use std::borrow::Cow;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

/// What loading does with item bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bodies {
    /// Front matter only (reports and tools): bodies are neither read nor checked.
    Skip,
    /// Parse and check every body (links, headings, raw HTML) but keep only a digest;
    /// the page pass renders it again ([`Body::Deferred`]).
    Check,
    /// Parse, check and keep the HTML ([`Body::Html`]).
    Keep,
}

/// The body of a loaded item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// Rendered HTML (empty when bodies were skipped).
    Html(String),
    /// Rendered again from the file when needed; `digest` is the Markdown text's hash at
    /// load, so a file saved during the build is noticed instead of published unchecked.
    Deferred {
        /// Hash of the Markdown body that was checked.
        digest: u64,
    },
}

impl Default for Body {
    fn default() -> Self {
        Self::Html(String::new())
    }
}

/// Hash of a Markdown body, to recognise it again within one run.
pub fn digest(markdown: &str) -> u64 {
    let mut h = DefaultHasher::new();
    markdown.hash(&mut h);
    h.finish()
}

/// Where deferred bodies are read from again: the site root and its base path.
#[derive(Clone, Debug, Default)]
pub struct BodySource {
    /// The site root (holding `content/`).
    pub root: PathBuf,
    /// The site's base path, for rewriting links.
    pub base_path: String,
    /// Minify each body rendered again (when the theme was minified once and pages are not
    /// minified as a whole).
    pub minify: bool,
}

impl BodySource {
    /// The HTML of the body of the item at `source` (content-relative path).
    pub fn html<'a>(&self, source: &str, body: &'a Body) -> Result<Cow<'a, str>, Diagnostic> {
        let digest_at_load = match body {
            Body::Html(html) => return Ok(Cow::Borrowed(html)),
            Body::Deferred { digest } => *digest,
        };
        let changed = || {
            Diagnostic::error("文件在生成网站的过程中被修改或删除了。")
                .at(format!("{CONTENT_DIR}/{source}"))
                .hint("等文件保存完成后，重新运行 portal build。")
        };
        let bytes =
            std::fs::read(self.root.join(CONTENT_DIR).join(source)).map_err(|_| changed())?;
        let text = source::decode(&bytes).map_err(|_| changed())?;
        let split = front_matter::split(&text).map_err(|_| changed())?;
        if digest(split.body) != digest_at_load {
            return Err(changed());
        }
        let ctx = LinkContext {
            source,
            base_path: &self.base_path,
        };
        let html = markdown::render(split.body, &ctx).html;
        Ok(Cow::Owned(if self.minify {
            crate::output::minify::fragment(&html)
        } else {
            html
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_with(body: &str) -> (tempfile::TempDir, BodySource) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/zwdt")).unwrap();
        std::fs::write(
            dir.path().join("content/zwdt/a.md"),
            format!("\u{feff}---\r\ntitle: 甲\r\n---\r\n{body}"),
        )
        .unwrap();
        let src = BodySource {
            root: dir.path().to_path_buf(),
            base_path: "/".into(),
            minify: false,
        };
        (dir, src)
    }

    #[test]
    fn deferred_body_renders_the_same_html_as_at_load() {
        let markdown = "## 一、概况\n\n见[另一条](b.md)。\n";
        let (_dir, src) = site_with(&markdown.replace('\n', "\r\n"));
        let ctx = LinkContext {
            source: "zwdt/a.md",
            base_path: "/",
        };
        let at_load = markdown::render(markdown, &ctx).html;
        let body = Body::Deferred {
            digest: digest(markdown),
        };
        assert_eq!(src.html("zwdt/a.md", &body).unwrap(), at_load);
        let kept = Body::Html("<p>x</p>".into());
        assert_eq!(src.html("zwdt/a.md", &kept).unwrap(), "<p>x</p>");
    }

    #[test]
    fn a_file_changed_or_removed_since_load_is_an_error() {
        let (dir, src) = site_with("新正文\n");
        let body = Body::Deferred {
            digest: digest("旧正文\n"),
        };
        let e = src.html("zwdt/a.md", &body).unwrap_err().to_string();
        assert!(
            e.contains("content/zwdt/a.md") && e.contains("被修改或删除"),
            "{e}"
        );
        std::fs::remove_file(dir.path().join("content/zwdt/a.md")).unwrap();
        let body = Body::Deferred {
            digest: digest("新正文\n"),
        };
        assert!(src.html("zwdt/a.md", &body).is_err());
    }
}
