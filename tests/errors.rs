//! One test per error a clerk can cause, each pinning the exact message (file, line, field,
//! what is wrong, how to fix it).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{TestSite, item};

fn one_error(site: &TestSite) -> String {
    let errors = site.errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    errors.into_iter().next().unwrap_or_default()
}

#[test]
fn missing_front_matter() {
    let site = TestSite::new();
    site.write("content/zwdt/a.md", "标题：没有元数据\n\n正文。\n");
    assert_eq!(
        one_error(&site),
        "错误：content/zwdt/a.md 第 1 行：缺少元数据（front matter）：文件第一行必须是 ---。\n  修改方法：文件开头应为：\n  ---\n  title: 标题\n  date: 2023-03-15\n  ---\n  正文……"
    );
}

#[test]
fn unterminated_front_matter() {
    let site = TestSite::new();
    site.write(
        "content/zwdt/a.md",
        "---\ntitle: 标题\ndate: 2023-03-15\n\n正文。\n",
    );
    assert_eq!(
        one_error(&site),
        "错误：content/zwdt/a.md 第 1 行：元数据（front matter）没有结束：找不到第二个 --- 行。\n  修改方法：在最后一个元数据字段（如 date: …）的下一行单独写一行 ---，再写正文。"
    );
}

#[test]
fn yaml_syntax_error_points_at_the_file_line() {
    let site = TestSite::new();
    site.write(
        "content/zwdt/a.md",
        "---\ntitle: 标题\ndate: 2023-03-15\ntags: [安全生产, 防汛\n---\n正文\n",
    );
    let e = one_error(&site);
    assert!(
        e.starts_with("错误：content/zwdt/a.md 第 4 行：YAML 格式错误"),
        "{e}"
    );
    assert!(
        e.contains("修改方法：检查这一行：键和值之间用英文冒号加一个空格"),
        "{e}"
    );
}

#[test]
fn duplicate_key() {
    let site = TestSite::new();
    site.write(
        "content/zwdt/a.md",
        "---\ntitle: 标题\ndate: 2023-03-15\ntitle: 又一个标题\n---\n正文\n",
    );
    assert_eq!(
        one_error(&site),
        "错误：content/zwdt/a.md 第 4 行：字段 title：键 title 重复出现。\n  修改方法：每个键只能写一次，请删除或合并多余的 title 行。"
    );
}

#[test]
fn missing_title_and_date() {
    let site = TestSite::new();
    site.write(
        "content/zwdt/a.md",
        "---\npublisher: 党政办公室\n---\n正文\n",
    );
    assert_eq!(
        site.errors(),
        [
            "错误：content/zwdt/a.md 第 1 行：字段 date：缺少必填字段 date（发布日期）。\n  修改方法：在两行 --- 之间添加 date: 2023-03-15（发布当天的日期）。",
            "错误：content/zwdt/a.md 第 1 行：字段 title：缺少必填字段 title（标题）。\n  修改方法：在两行 --- 之间添加 title: 标题。",
        ]
    );
}

#[test]
fn impossible_date() {
    let site = TestSite::new();
    site.write(
        "content/zwdt/a.md",
        "---\ntitle: 标题\ndate: 2023-02-30\n---\n正文\n",
    );
    assert_eq!(
        one_error(&site),
        "错误：content/zwdt/a.md 第 3 行：字段 date：日期“2023-02-30”不存在：2023 年 2 月只有 28 天。\n  修改方法：发布日期写成 YYYY-MM-DD，例如 date: 2023-03-15；也可加时间，如 2023-03-15 09:30。"
    );
}

#[test]
fn malformed_date() {
    let site = TestSite::new();
    site.write(
        "content/zwdt/a.md",
        "---\ntitle: 标题\ndate: 2023年3月5日\n---\n正文\n",
    );
    assert!(
        one_error(&site).starts_with(
            "错误：content/zwdt/a.md 第 3 行：字段 date：日期“2023年3月5日”格式不对。"
        )
    );
}

#[test]
fn unknown_key_suggests_the_nearest() {
    let site = TestSite::new();
    site.write(
        "content/zwdt/a.md",
        "---\ntitle: 标题\ndate: 2023-03-15\npublsher: 党政办公室\n---\n正文\n",
    );
    assert_eq!(
        one_error(&site),
        "错误：content/zwdt/a.md 第 4 行：字段 publsher：不认识的字段 publsher。\n  修改方法：您是不是想写 publisher？可用的字段：title（标题）、date（发布日期）、publisher（发布机构）、index_no（索引号）、doc_no（文号）、written（成文日期）、validity（有效性）、tags（主题词）、summary（内容概述）、draft（草稿）、interprets（解读的原文件）、replaced_by（替代文件）、doc_type（文件类型）、repealed（废止日期）。"
    );
}

#[test]
fn chinese_key_maps_to_the_real_one() {
    let site = TestSite::new();
    site.write(
        "content/zwdt/a.md",
        "---\ntitle: 标题\ndate: 2023-03-15\n文号: 慈府发〔2023〕1号\n---\n正文\n",
    );
    assert!(one_error(&site).contains("不认识的字段 文号。\n  修改方法：您是不是想写 doc_no？"));
}

#[test]
fn bad_validity() {
    let site = TestSite::new();
    site.write(
        "content/zwdt/a.md",
        "---\ntitle: 标题\ndate: 2023-03-15\nvalidity: 作废\n---\n正文\n",
    );
    assert_eq!(
        one_error(&site),
        "错误：content/zwdt/a.md 第 4 行：字段 validity：有效性“作废”无法识别。\n  修改方法：只能填 有效、废止 或 失效。"
    );
}

#[test]
fn undeclared_folder_lists_the_declared_ones() {
    let site = TestSite::new();
    site.write("content/xwzx/a.md", item("标题", "2023-03-15"));
    site.write("content/xwzx/b.md", item("标题二", "2023-03-16"));
    assert_eq!(
        one_error(&site),
        "错误：content/xwzx：目录 xwzx 不是 site.yaml 中定义的栏目（其中有 2 个 .md 文件未发布）。\n  修改方法：已定义的栏目目录：zwdt（政务动态）、gggs（公告公示）、zcwj（政策文件）。请把文件移到其中之一，或在 site.yaml 的 categories 中添加 folder: xwzx。"
    );
}

#[test]
fn item_at_top_level() {
    let site = TestSite::new();
    site.write("content/a.md", item("标题", "2023-03-15"));
    assert!(one_error(&site).starts_with("错误：content/a.md：信息文件必须放在栏目目录里。"));
}

#[test]
fn two_files_with_the_same_url() {
    let site = TestSite::new();
    site.write("content/zwdt/a.md", item("甲", "2023-03-15"));
    site.write("content/zwdt/2023/a.md", item("乙", "2023-03-16"));
    assert_eq!(
        one_error(&site),
        "错误：content/zwdt/2023/a.md：网址 /zwdt/a/ 被多个文件使用：与 content/zwdt/a.md 重复。\n  修改方法：同一栏目中的文件名（不含扩展名）必须不同，请给其中一个文件改名。"
    );
}

#[test]
fn gbk_file_says_how_to_resave() {
    let site = TestSite::new();
    let (gbk, _, _) = encoding_rs::GBK
        .encode("---\ntitle: 关于开展森林防火检查的通知\ndate: 2023-03-15\n---\n正文\n");
    site.write("content/zwdt/a.md", &gbk);
    assert_eq!(
        one_error(&site),
        "错误：content/zwdt/a.md 第 2 行：文件不是 UTF-8 编码，看起来是 GBK 编码（旧版 Windows 记事本、Word 的默认编码）。\n  修改方法：请用记事本打开此文件，点“文件 → 另存为”，在“编码”中选择“UTF-8”后保存；VS Code 中点击右下角的“GBK”，选“通过编码保存”→“UTF-8”。"
    );
}

#[test]
fn binary_file_with_md_extension() {
    let site = TestSite::new();
    site.write(
        "content/zwdt/a.md",
        [0x89, b'P', b'N', b'G', 0, 0, 0x1a, 0xff],
    );
    let e = one_error(&site);
    assert!(
        e.starts_with("错误：content/zwdt/a.md") && e.contains("不是 UTF-8 编码的文本"),
        "{e}"
    );
}

#[test]
fn template_syntax_error_names_template_and_line() {
    let site = TestSite::new();
    site.write("content/zwdt/a.md", item("标题", "2023-03-15"));
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title \n{% endblock main %}\n",
    );
    let e = one_error(&site);
    assert!(
        e.starts_with("错误：templates/404.html 第 4 行：模板语法错误："),
        "{e}"
    );
}

#[test]
fn template_rendering_error_names_template_and_line() {
    let site = TestSite::new();
    site.write("content/zwdt/a.md", item("标题", "2023-03-15"));
    site.write(
        "templates/404.html",
        "<!doctype html>\n<p>\n{{ no_such_variable }}\n</p>\n",
    );
    let e = one_error(&site);
    assert!(
        e.starts_with("错误：templates/404.html 第 3 行：模板出错："),
        "{e}"
    );
    assert!(e.contains("no_such_variable"), "{e}");
}

#[test]
fn broken_links_are_reported_with_lines() {
    let site = TestSite::new();
    site.write(
        "content/gggs/b.md",
        "---\ntitle: 乙\ndate: 2023-03-01\n---\n\n## 一、概况\n\n内容\n",
    );
    site.write(
        "content/zwdt/a.md",
        "---\ntitle: 甲\ndate: 2023-03-15\n---\n\n见[丙](../gggs/c.md)。\n\n见[乙](../gggs/b.md#二、安排)。\n\n[附件](表.xlsx)\n\n![图](图.png)\n\n[上文](#不存在)\n",
    );
    assert_eq!(
        site.errors(),
        [
            "错误：content/zwdt/a.md 第 6 行：链接的文件 content/gggs/c.md 不存在或未发布（草稿、定时发布）。\n  修改方法：检查文件名和相对路径（../ 表示上一级目录），或去掉这个链接。",
            "错误：content/zwdt/a.md 第 8 行：content/gggs/b.md没有小标题 #二、安排。\n  修改方法：可用的小标题：#一、概况。",
            "错误：content/zwdt/a.md 第 10 行：链接的附件 content/zwdt/表.xlsx 不存在。\n  修改方法：把附件放到链接所写的位置，或改正文件名（注意大小写和扩展名）。",
            "错误：content/zwdt/a.md 第 12 行：链接的附件 content/zwdt/图.png 不存在。\n  修改方法：把附件放到链接所写的位置，或改正文件名（注意大小写和扩展名）。",
            "错误：content/zwdt/a.md 第 14 行：本页没有小标题 #不存在。\n  修改方法：目标页面没有小标题，请去掉 # 及其后的部分。",
        ]
    );
}

#[test]
fn image_without_alt_text() {
    let site = TestSite::new();
    site.write("content/zwdt/p.png", b"\x89PNG");
    site.write(
        "content/zwdt/a.md",
        "---\ntitle: 甲\ndate: 2023-03-15\n---\n\n![](p.png)\n",
    );
    assert_eq!(
        one_error(&site),
        "错误：content/zwdt/a.md 第 6 行：图片缺少替代文字（alt）。\n  修改方法：视障读者靠替代文字了解图片内容，请写成 ![图片内容的说明](图片文件名)。"
    );
}

#[test]
fn five_broken_files_give_five_errors_sorted_by_file() {
    let site = TestSite::new();
    site.write(
        "content/zwdt/e.md",
        "---\ntitle: 五\ndate: 2023-13-01\n---\n",
    );
    site.write("content/zwdt/a.md", "没有元数据\n");
    site.write(
        "content/gggs/c.md",
        "---\ntitle: 三\ndate: 2023-01-01\nfoo: 1\n---\n",
    );
    site.write("content/zwdt/b.md", "---\ndate: 2023-01-01\n---\n");
    site.write(
        "content/zcwj/d.md",
        "---\ntitle: 四\ntitle: 四\ndate: 2023-01-01\n---\n",
    );
    site.write("content/zwdt/ok.md", item("正常", "2023-01-02"));
    let errors = site.errors();
    let files: Vec<&str> = errors
        .iter()
        .map(|e| e.split(' ').next().unwrap_or_default())
        .collect();
    assert_eq!(
        files,
        [
            "错误：content/gggs/c.md",
            "错误：content/zcwj/d.md",
            "错误：content/zwdt/a.md",
            "错误：content/zwdt/b.md",
            "错误：content/zwdt/e.md"
        ]
    );
}

#[test]
fn config_errors_name_key_and_line() {
    let site = TestSite::with_config(&common::CONFIG.replace("title: 测试镇", "titel: 测试镇"));
    assert_eq!(
        one_error(&site),
        "错误：site.yaml 第 1 行：字段 titel：不认识的键 titel。\n  修改方法：您是不是想写 title？可用的键：title、organisation、base_url、language、description、theme、per_page、home_per_category、footer、links、categories、index_no。"
    );
    let site =
        TestSite::with_config(&common::CONFIG.replace("    update: weekly", "    update: 每周"));
    assert_eq!(
        one_error(&site),
        "错误：site.yaml 第 13 行：字段 update：更新规则“每周”无法识别。\n  修改方法：可写 weekly（每周至少一条）、14d（天）、2w（周）、6mo（月）、1y（年）或 on-change（内容变化时更新）"
    );
    let dup = format!(
        "{}  - folder: zwdt\n    name: 重复\n    update: 1y\n",
        common::CONFIG
    );
    let site = TestSite::with_config(&dup);
    assert_eq!(
        one_error(&site),
        "错误：site.yaml 第 22 行：字段 folder：栏目目录 zwdt 重复定义（第 9 行已定义过）。\n  修改方法：每个栏目的 folder 必须不同，请删除或改名其中一个。"
    );
    let site = TestSite::with_config(
        &common::CONFIG.replace("base_url: https://www.example.gov.cn/town/\n", ""),
    );
    assert_eq!(
        one_error(&site),
        "错误：site.yaml 第 1 行：字段 base_url：缺少 base_url（网站地址）。\n  修改方法：请在 site.yaml 中添加一行 base_url: …。"
    );
}

#[test]
fn bom_and_crlf_are_accepted_silently() {
    let site = TestSite::new();
    site.write(
        "content/zwdt/a.md",
        "\u{feff}---\r\ntitle: 带BOM的文件\r\ndate: 2023-03-15\r\n---\r\n\r\n政务\r\n公开。\r\n",
    );
    let outcome = site.build_ok();
    assert!(
        outcome
            .warnings
            .iter()
            .all(|w| w.message.starts_with("更新提醒")),
        "{:?}",
        outcome.warnings
    );
    let page = site.read("zwdt/a/index.html");
    assert!(page.contains("带BOM的文件"));
    assert!(
        page.contains("政务公开。"),
        "soft break between Chinese characters must vanish"
    );
}
