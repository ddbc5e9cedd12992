//! Minifying the theme once (the default) gives the pages that minifying every page gives:
//! on the sample site, every page minified again as a whole is byte for byte the page the
//! page-by-page build wrote, and a theme with a Tera tag inside an HTML tag falls back to
//! page-by-page minification.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{TestSite, item, normalised, snapshot};
use portal::Minify;
use std::path::Path;

fn build(root: &Path, minify: Minify) -> (tempfile::TempDir, Vec<(String, Vec<u8>)>) {
    let out = tempfile::tempdir().unwrap();
    let mut opts = portal::BuildOptions::new(root);
    opts.output_dir = Some(out.path().join("public"));
    opts.today = Some(common::today());
    opts.minify = minify;
    portal::build(&opts).unwrap();
    let files = snapshot(&out.path().join("public"))
        .into_iter()
        .map(|(p, b)| (p.to_string_lossy().replace('\\', "/"), b))
        .collect();
    (out, files)
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

#[test]
fn sample_site_pages_match_page_by_page_minification() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_a, once) = build(root, Minify::ThemeOnce);
    let (_b, every) = build(root, Minify::EveryPage);
    let (_c, off) = build(root, Minify::Off);
    assert_eq!(
        once.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        every.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        "the same files"
    );
    let (mut pages, mut once_bytes, mut every_bytes, mut off_bytes) = (0, 0, 0, 0);
    let mut differ = 0;
    for (((path, a), (_, b)), (_, c)) in once.iter().zip(&every).zip(&off) {
        if !path.ends_with(".html") {
            assert_eq!(a, b, "{path}");
            continue;
        }
        pages += 1;
        differ += usize::from(a != b);
        assert_eq!(
            normalised(text(a)),
            text(b),
            "{path}: minifying the theme once gave other markup than minifying the page"
        );
        (once_bytes, every_bytes, off_bytes) = (
            once_bytes + a.len(),
            every_bytes + b.len(),
            off_bytes + c.len(),
        );
    }
    assert!(pages > 100, "{pages} pages compared");
    // The theme really was minified once: its pages are not those of the page-by-page build
    // byte for byte (they keep quotes around values from the templates).
    assert!(differ * 2 > pages, "{differ} of {pages} pages differ");
    eprintln!("theme once {once_bytes} B, every page {every_bytes} B, off {off_bytes} B");
    // Within 3 % of page-by-page minification (quotes kept around attribute values that
    // hold template output, a few spaces between blocks), and smaller than no minification.
    assert!(
        once_bytes * 100 <= every_bytes * 103 && once_bytes < off_bytes,
        "theme once {once_bytes} B, every page {every_bytes} B, off {off_bytes} B"
    );
}

#[test]
fn a_theme_with_a_tag_inside_an_html_tag_is_minified_page_by_page() {
    let site = TestSite::new();
    site.write("content/zwdt/a.md", item("甲", "2023-03-01"));
    // A site-level override of the list page with a conditional attribute.
    site.write(
        "templates/list.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1 class=\"list\"{% if pager.total > 0 %} data-pages=\"{{ pager.total }}\"{% endif %}>\n  {{ category.name }}\n</h1>\n{% endblock content %}\n",
    );
    let (_a, once) = build(site.root(), Minify::ThemeOnce);
    let (_b, every) = build(site.root(), Minify::EveryPage);
    assert_eq!(once, every, "falls back to minifying every page");
    let list = once.iter().find(|(p, _)| p == "zwdt/index.html").unwrap();
    assert!(
        text(&list.1).contains("<h1 class=list data-pages=1>政务动态</h1>"),
        "{}",
        text(&list.1)
    );
}

#[test]
fn a_template_error_still_names_the_line_of_the_file() {
    let site = TestSite::new();
    site.write("content/zwdt/a.md", item("甲", "2023-03-01"));
    site.write(
        "templates/item.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<article>\n  <h1>{{ item.title }}</h1>\n\n  <p>{{ item.no_such_field.deeper }}</p>\n</article>\n{% endblock content %}\n",
    );
    let errors = site.errors().join("\n");
    assert!(
        errors.contains("templates/item.html") && errors.contains("第 6 行"),
        "{errors}"
    );
}
