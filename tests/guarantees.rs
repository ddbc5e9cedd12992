//! The build's promises: atomic (a failed build changes nothing), deterministic (same input,
//! same bytes), escaped (front matter never becomes markup) and contained (nothing is
//! written outside the output directory).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{TestSite, item, snapshot};
use std::os::unix::fs::MetadataExt;

fn leftovers(site: &TestSite) -> Vec<String> {
    std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("portal-staging"))
        .collect()
}

#[test]
fn failed_build_leaves_output_byte_identical_and_no_temp_dirs() {
    let site = TestSite::new();
    site.write("content/zwdt/a.md", item("第一条", "2023-03-01"));
    site.build_ok();
    let before = snapshot(&site.public());
    site.write("content/zwdt/b.md", item("第二条", "2023-03-02"));
    site.write(
        "content/zwdt/bad.md",
        "---\ntitle: 坏\ndate: 2023-02-30\n---\n",
    );
    assert!(site.build().is_err());
    assert_eq!(snapshot(&site.public()), before, "public/ must not change");
    assert!(
        leftovers(&site).is_empty(),
        "staging dirs left: {:?}",
        leftovers(&site)
    );
    // A template error at render time fails the same way.
    std::fs::remove_file(site.root().join("content/zwdt/bad.md")).unwrap();
    site.write("templates/item.html", "{{ no_such_variable }}");
    assert!(site.build().is_err());
    assert_eq!(snapshot(&site.public()), before);
    assert!(leftovers(&site).is_empty());
}

#[test]
fn successful_rebuild_replaces_the_whole_tree() {
    let site = TestSite::new();
    site.write("content/zwdt/a.md", item("第一条", "2023-03-01"));
    site.build_ok();
    std::fs::remove_file(site.root().join("content/zwdt/a.md")).unwrap();
    site.write("content/zwdt/b.md", item("第二条", "2023-03-02"));
    site.build_ok();
    assert!(!site.has("zwdt/a/index.html"), "removed items disappear");
    assert!(site.has("zwdt/b/index.html"));
    assert!(leftovers(&site).is_empty());
}

#[test]
fn two_builds_are_byte_identical() {
    let site = TestSite::new();
    for i in 0..30 {
        site.write(
            &format!("content/zwdt/n{i:02}.md"),
            item(
                &format!("动态{i}"),
                &format!("2023-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
            ),
        );
    }
    site.write("content/gggs/x.md", item("公告", "2023-05-05"));
    site.build_ok();
    let first = snapshot(&site.public());
    std::fs::remove_dir_all(site.public()).unwrap();
    site.build_ok();
    assert_eq!(snapshot(&site.public()), first);
}

#[test]
fn unchanged_files_keep_their_mtime_and_only_changes_are_counted() {
    let site = TestSite::new();
    site.write("content/zwdt/a.md", item("甲", "2023-03-01"));
    site.write("content/zwdt/b.md", item("乙", "2023-01-01"));
    site.write("content/gggs/c.md", item("丙", "2023-02-01"));
    site.build_ok();
    let mtime = |rel: &str| {
        std::fs::metadata(site.public().join(rel))
            .unwrap()
            .mtime_nsec()
    };
    let (c_before, b_before) = (mtime("gggs/c/index.html"), mtime("zwdt/b/index.html"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = site.build_ok();
    assert_eq!(again.changed, 0, "nothing changed");
    site.write("content/gggs/c.md", item("丙（修订）", "2023-02-01"));
    let outcome = site.build_ok();
    assert_eq!(
        mtime("zwdt/b/index.html"),
        b_before,
        "untouched page keeps its mtime"
    );
    assert_ne!(
        mtime("gggs/c/index.html"),
        c_before,
        "edited page is rewritten"
    );
    assert!(
        outcome.changed >= 1 && outcome.changed < outcome.files,
        "{} of {}",
        outcome.changed,
        outcome.files
    );
}

/// The page with quoted attribute values and the `<title>` text removed: what is left is
/// markup, where a value from front matter must never appear as a tag.
fn markup_only(html: &str) -> String {
    let (mut out, mut in_tag, mut quote) = (String::new(), false, None);
    let html = match (html.find("<title>"), html.find("</title>")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &html[..a + 7], &html[b..]),
        _ => html.to_string(),
    };
    for c in html.chars() {
        match (in_tag, quote) {
            (_, Some(q)) if c == q => quote = None,
            (_, Some(_)) => continue,
            (true, None) if c == '"' || c == '\'' => quote = Some(c),
            (true, None) if c == '>' => in_tag = false,
            (false, None) if c == '<' => in_tag = true,
            _ => {}
        }
        out.push(c);
    }
    out
}

#[test]
fn front_matter_is_escaped_everywhere() {
    let site = TestSite::new();
    site.write(
        "content/zwdt/x.md",
        "---\ntitle: \"</title><script>alert(1)</script>\"\ndate: 2023-03-01\npublisher: \"<img src=x onerror=alert(2)>\"\ntags: [\"<b>粗</b>\"]\nsummary: \"\\\"><script>alert(3)</script>\"\n---\n正文\n",
    );
    site.build_ok();
    for rel in ["zwdt/x/index.html", "zwdt/index.html", "index.html"] {
        let page = markup_only(&site.read(rel));
        assert!(
            !page.contains("<script>"),
            "{rel} has a raw script tag:\n{page}"
        );
        assert!(!page.contains("<img src=x"), "{rel} has a raw img tag");
        assert!(!page.contains("<b>粗"), "{rel} has raw markup from tags");
    }
    let page = site.page("zwdt/x/index.html");
    assert!(page.contains("<h1>&lt;/title>&lt;script>alert(1)&lt;/script></h1>"));
    assert!(
        page.contains("<title>&lt;/title>"),
        "the title cannot close early"
    );
    assert!(!site.read("atom.xml").contains("<script>"));
}

#[test]
fn symlinks_out_of_the_site_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "机密").unwrap();
    let site = TestSite::new();
    site.write("content/zwdt/a.md", item("甲", "2023-03-01"));
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.root().join("content/zwdt/secret.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("content/zwdt/linked")).unwrap();
    let outcome = site.build_ok();
    assert!(!site.has("zwdt/secret.txt") && !site.public().join("zwdt/linked").exists());
    assert!(
        outcome
            .warnings
            .iter()
            .any(|w| w.message.contains("符号链接"))
    );
}

#[test]
fn output_dir_over_the_sources_is_refused() {
    let site = TestSite::new();
    site.write("content/zwdt/a.md", item("甲", "2023-03-01"));
    for bad in [
        site.root().to_path_buf(),
        site.root().join("content"),
        site.root().join("content/zwdt"),
        site.root().join("themes"),
    ] {
        let mut opts = site.options();
        opts.output_dir = Some(bad.clone());
        match portal::build(&opts) {
            Err(portal::BuildError::Site(d)) => {
                assert!(d[0].message.contains("会覆盖网站的源文件"), "{d:?}")
            }
            other => panic!("{} accepted: {other:?}", bad.display()),
        }
    }
    assert!(site.root().join("content/zwdt/a.md").is_file());
}

#[test]
fn links_cannot_point_outside_content() {
    let site = TestSite::new();
    site.write(
        "content/zwdt/a.md",
        "---\ntitle: 甲\ndate: 2023-03-01\n---\n\n[密码](../../../etc/passwd)\n",
    );
    let errors = site.errors();
    assert!(
        errors[0].contains("第 6 行") && errors[0].contains("指向网站内容目录（content）之外"),
        "{errors:?}"
    );
}

#[test]
fn minified_pages_keep_chinese_text_and_pre_blocks() {
    let site = TestSite::new();
    site.write("content/zwdt/a.md", "---\ntitle: 甲\ndate: 2023-03-01\n---\n\n坚持“公开是常态，不公开是例外”。\n\n```\n第一行\n    缩进的  第二行\n```\n");
    site.build_ok();
    let page = site.read("zwdt/a/index.html");
    assert!(page.contains("坚持“公开是常态，不公开是例外”。"));
    assert!(
        page.contains("<pre><code>第一行\n    缩进的  第二行\n</code></pre>"),
        "{page}"
    );
    assert!(!page.contains("\n  <"), "markup whitespace is minified");
}

/// Every output file with its modification time and bytes.
fn stamps(
    dir: &std::path::Path,
) -> std::collections::BTreeMap<std::path::PathBuf, (i64, i64, Vec<u8>)> {
    snapshot(dir)
        .into_iter()
        .map(|(p, bytes)| {
            let m = std::fs::metadata(dir.join(&p)).unwrap();
            (p, (m.mtime(), m.mtime_nsec(), bytes))
        })
        .collect()
}

fn changed(
    before: &std::collections::BTreeMap<std::path::PathBuf, (i64, i64, Vec<u8>)>,
    after: &std::collections::BTreeMap<std::path::PathBuf, (i64, i64, Vec<u8>)>,
) -> Vec<String> {
    let mut out: Vec<String> = after
        .iter()
        .filter(|(p, v)| before.get(*p) != Some(*v))
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

#[test]
fn one_changed_item_rewrites_only_the_files_it_shows_in() {
    let site = TestSite::new();
    for i in 1..=5 {
        site.write(
            &format!("content/zwdt/n{i}.md"),
            item(&format!("动态{i}"), &format!("2023-03-0{i}")),
        );
    }
    site.write("content/gggs/g.md", item("公告", "2023-02-01"));
    site.build_ok();
    let before = stamps(&site.public());
    std::thread::sleep(std::time::Duration::from_millis(20));

    // A body edit shows only on the item's own page.
    site.write(
        "content/zwdt/n3.md",
        "---\ntitle: 动态3\ndate: 2023-03-03\n---\n\n改过的正文。\n",
    );
    let outcome = site.build_ok();
    let after = stamps(&site.public());
    assert_eq!(changed(&before, &after), ["zwdt/n3/index.html"]);
    assert_eq!(outcome.changed, 1, "the build says how many files changed");

    // A title edit shows on the item, its list page (page 2 at two per page), its
    // neighbours (上一篇/下一篇), the home page and the feed; nothing else is rewritten.
    site.write(
        "content/zwdt/n3.md",
        "---\ntitle: 动态三（更正）\ndate: 2023-03-03\n---\n\n改过的正文。\n",
    );
    let outcome = site.build_ok();
    let again = stamps(&site.public());
    assert_eq!(
        changed(&after, &again),
        [
            "atom.xml",
            "index.html",
            "zwdt/n2/index.html",
            "zwdt/n3/index.html",
            "zwdt/n4/index.html",
            "zwdt/page/2/index.html"
        ]
    );
    assert_eq!(outcome.changed, changed(&after, &again).len());
}
