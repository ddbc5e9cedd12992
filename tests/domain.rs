//! Disclosure-domain checks, each with a fixture and its exact message: policy ⇄
//! interpretation references, late and missing interpretations, successors, 索引号.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::TestSite;

const CONFIG: &str = "title: 测试镇人民政府信息公开
organisation: 测试镇人民政府
base_url: https://www.example.gov.cn/
index_no:
  org_code: 11360902014526388Q
categories:
  - folder: zcwj
    name: 政策文件
    class: 政策文件
  - folder: zcjd
    name: 政策解读
    class: 应更新
    update: 6mo
  - folder: gggs
    name: 公告公示
    class: 通知公告
";

fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.write("content/zcwj/policy.md", "---\ntitle: 某某管理办法\ndate: 2023-03-03\ndoc_no: 慈府发〔2023〕1号\ndoc_type: 行政规范性文件\nindex_no: \"11360902014526388Q/2023-00001\"\n---\n正文\n");
    site.write("content/gggs/notice.md", "---\ntitle: 公告\ndate: 2023-03-01\nindex_no: \"11360902014526388Q/2023-00002\"\n---\n正文\n");
    site
}

fn messages(site: &TestSite) -> Vec<String> {
    match site.build() {
        Ok(o) => o
            .warnings
            .iter()
            .map(ToString::to_string)
            .filter(|m| !m.contains("更新提醒"))
            .collect(),
        Err(_) => site.errors(),
    }
}

#[test]
fn interpretation_links_both_ways() {
    let site = site();
    site.write("content/zcjd/explained.md", "---\ntitle: 《某某管理办法》解读\ndate: 2023-03-08\ninterprets: zcwj/policy.md\n---\n解读\n");
    site.build_ok();
    assert!(
        site.page("zcwj/policy/index.html")
            .contains("<a href=/zcjd/explained/>《某某管理办法》解读</a>")
    );
    assert!(
        site.page("zcjd/explained/index.html")
            .contains("原文件：<a href=/zcwj/policy/>某某管理办法</a>（慈府发〔2023〕1号）")
    );
    assert!(messages(&site).is_empty(), "{:?}", messages(&site));
}

#[test]
fn interpretation_of_a_missing_file() {
    let site = site();
    site.write(
        "content/zcjd/explained.md",
        "---\ntitle: 解读\ndate: 2023-03-08\ninterprets: zcwj/no-such.md\n---\n解读\n",
    );
    assert!(site.errors().contains(&"错误：content/zcjd/explained.md 第 4 行：字段 interprets：解读的原文件 zcwj/no-such.md 不存在或未发布。\n  修改方法：写原文件在 content 下的路径，例如 interprets: zcwj/20230301-某某办法.md。".to_string()), "{:?}", site.errors());
}

#[test]
fn interpretation_of_something_that_is_not_a_policy() {
    let site = site();
    site.write(
        "content/zcjd/explained.md",
        "---\ntitle: 解读\ndate: 2023-03-08\ninterprets: gggs/notice.md\n---\n解读\n",
    );
    assert!(site.errors().contains(&"错误：content/zcjd/explained.md 第 4 行：字段 interprets：content/gggs/notice.md 不是政策文件，不能作为解读的原文件。\n  修改方法：interprets 只能指向“政策文件”类栏目（site.yaml 中 class: 政策文件）里的文件。".to_string()), "{:?}", site.errors());
}

#[test]
fn policy_without_interpretation_is_a_warning() {
    let site = site();
    assert_eq!(
        messages(&site),
        [
            "警告：content/zcwj/policy.md 第 1 行：行政规范性文件“某某管理办法”还没有政策解读。\n  修改方法：在“政策解读”栏目中发布解读，并在其元数据中写 interprets: 指向本文件。"
        ]
    );
}

#[test]
fn late_interpretation_is_a_warning() {
    let site = site();
    // Friday 2023-03-03 → Thursday 2023-03-09 is 4 working days.
    site.write(
        "content/zcjd/explained.md",
        "---\ntitle: 解读\ndate: 2023-03-09\ninterprets: zcwj/policy.md\n---\n解读\n",
    );
    assert_eq!(
        messages(&site),
        [
            "警告：content/zcjd/explained.md 第 3 行：字段 date：解读比原文件（2023-03-03）晚 4 个工作日发布，超过 3 个工作日。\n  修改方法：政策解读应与政策文件同步发布，最迟不超过 3 个工作日。"
        ]
    );
}

#[test]
fn missing_successor() {
    let site = site();
    site.write("content/zcwj/old.md", "---\ntitle: 旧办法\ndate: 2021-03-03\nvalidity: 废止\nreplaced_by: zcwj/nothing.md\n---\n正文\n");
    assert!(site.errors().iter().any(|e| e == "错误：content/zcwj/old.md 第 5 行：字段 replaced_by：替代文件 zcwj/nothing.md 不存在或未发布。\n  修改方法：写新文件在 content 下的路径，例如 replaced_by: zcwj/20240301-新办法.md。"));
}

#[test]
fn index_number_format_year_and_duplicates() {
    let site = site();
    site.write(
        "content/gggs/bad-format.md",
        "---\ntitle: 甲\ndate: 2023-04-01\nindex_no: \"2023-00003\"\n---\n",
    );
    site.write(
        "content/gggs/bad-year.md",
        "---\ntitle: 乙\ndate: 2023-04-02\nindex_no: \"11360902014526388Q/2022-00004\"\n---\n",
    );
    site.write(
        "content/gggs/dup.md",
        "---\ntitle: 丙\ndate: 2023-04-03\nindex_no: \"11360902014526388Q/2023-00002\"\n---\n",
    );
    let errors: Vec<String> = site
        .errors()
        .into_iter()
        .filter(|e| e.starts_with("错误"))
        .collect();
    assert_eq!(
        errors,
        [
            "错误：content/gggs/bad-format.md 第 4 行：字段 index_no：索引号“2023-00003”不符合本站格式 {org_code}/{year}-{serial:05}。\n  修改方法：应写成 11360902014526388Q/2023-00001 这样；也可以删除这一行，用 portal index-no 自动编号。",
            "错误：content/gggs/bad-year.md 第 4 行：字段 index_no：索引号中的年份 2022 与发布日期 2023-04-02 不一致。\n  修改方法：索引号的年份应为发布年份，例如 11360902014526388Q/2023-00001。",
            "错误：content/gggs/notice.md 第 4 行：字段 index_no：索引号“11360902014526388Q/2023-00002”与 content/gggs/dup.md 重复。\n  修改方法：索引号全站唯一且不能重复使用；删除这一行后运行 portal index-no 分配新的索引号。",
        ]
    );
}

#[test]
fn repealed_items_stay_reachable_and_are_marked_in_lists() {
    let site = site();
    site.write("content/zcwj/old.md", "---\ntitle: 旧办法\ndate: 2021-03-03\nvalidity: 废止\nrepealed: 2023-03-03\nreplaced_by: zcwj/policy.md\n---\n正文\n");
    site.build_ok();
    let page = site.page("zcwj/old/index.html");
    assert!(
        page.contains("本文件已废止，仅供查阅。现行文件：<a href=/zcwj/policy/>某某管理办法</a>"),
        "{page}"
    );
    let list = site.page("zcwj/index.html");
    assert!(list.contains("旧办法") && list.contains("废止"));
}

#[test]
fn domain_warnings_are_listed_in_the_freshness_report() {
    let site = site();
    let v = common::report_json(site.root(), "2023-12-31");
    let warnings: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w.as_str())
        .collect();
    assert!(
        warnings.iter().any(|w| w.starts_with(
            "content/zcwj/policy.md 第 1 行：行政规范性文件“某某管理办法”还没有政策解读。"
        )),
        "{warnings:?}"
    );
}
