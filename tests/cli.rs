//! CLI transcripts: exit codes (0 ok, 1 site errors, 2 usage) and what the clerk sees.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use assert_cmd::Command;
use common::{TestSite, item};
use predicates::str::contains;

fn portal() -> Command {
    Command::cargo_bin("portal").unwrap()
}

#[test]
fn build_succeeds_and_says_where_the_site_is() {
    let site = TestSite::new();
    site.write("content/zwdt/a.md", item("甲", "2023-03-01"));
    portal()
        .args(["build", "--root"])
        .arg(site.root())
        .assert()
        .code(0)
        .stdout(contains("已生成 10 个页面").and(contains("public")));
}

#[test]
fn no_minify_writes_pages_as_rendered() {
    let site = TestSite::new();
    site.write("content/zwdt/a.md", item("甲", "2023-03-01"));
    let build = |extra: &[&str]| {
        portal()
            .args(["build", "--quiet", "--root"])
            .arg(site.root())
            .args(extra)
            .assert()
            .code(0);
        site.read("zwdt/a/index.html")
    };
    let minified = build(&[]);
    let rendered = build(&["--no-minify"]);
    assert!(!minified.contains("\n  <"), "default output is minified");
    assert!(rendered.contains("\n  <"), "template indentation kept");
    assert!(rendered.len() > minified.len());
    assert!(rendered.contains("<title>甲 - ") && minified.contains("<title>甲 - "));
}

#[test]
fn content_errors_exit_1_with_every_error_and_no_debug_dump() {
    let site = TestSite::new();
    site.write(
        "content/zwdt/a.md",
        "---\ntitle: 甲\ndate: 2023-02-30\n---\n",
    );
    site.write("content/zwdt/b.md", "---\ntitle: 乙\n---\n");
    let out = portal()
        .args(["build", "--root"])
        .arg(site.root())
        .assert()
        .code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("content/zwdt/a.md 第 3 行")
            && stderr.contains("content/zwdt/b.md 第 1 行"),
        "{stderr}"
    );
    assert!(
        stderr.contains("生成失败：共 2 个错误，原有的输出目录没有改动。"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("panicked")
            && !stderr.contains("Error {")
            && !stderr.contains("Diagnostic {"),
        "{stderr}"
    );
}

#[test]
fn missing_site_yaml_explains_root() {
    let dir = tempfile::tempdir().unwrap();
    portal()
        .args(["build", "--root"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(contains("site.yaml").and(contains("--root")));
}

#[test]
fn wrong_usage_exits_2() {
    portal().args(["build", "--no-such-flag"]).assert().code(2);
    portal().arg("frobnicate").assert().code(2);
}

use predicates::prelude::PredicateBooleanExt;
