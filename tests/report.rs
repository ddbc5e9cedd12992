//! `portal report` on the sample site with a pinned as-of date: the flagged columns in text
//! and JSON, the exit codes of --fail-on, and the one-line summary of `portal build`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use assert_cmd::Command;
use common::{TestSite, item};

fn report(args: &[&str]) -> (String, i32) {
    let out = Command::cargo_bin("portal")
        .unwrap()
        .arg("report")
        .arg("--root")
        .arg(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn sample_as_of_end_of_2023_in_text() {
    let (text, code) = report(&["--as-of", "2023-12-31"]);
    assert_eq!(code, 0);
    let line = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no line for {name}:\n{text}"))
            .to_string()
    };
    assert!(
        line("政策解读").contains("已超期"),
        "the town's admitted weak point is flagged"
    );
    assert!(line("政务动态").contains("47") && line("政务动态").contains("正常"));
    assert!(line("总结计划").contains("即将超期"));
    assert!(
        text.contains("近 52 周中有 45 周有更新（87%）")
            || text.contains("近 52 周中有 45 周有更新（86%）"),
        "{text}"
    );
    assert!(
        text.contains("[接近] 空白栏目 5 个及以上，即单项否决（现为 2 个"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colours when piped");
}

#[test]
fn sample_as_of_end_of_2023_in_json() {
    let (json, _) = report(&["--as-of", "2023-12-31", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema"], "portal.freshness/1");
    assert_eq!(v["as_of"], "2023-12-31");
    let status = |folder: &str| {
        v["columns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["folder"] == folder)
            .unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    for folder in ["gkzd", "ndbg"] {
        assert_eq!(status(folder), "empty", "{folder}");
    }
    for folder in ["zcjd", "zcwj"] {
        assert_eq!(status(folder), "stale", "{folder}");
    }
    assert_eq!(status("zwdt"), "ok");
    assert_eq!(status("zjjh"), "due");
    assert_eq!(v["totals"]["empty"], 2);
    assert_eq!(v["totals"]["stale"], 2);
    let blank = v["vetoes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "blank_columns")
        .unwrap();
    assert_eq!(blank["status"], "near");
    assert_eq!(v["home"]["days_since"], 4);
    let zwdt = v["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["folder"] == "zwdt")
        .unwrap();
    assert_eq!(zwdt["weekly"]["weeks_with_items"], 45);
    assert_eq!(zwdt["week_counts"].as_array().unwrap().len(), 52);
}

#[test]
fn a_month_later_news_is_stale_and_fail_on_exits_3() {
    let (text, code) = report(&["--as-of", "2024-01-31", "--fail-on", "stale"]);
    assert_eq!(code, 3);
    assert!(
        text.lines()
            .any(|l| l.starts_with("政务动态") && l.contains("已超期")),
        "{text}"
    );
    assert!(
        text.contains("[已触发] 首页栏目 2 周内无信息更新"),
        "{text}"
    );
    let (_, code) = report(&["--as-of", "2023-12-31", "--fail-on", "stale"]);
    assert_eq!(code, 3, "empty columns count as failing --fail-on stale");
    let (_, code) = report(&["--as-of", "2023-12-31", "--fail-on", "empty"]);
    assert_eq!(code, 3);
    let (_, code) = report(&["--as-of", "2023-02-30"]);
    assert_eq!(code, 2);
}

#[test]
fn drafts_do_not_count_and_future_items_warn() {
    let site = TestSite::new();
    site.write("content/zwdt/a.md", item("旧动态", "2023-12-01"));
    site.write(
        "content/zwdt/b.md",
        "---\ntitle: 草稿\ndate: 2023-12-28\ndraft: true\n---\n",
    );
    site.write("content/zwdt/c.md", item("明年的动态", "2024-01-05"));
    let v = common::report_json(site.root(), "2023-12-31");
    let zwdt = &v["columns"][0];
    assert_eq!(zwdt["items"], 1);
    assert_eq!(zwdt["newest"]["date"], "2023-12-01");
    assert_eq!(zwdt["status"], "stale");
    assert!(
        v["warnings"][0]
            .as_str()
            .unwrap()
            .contains("content/zwdt/c.md 的发布日期 2024-01-05 晚于统计日期 2023-12-31")
    );
}

#[test]
fn build_prints_a_one_line_freshness_warning() {
    let site = TestSite::new();
    site.write("content/zwdt/a.md", item("旧动态", "2023-01-01"));
    let outcome = site.build_ok();
    let line = outcome
        .warnings
        .iter()
        .map(|w| w.message.clone())
        .find(|m| m.starts_with("更新提醒"))
        .unwrap();
    assert_eq!(
        line,
        "更新提醒：1 个栏目已超期未更新：政务动态；2 个空白栏目：公告公示、政策文件；首页超过 2 周没有新信息。运行 portal report 查看详情。"
    );
}

#[test]
fn html_report_is_self_contained_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    let (_, code) = report(&[
        "--as-of",
        "2023-12-31",
        "--format",
        "html",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!doctype html><html lang=\"zh-CN\">"));
    assert!(!html.contains("<script") && !html.contains("src=\"http") && !html.contains("<link"));
    assert_eq!(
        html.matches("<svg role=\"img\"").count(),
        11,
        "one chart per column"
    );
    assert!(html.contains("<desc id=\"c9-d\">政务动态：近 52 周中有 45 周有更新"));
}
