//! `portal build --search` (src/search.rs): the Pagefind index under `pagefind/`, the search
//! page and the header search form exist only in builds with search; a missing, failing or
//! non-extended Pagefind fails the build and leaves the output as it was.
//!
//! The tests that run the real Pagefind look for it as `portal` does (`PORTAL_PAGEFIND`, then
//! `node_modules/` of the repository after `npm ci`, then PATH) and are skipped with a notice
//! when it is absent, unless `PORTAL_SEARCH_TESTS=require` (CI's search step), where they fail.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{TestSite, snapshot};
use portal::BuildError;
use portal::search::SearchOptions;
use std::path::{Path, PathBuf};

/// The real Pagefind, or None (with a printed notice) when it is not installed.
fn pagefind() -> Option<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    match portal::search::find_pagefind(repo, &SearchOptions::default()) {
        Ok(p) => Some(p),
        Err(e) if std::env::var("PORTAL_SEARCH_TESTS").as_deref() == Ok("require") => {
            panic!("PORTAL_SEARCH_TESTS=require but Pagefind is missing:\n{e}")
        }
        Err(e) => {
            eprintln!("SKIPPED (Pagefind is not installed; run npm ci): {e}");
            None
        }
    }
}

fn site() -> TestSite {
    let site = TestSite::new();
    let items = [
        (
            "zwdt/tree.md",
            "镇机关开展义务植树活动",
            "2023-03-10",
            "三月十日，镇机关干部在集镇入口道路两侧开展义务植树活动，共栽植樟树苗二百株。",
        ),
        (
            "zwdt/drill.md",
            "开展防汛应急演练",
            "2023-05-11",
            "镇防汛指挥部组织各村开展山洪灾害转移避险演练，检验了预警和转移流程。",
        ),
        (
            "gggs/discussion.md",
            "关于村级公益事业一事一议筹资的公示",
            "2023-03-03",
            "根据村民代表会议议定，现将一事一议筹资筹劳方案予以公示，公示期七天。",
        ),
        (
            "zcwj/budget.md",
            "慈化镇2023年部门预算",
            "2023-02-21",
            "本年度公用经费主要用于办公、水电和公务用车运行维护，严格控制一般性支出。",
        ),
    ];
    for (path, title, date, body) in items {
        site.write(
            &format!("content/{path}"),
            format!("---\ntitle: {title}\ndate: {date}\n---\n\n{body}\n"),
        );
    }
    site
}

fn with_search(site: &TestSite, pagefind: Option<PathBuf>) -> portal::BuildOptions {
    let mut o = site.options();
    o.search = Some(SearchOptions { pagefind });
    o
}

fn errors(r: Result<portal::BuildOutcome, BuildError>) -> String {
    match r {
        Ok(_) => panic!("build unexpectedly succeeded"),
        Err(BuildError::Site(d)) => portal::diagnostics::render_all(&d),
        Err(e) => e.to_string(),
    }
}

fn html_files(dir: &Path) -> Vec<(PathBuf, String)> {
    snapshot(dir)
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// A stand-in for Pagefind: a shell script with this body.
#[cfg(unix)]
fn fake_pagefind(site: &TestSite, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = site.root().join("fake-pagefind");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn search_build_has_the_index_the_page_and_the_header_form() {
    let Some(bin) = pagefind() else { return };
    let site = site();
    let outcome = portal::build(&with_search(&site, Some(bin))).unwrap();
    assert!(
        outcome.warnings.iter().all(|w| !w.message.contains("搜索")),
        "{:?}",
        outcome.warnings
    );
    for f in [
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
        "search/index.html",
    ] {
        assert!(site.has(f), "{f} missing");
    }
    // One language, the four items and nothing else.
    let entry = site.read("pagefind/pagefind-entry.json");
    assert!(entry.contains("\"zh-cn"), "{entry}");
    assert!(entry.contains("\"page_count\":4"), "{entry}");

    let search = site.page("search/index.html");
    assert!(search.contains("<h1>站内搜索</h1>"), "{search}");
    assert!(search.contains("action=/town/search/"), "{search}");
    assert!(search.contains("type=search"), "{search}");
    assert!(search.contains("<noscript>"), "{search}");
    assert!(search.contains("data-bundle=/town/pagefind/"), "{search}");
    assert!(
        !search.contains("header-search"),
        "no second search box on the search page"
    );

    let home = site.page("index.html");
    assert!(home.contains("class=header-search"), "{home}");
    assert!(home.contains("action=/town/search/"), "{home}");
    assert!(
        !home.contains("data-pagefind"),
        "lists and home are not indexed"
    );
    let item = site.page("zwdt/tree/index.html");
    assert!(item.contains("class=header-search"), "{item}");
    assert!(item.contains("data-pagefind-body"), "{item}");
    assert!(
        item.contains("data-pagefind-filter=栏目:政务动态"),
        "{item}"
    );
    assert!(
        item.contains("data-pagefind-meta=date:2023-03-10"),
        "{item}"
    );
    assert!(!site.page("zwdt/index.html").contains("data-pagefind"));
    // The search page is a real page: in sitemap.xml, not in the 网站地图 lists.
    assert!(site.read("sitemap.xml").contains("/town/search/"));
}

#[test]
fn without_search_there_is_no_index_no_page_and_no_form() {
    let site = site();
    site.build_ok();
    assert!(!site.public().join("pagefind").exists());
    assert!(!site.has("search/index.html"));
    for (path, html) in html_files(&site.public()) {
        for word in ["pagefind", "header-search", "search_url", "/town/search/"] {
            assert!(!html.contains(word), "{} has {word}", path.display());
        }
    }
    assert!(!site.read("sitemap.xml").contains("search"));
}

#[test]
fn turning_search_off_removes_it_and_rebuilding_with_it_changes_nothing() {
    let Some(bin) = pagefind() else { return };
    let site = site();
    let opts = with_search(&site, Some(bin));
    let first = portal::build(&opts).unwrap();
    let before = snapshot(&site.public());
    let again = portal::build(&opts).unwrap();
    assert_eq!(again.files, first.files);
    assert_eq!(again.changed, 0, "Pagefind's output is deterministic");
    assert_eq!(snapshot(&site.public()), before);
    // Index files count as output files and are hard-linked when unchanged.
    assert!(first.files > 20, "{}", first.files);

    site.build_ok();
    assert!(!site.public().join("pagefind").exists());
    assert!(!site.has("search/index.html"));
}

#[test]
fn a_missing_pagefind_fails_with_install_instructions_and_changes_nothing() {
    let site = site();
    site.build_ok();
    let before = snapshot(&site.public());
    let msg = errors(portal::build(&with_search(
        &site,
        Some(site.root().join("no-such-pagefind")),
    )));
    assert!(msg.contains("找不到 Pagefind"), "{msg}");
    assert!(msg.contains("npm ci"), "{msg}");
    assert!(msg.contains("PORTAL_PAGEFIND"), "{msg}");
    assert_eq!(snapshot(&site.public()), before);
}

#[cfg(unix)]
#[test]
fn a_failing_pagefind_fails_the_build_and_changes_nothing() {
    let site = site();
    site.build_ok();
    let before = snapshot(&site.public());
    let fake = fake_pagefind(
        &site,
        "echo 'Running Pagefind v1.6.0 (Extended)'; echo 'Error: disk on fire' >&2; exit 3",
    );
    let msg = errors(portal::build(&with_search(&site, Some(fake))));
    assert!(msg.contains("生成站内搜索索引失败"), "{msg}");
    assert!(msg.contains("disk on fire"), "{msg}");
    assert_eq!(snapshot(&site.public()), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(unix)]
#[test]
fn a_pagefind_without_chinese_segmentation_is_refused() {
    let site = site();
    let fake = fake_pagefind(&site, "echo 'Running Pagefind v1.6.0'; exit 0");
    let msg = errors(portal::build(&with_search(&site, Some(fake))));
    assert!(msg.contains("不是 Pagefind 扩展版"), "{msg}");
    assert!(!site.public().exists());
}

#[test]
fn search_paths_are_reserved() {
    let site = site();
    site.write("static/pagefind/old.js", "// stale copy");
    // Any existing file will do as the binary: the paths are checked before it runs.
    let binary = Some(site.root().join("site.yaml"));
    let msg = errors(portal::build(&with_search(&site, binary)));
    assert!(msg.contains("pagefind/old.js"), "{msg}");
    assert!(msg.contains("留给站内搜索索引"), "{msg}");
}

#[test]
fn the_cli_flag_and_the_environment_default_ask_for_pagefind() {
    let site = site();
    for (args, env) in [
        (vec!["build", "--search"], None),
        (vec!["build"], Some(("PORTAL_SEARCH", "1"))),
    ] {
        let mut cmd = assert_cmd::Command::cargo_bin("portal").unwrap();
        cmd.args(&args)
            .arg("--root")
            .arg(site.root())
            .env("PORTAL_PAGEFIND", site.root().join("missing-pagefind"))
            .env_remove("PORTAL_SEARCH");
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("missing-pagefind"), "{stderr}");
        assert!(stderr.contains("npm ci"), "{stderr}");
    }
    // Without either, PORTAL_PAGEFIND is not even looked at.
    let mut cmd = assert_cmd::Command::cargo_bin("portal").unwrap();
    cmd.args(["build", "--quiet", "--root"])
        .arg(site.root())
        .env("PORTAL_PAGEFIND", site.root().join("missing-pagefind"))
        .env("PORTAL_SEARCH", "0")
        .assert()
        .success();
    assert!(!site.has("search/index.html"));
}
