//! The sample site (the 慈化镇 portal at the repository root) builds, holds exactly the 2023
//! counts of the town's annual report, and every internal link and fragment in it resolves.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn build_sample() -> (tempfile::TempDir, PathBuf, portal::BuildOutcome) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let mut opts = portal::BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    opts.output_dir = Some(public.clone());
    opts.today = Some(common::today());
    let outcome = portal::build(&opts).unwrap();
    (out, public, outcome)
}

/// Item pages of `folder` published in 2023 (the sample's file names start with the date).
fn item_pages(public: &Path, folder: &str) -> usize {
    std::fs::read_dir(public.join(folder))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name().to_string_lossy().starts_with("2023")
                && e.path().join("index.html").is_file()
        })
        .count()
}

#[test]
fn sample_has_the_2023_counts_of_the_annual_report() {
    let (_tmp, public, outcome) = build_sample();
    let warnings: Vec<&str> = outcome
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        warnings,
        [
            "更新提醒：2 个栏目已超期未更新：政策文件、政策解读；2 个空白栏目：政府信息公开制度、政府信息公开工作年度报告。运行 portal report 查看详情。"
        ]
    );
    let counts: BTreeMap<&str, usize> = [
        "zwdt", "gggs", "zjjh", "jggk", "rsxx", "yjsgk", "gkzn", "zcwj", "zcjd", "gkzd", "ndbg",
    ]
    .into_iter()
    .map(|f| (f, item_pages(&public, f)))
    .collect();
    let expected: BTreeMap<&str, usize> = [
        ("zwdt", 47),
        ("gggs", 17),
        ("zjjh", 2),
        ("jggk", 1),
        ("rsxx", 1),
        ("yjsgk", 11),
        ("gkzn", 1),
        ("zcwj", 0),
        ("zcjd", 0),
        ("gkzd", 0),
        ("ndbg", 0),
    ]
    .into_iter()
    .collect();
    assert_eq!(counts, expected);
    assert_eq!(counts.values().sum::<usize>(), 80);
    // 47 news items at 20 per page: three list pages.
    assert!(
        public.join("zwdt/page/3/index.html").is_file() && !public.join("zwdt/page/4").exists()
    );
    let empty = std::fs::read_to_string(public.join("gkzd/index.html")).unwrap();
    assert!(empty.contains("本栏目暂无信息"));
}

/// Every `href`/`src` value in a page.
fn urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=", "src="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let value = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or_default(),
                _ => rest.split([' ', '>']).next().unwrap_or_default(),
            };
            out.push(value.to_string());
        }
    }
    out
}

fn ids(html: &str) -> Vec<String> {
    urls(
        &html
            .replace(" id=", " href=")
            .replace("<h2 id=", "<h2 href=")
            .replace("<h3 id=", "<h3 href=")
            .replace("<main class=site-main id=", "<main href="),
    )
}

#[test]
fn every_internal_link_and_fragment_resolves() {
    let (_tmp, public, _) = build_sample();
    let base = "/cihua/";
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        assert!(
            !html.contains("livereload") && !html.contains("<script"),
            "build output carries no script: {}",
            entry.path().display()
        );
        for url in urls(&html) {
            if url.starts_with("http") || url.starts_with("mailto:") || url.starts_with("tel:") {
                continue;
            }
            let (path, fragment) = url
                .split_once('#')
                .map_or((url.as_str(), None), |(p, f)| (p, Some(f)));
            let target = if path.is_empty() {
                entry.path().to_path_buf()
            } else {
                let rel = path.strip_prefix(base).unwrap_or_else(|| {
                    panic!("{url} in {} lacks the base path", entry.path().display())
                });
                let rel = percent_encoding::percent_decode_str(rel)
                    .decode_utf8()
                    .unwrap();
                let p = public.join(rel.as_ref());
                if p.is_dir() { p.join("index.html") } else { p }
            };
            assert!(
                target.is_file(),
                "{url} in {} is broken",
                entry.path().display()
            );
            if let Some(f) = fragment {
                let f = percent_encoding::percent_decode_str(f)
                    .decode_utf8()
                    .unwrap();
                let page = std::fs::read_to_string(&target).unwrap();
                assert!(
                    ids(&page).iter().any(|i| *i == f),
                    "#{f} missing in {}",
                    target.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "checked only {checked} links");
}

#[test]
fn policy_and_interpretation_link_both_ways_and_repealed_documents_say_so() {
    let (_tmp, public, _) = build_sample();
    let read = |p: &str| common::normalised(&std::fs::read_to_string(public.join(p)).unwrap());
    let policy = read("zcwj/20220308-rural-environment-plan/index.html");
    assert!(
        policy.contains("<h2 id=related-interpretations>政策解读</h2>"),
        "{policy}"
    );
    assert!(policy.contains("href=/cihua/zcjd/20220310-rural-environment-plan-explained/"));
    let interpretation = read("zcjd/20220310-rural-environment-plan-explained/index.html");
    assert!(interpretation.contains("原文件：<a href=/cihua/zcwj/20220308-rural-environment-plan/>慈化镇2022年农村人居环境整治提升实施方案</a>"), "{interpretation}");
    let old = read("zcwj/20210315-rural-environment-plan-2021/index.html");
    assert!(old.contains("本文件已失效，仅供查阅。现行文件：<a href=/cihua/zcwj/20220308-rural-environment-plan/>"), "{old}");
    let list = read("zcwj/index.html");
    assert!(list.contains("失效"), "the list marks the expired document");
}
