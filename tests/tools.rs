//! `portal index-no` (assigns 索引号, touching only that line) and `portal catalogue` (CSV).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use assert_cmd::Command;
use common::TestSite;

const CONFIG: &str = "title: 测试站
organisation: 测试镇人民政府
base_url: https://www.example.gov.cn/
index_no:
  org_code: 11360902014526388Q
categories:
  - folder: gggs
    name: 公告公示
    class: 通知公告
";

fn portal(site: &TestSite, args: &[&str]) -> (String, i32) {
    let out = Command::cargo_bin("portal")
        .unwrap()
        .args(args)
        .arg("--root")
        .arg(site.root())
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.write(
        "content/gggs/has.md",
        "---\ntitle: 已有\ndate: 2023-05-01\nindex_no: \"11360902014526388Q/2023-00007\"\n---\n",
    );
    site.write(
        "content/gggs/late.md",
        "---\ntitle: 晚\ndate: 2023-06-01\n---\n正文\n",
    );
    site.write(
        "content/gggs/crlf.md",
        "\u{feff}---\r\n# 元数据（请勿删除两行 ---）\r\ntitle: 带注释的 CRLF 文件   # 标题\r\ndate: 2023-02-01\r\ntags: [甲, 乙]  # 主题词\r\n---\r\n\r\n正文第一行\r\n正文第二行\r\n",
    );
    site.write(
        "content/gggs/old.md",
        "---\ntitle: 旧\ndate: 2022-12-30\n---\n",
    );
    site
}

#[test]
fn dry_run_changes_nothing_and_shows_the_plan() {
    let site = site();
    let before = common::snapshot(&site.root().join("content"));
    let (out, code) = portal(&site, &["index-no", "--dry-run"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("content/gggs/old.md  →  11360902014526388Q/2022-00001"),
        "{out}"
    );
    assert!(
        out.contains("content/gggs/crlf.md  →  11360902014526388Q/2023-00008"),
        "{out}"
    );
    assert!(
        out.contains("content/gggs/late.md  →  11360902014526388Q/2023-00009"),
        "{out}"
    );
    assert_eq!(common::snapshot(&site.root().join("content")), before);
}

#[test]
fn assigns_by_changing_only_the_intended_line() {
    let site = site();
    let (out, code) = portal(&site, &["index-no"]);
    assert_eq!(code, 0, "{out}");
    let crlf = std::fs::read(site.root().join("content/gggs/crlf.md")).unwrap();
    assert_eq!(
        crlf,
        "\u{feff}---\r\n# 元数据（请勿删除两行 ---）\r\ntitle: 带注释的 CRLF 文件   # 标题\r\ndate: 2023-02-01\r\nindex_no: \"11360902014526388Q/2023-00008\"\r\ntags: [甲, 乙]  # 主题词\r\n---\r\n\r\n正文第一行\r\n正文第二行\r\n".as_bytes()
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("content/gggs/has.md")).unwrap(),
        "---\ntitle: 已有\ndate: 2023-05-01\nindex_no: \"11360902014526388Q/2023-00007\"\n---\n",
        "files with a number are untouched"
    );
    let (out, code) = portal(&site, &["index-no"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("所有信息都已有索引号"),
        "second run has nothing to do: {out}"
    );
    site.build_ok();
}

#[test]
fn index_no_without_a_pattern_explains_the_config() {
    let site = TestSite::new();
    let (out, code) = portal(&site, &["index-no"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("site.yaml 中没有设置索引号规则")
            && out.contains("{org_code}/{year}-{serial:05}"),
        "{out}"
    );
}

#[test]
fn catalogue_csv_opens_in_excel() {
    let site = site();
    let file = site.root().join("目录.csv");
    let out = Command::cargo_bin("portal")
        .unwrap()
        .args(["catalogue", "--output"])
        .arg(&file)
        .arg("--root")
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success());
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("索引号,名称,发布机构,成文日期,发布日期,文号,有效性,栏目,URL")
    );
    assert_eq!(
        lines.next(),
        Some(",晚,测试镇人民政府,,2023-06-01,,,公告公示,https://www.example.gov.cn/gggs/late/")
    );
    assert_eq!(text.lines().count(), 5);
}
