//! `portal annual-report` end to end: the sample town's 2023 figures (80 items, all-zero
//! tables, as in its real report), 第二十条第（一）项 counts on a fixture site, the data
//! file's checks (勾稽关系, unknown keys) with located messages, JSON, and usage errors.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use assert_cmd::Command;
use common::{TestSite, item};
use std::path::{Path, PathBuf};

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn annual(root: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("portal")
        .unwrap()
        .arg("annual-report")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code().unwrap_or(-1),
    }
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/annual").join(name)
}

/// The Markdown table row whose first cells are `label`.
fn table_row<'a>(md: &'a str, label: &str) -> &'a str {
    md.lines()
        .find(|l| l.starts_with(&format!("| {label} |")))
        .unwrap_or_else(|| panic!("no row {label}:\n{md}"))
}

#[test]
fn sample_2023_matches_the_towns_report() {
    let r = annual(repo(), &["--year", "2023"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = &r.stdout;
    // The report's own figures (seed: 80; 政务动态47、公告公示17、总结计划2、机构概况1、人事信息1、
    // 预决算公开11、公开指南1), under the site's category names, in site.yaml order.
    let sentence = "2023年，本机关发布信息共计80条，其中：政府信息公开指南1条，机构概况1条，人事信息1条，总结计划2条，预决算公开11条，公告公示17条，政务动态47条。";
    assert!(md.contains(sentence), "{md}");
    for (name, n) in [
        ("政务动态", 47),
        ("公告公示", 17),
        ("总结计划", 2),
        ("机构概况", 1),
        ("人事信息", 1),
        ("预决算公开", 11),
        ("政府信息公开指南", 1),
    ] {
        assert!(
            md.contains(&format!("，{name}{n}条")) || md.contains(&format!("：{name}{n}条")),
            "{name}{n}条"
        );
    }
    assert!(
        !md.contains("政策文件0条") && !md.contains("政策解读"),
        "{md}"
    );
    // Section 二, all zeros as in the seed.
    assert!(md.contains("| 第二十条第（一）项 |  |  |  |\n| --- | --- | --- | --- |\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |"), "{md}");
    assert_eq!(table_row(md, "规章"), "| 规章 | 0 | 0 | 0 |");
    assert_eq!(
        table_row(md, "行政规范性文件"),
        "| 行政规范性文件 | 0 | 0 | 0 |"
    );
    for label in ["行政许可", "行政处罚", "行政强制", "行政事业性收费"] {
        assert_eq!(table_row(md, label), format!("| {label} | 0 |  |  |"));
    }
    for header in [
        "**第二十条第（五）项**",
        "**第二十条第（六）项**",
        "**第二十条第（八）项**",
        "本年收费金额（单位：万元）",
    ] {
        assert!(md.contains(header), "{header}");
    }
    // Section 三: 25 rows of 7 zeros, with the format's labels.
    let zeros = "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |";
    let body: Vec<&str> = md
        .split("## 三、收到和处理政府信息公开申请情况")
        .nth(1)
        .unwrap()
        .split("## 四")
        .next()
        .unwrap()
        .lines()
        .filter(|l| l.ends_with(zeros))
        .collect();
    assert_eq!(body.len(), 25, "{md}");
    assert!(body[0].starts_with("| 一、本年新收政府信息公开申请数量 |"));
    assert!(body[2].starts_with("| 三、本年度办理结果 | （一）予以公开 |  |"));
    assert!(body[4].starts_with("|  | （三）不予公开 | 1.属于国家秘密 |"));
    assert!(body[6].starts_with("|  |  | 3.危及“三安全一稳定” |"));
    assert!(body[23].starts_with("|  | （七）总计 |  |"));
    assert!(body[24].starts_with("| 四、结转下年度继续办理 |"));
    assert!(md.contains("第一项加第二项之和，等于第三项加第四项之和"));
    // Section 四: 15 zeros.
    assert!(md.contains(&format!("|{}\n", " 0 |".repeat(15))), "{md}");
    assert!(md.contains("行政诉讼（复议后起诉）：尚未审结"));
    // No data file: said in the output and on stderr.
    assert!(md.contains("没有数据文件"), "{md}");
    assert!(
        r.stderr.contains("没有找到数据文件 data/annual-2023.yaml"),
        "{}",
        r.stderr
    );
}

#[test]
fn sample_2023_as_json() {
    let r = annual(repo(), &["--year", "2023", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["schema"], "portal.annual-report/1");
    assert_eq!(v["year"], 2023);
    assert_eq!(v["counted_to"], "2023-12-31");
    assert_eq!(v["data_file"], serde_json::Value::Null);
    assert_eq!(v["published"]["total"], 80);
    let cats = v["published"]["categories"].as_array().unwrap();
    assert_eq!(cats.len(), 11, "every category, zeros included");
    let zwdt = cats.iter().find(|c| c["folder"] == "zwdt").unwrap();
    assert_eq!(
        (zwdt["name"].as_str(), zwdt["items"].as_u64()),
        (Some("政务动态"), Some(47))
    );
    assert_eq!(v["article_20"]["normative"]["in_force"], 0);
    assert_eq!(v["applications"].as_array().unwrap().len(), 25);
    assert_eq!(v["applications"][23]["key"], "results.total");
    assert_eq!(v["applications"][23]["values"]["total"], 0);
    assert_eq!(v["litigation_after_review"]["total"], 0);
}

#[test]
fn example_data_file_fills_the_tables() {
    let data = fixture("annual-2023.yaml");
    let r = annual(
        repo(),
        &["--year", "2023", "--data", data.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = &r.stdout;
    assert_eq!(table_row(md, "行政许可"), "| 行政许可 | 35 |  |  |");
    assert_eq!(table_row(md, "行政处罚"), "| 行政处罚 | 4 |  |  |");
    assert_eq!(
        table_row(md, "行政事业性收费"),
        "| 行政事业性收费 | 1.25 |  |  |"
    );
    assert_eq!(
        table_row(md, "一、本年新收政府信息公开申请数量"),
        "| 一、本年新收政府信息公开申请数量 |  |  | 12 | 3 | 0 | 0 | 1 | 0 | 16 |"
    );
    assert!(
        md.contains("|  | （七）总计 |  | 11 | 3 | 0 | 0 | 1 | 0 | 15 |"),
        "{md}"
    );
    assert!(md.contains("| 1 | 0 | 0 | 0 | 1 |"), "{md}");
    assert!(md.contains("其余数字来自数据文件"), "{md}");
    assert!(!r.stderr.contains("没有找到数据文件"), "{}", r.stderr);
}

#[test]
fn blank_template_is_all_zeros() {
    let data = fixture("template.yaml");
    let r = annual(
        repo(),
        &["--year", "2023", "--data", data.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(table_row(&r.stdout, "行政许可"), "| 行政许可 | 0 |  |  |");
}

/// A fixture with 行政规范性文件 issued, repealed and still in force around 2023.
fn policy_site() -> TestSite {
    let site = TestSite::new();
    let doc =
        |title: &str, extra: &str| format!("---\ntitle: {title}\n{extra}---\n\n{title}的正文。\n");
    site.write("content/zwdt/a.md", item("动态一", "2023-02-01"))
        .write("content/zwdt/b.md", item("动态二", "2023-11-30"))
        .write("content/zwdt/old.md", item("旧动态", "2022-12-31"))
        .write("content/zwdt/draft.md", "---\ntitle: 草稿\ndate: 2023-05-01\ndraft: true\n---\n\n草稿。\n")
        // Issued in 2023 (成文日期 counts, not 发布日期), still in force.
        .write(
            "content/zcwj/new-2023.md",
            doc("某某管理办法", "date: 2023-04-12\nwritten: 2023-04-10\ndoc_no: 测府规〔2023〕1号\ndoc_type: 行政规范性文件\nvalidity: 有效\n"),
        )
        // The same document republished as a notice: counted once, by 文号.
        .write(
            "content/gggs/new-2023-again.md",
            doc("关于印发某某管理办法的通知", "date: 2023-04-20\nwritten: 2023-04-10\ndoc_no: 测府规[2023] 1号\ndoc_type: 行政规范性文件\n"),
        )
        // Issued in 2021, repealed in 2023.
        .write(
            "content/zcwj/repealed-2023.md",
            doc("某某暂行规定", "date: 2021-05-06\nwritten: 2021-05-01\ndoc_no: 测府规〔2021〕2号\ndoc_type: 行政规范性文件\nvalidity: 废止\nrepealed: 2023-09-01\n"),
        )
        // Issued in 2021, still valid.
        .write(
            "content/zcwj/valid-2021.md",
            doc("某某实施细则", "date: 2021-06-01\ndoc_no: 测府规〔2021〕3号\ndoc_type: 行政规范性文件\nvalidity: 有效\n"),
        )
        // Issued in 2024: not yet in force at the end of 2023.
        .write(
            "content/zcwj/new-2024.md",
            doc("某某新办法", "date: 2024-03-01\ndoc_no: 测府规〔2024〕1号\ndoc_type: 行政规范性文件\n"),
        )
        // A draft 规范性文件 of 2023 is not counted.
        .write(
            "content/zcwj/draft-2023.md",
            doc("征求意见稿", "date: 2023-06-01\ndoc_type: 行政规范性文件\ndraft: true\n"),
        )
        // A 规章 of 2022 that expired in 2024 was in force at the end of 2023.
        .write(
            "content/zcwj/rule-2022.md",
            doc("某某规章", "date: 2022-01-10\ndoc_type: 规章\nvalidity: 失效\nrepealed: 2024-01-01\n"),
        );
    site
}

#[test]
fn article_20_item_1_counts_documents() {
    let site = policy_site();
    let r = annual(site.root(), &["--year", "2023"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = &r.stdout;
    assert_eq!(
        table_row(md, "行政规范性文件"),
        "| 行政规范性文件 | 1 | 1 | 2 |"
    );
    assert_eq!(table_row(md, "规章"), "| 规章 | 0 | 0 | 1 |");
    assert!(
        md.contains("2023年，本机关发布信息共计4条，其中：政务动态2条，公告公示1条，政策文件1条。"),
        "{md}"
    );
    let r = annual(site.root(), &["--year", "2021"]);
    assert_eq!(
        table_row(&r.stdout, "行政规范性文件"),
        "| 行政规范性文件 | 2 | 0 | 2 |"
    );
    let r = annual(site.root(), &["--year", "2024", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["article_20"]["normative"]["issued"], 1);
    assert_eq!(v["article_20"]["normative"]["in_force"], 3);
    assert_eq!(v["article_20"]["rules"]["repealed"], 1);
    assert_eq!(v["article_20"]["rules"]["in_force"], 0);
}

#[test]
fn repealed_without_a_date_is_a_warning() {
    let site = TestSite::new();
    site.write(
        "content/zcwj/a.md",
        "---\ntitle: 某某办法\ndate: 2022-03-01\ndoc_type: 行政规范性文件\nvalidity: 废止\n---\n\n正文。\n",
    );
    let r = annual(site.root(), &["--year", "2023"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("警告：content/zcwj/a.md 第 5 行：字段 repealed：行政规范性文件的有效性为废止或失效，但没有填写废止日期"),
        "{}",
        r.stderr
    );
    assert_eq!(
        table_row(&r.stdout, "行政规范性文件"),
        "| 行政规范性文件 | 0 | 0 | 0 |"
    );
}

#[test]
fn default_data_file_in_the_site_is_used() {
    let site = TestSite::new();
    site.write("data/annual-2023.yaml", "permits: 7\n");
    let r = annual(site.root(), &["--year", "2023"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(table_row(&r.stdout, "行政许可"), "| 行政许可 | 7 |  |  |");
    assert!(
        r.stdout
            .contains("其余数字来自数据文件 data/annual-2023.yaml")
    );
    assert!(
        r.stdout.contains("2023年，本机关发布信息共计0条。"),
        "{}",
        r.stdout
    );
}

#[test]
fn unbalanced_data_is_rejected_naming_the_row_and_column() {
    let data = fixture("unbalanced.yaml");
    let r = annual(
        repo(),
        &["--year", "2023", "--data", data.to_str().unwrap()],
    );
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.is_empty(), "no report on bad data");
    let e = &r.stderr;
    assert!(e.contains("unbalanced.yaml 第 10 行"), "{e}");
    assert!(e.contains("“自然人”列不平衡"), "{e}");
    assert!(e.contains("一、本年新收 5 + 二、上年结转 1 = 6"), "{e}");
    assert!(
        e.contains("三（七）总计 4 + 四、结转下年度继续办理 1 = 5"),
        "{e}"
    );
    assert!(
        e.contains("第一项加第二项之和，等于第三项加第四项之和"),
        "{e}"
    );
}

#[test]
fn unknown_key_is_rejected_with_its_line() {
    let data = fixture("unknown-key.yaml");
    let r = annual(
        repo(),
        &["--year", "2023", "--data", data.to_str().unwrap()],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("unknown-key.yaml 第 6 行"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("不认识的键 natrual"), "{}", r.stderr);
    assert!(r.stderr.contains("您是不是想写 natural"), "{}", r.stderr);
}

#[test]
fn data_file_for_another_year_is_refused() {
    let data = fixture("annual-2023.yaml");
    let r = annual(
        repo(),
        &["--year", "2022", "--data", data.to_str().unwrap()],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("数据文件写的是 2023 年，但要统计的是 2022 年"),
        "{}",
        r.stderr
    );
}

#[test]
fn missing_explicit_data_file_is_an_error() {
    let r = annual(repo(), &["--year", "2023", "--data", "no-such-file.yaml"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("无法读取数据文件"), "{}", r.stderr);
}

#[test]
fn writes_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("年报统计.md");
    let r = annual(
        repo(),
        &["--year", "2023", "--output", out.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("发布信息共计80条"));
}

#[test]
fn year_defaults_to_last_year() {
    let r = annual(repo(), &["--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let this_year = portal::pipeline::today_in_china().year();
    assert_eq!(v["year"], i64::from(this_year) - 1);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--year", "1999"][..],
        &["--year", "abc"],
        &["--year", "2023", "--format", "xml"],
        &["--year", "2100"],
    ] {
        assert_eq!(annual(repo(), args).code, 2, "{args:?}");
    }
}
