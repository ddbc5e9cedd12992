//! The annual report's statistics as Markdown, in the layout of 国办公开办函〔2021〕30号
//! (`../shared/domain.md` §2.2–2.5): the 发布信息 paragraph, section 二's one table of four
//! blocks, section 三's table (its three header rows flattened into one, its three label
//! columns kept, so that pasting into Word and merging cells gives the format's table) and
//! section 四's table (15 columns, headers flattened).

use super::annual::AnnualReport;
use super::annual_layout::{CASE_COLUMNS, CASE_GROUPS, COLUMNS, ROWS};

/// Formats an amount in 万元 as written (12.35, 0), without float noise.
pub fn amount(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn table(out: &mut String, rows: &[Vec<String>]) {
    for (i, row) in rows.iter().enumerate() {
        out.push('|');
        for cell in row {
            out.push(' ');
            out.push_str(cell);
            out.push_str(" |");
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            for _ in row {
                out.push_str(" --- |");
            }
            out.push('\n');
        }
    }
    out.push('\n');
}

fn cells<const N: usize>(items: [&str; N]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn padded(mut row: Vec<String>, width: usize) -> Vec<String> {
    row.resize(width, String::new());
    row
}

/// A block of section 二: its header, its column, and its rows with their figures.
type Block = (&'static str, &'static str, Vec<(&'static str, String)>);

/// Section 二: one 4-column table, four blocks, each with its 信息内容 header row.
fn article_20(r: &AnnualReport) -> Vec<Vec<String>> {
    let a = &r.article_20;
    let n = |v: usize| v.to_string();
    let mut rows = vec![
        padded(cells(["第二十条第（一）项"]), 4),
        cells(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
    ];
    for (label, c) in [("规章", a.rules), ("行政规范性文件", a.normative)] {
        rows.push(vec![
            label.into(),
            n(c.issued),
            n(c.repealed),
            n(c.in_force),
        ]);
    }
    let blocks: [Block; 3] = [
        (
            "第二十条第（五）项",
            "本年处理决定数量",
            vec![("行政许可", a.permits.to_string())],
        ),
        (
            "第二十条第（六）项",
            "本年处理决定数量",
            vec![
                ("行政处罚", a.penalties.to_string()),
                ("行政强制", a.enforcement.to_string()),
            ],
        ),
        (
            "第二十条第（八）项",
            "本年收费金额（单位：万元）",
            vec![("行政事业性收费", amount(a.fees_wan_yuan))],
        ),
    ];
    for (header, column, lines) in blocks {
        rows.push(padded(vec![format!("**{header}**")], 4));
        rows.push(padded(cells(["信息内容", column]), 4));
        for (label, value) in lines {
            rows.push(padded(vec![label.into(), value], 4));
        }
    }
    rows
}

/// Section 三: 3 label columns (shown once per group, as the format's merged cells) and the
/// 7 applicant columns.
fn applications(r: &AnnualReport) -> Vec<Vec<String>> {
    let mut header = cells([
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "",
        "",
    ]);
    for (i, (_, label)) in COLUMNS.iter().enumerate() {
        header.push(if i == 0 || i == COLUMNS.len() - 1 {
            label.to_string()
        } else {
            format!("法人或其他组织：{label}")
        });
    }
    let mut rows = vec![header];
    let (mut group, mut sub) = ("", "");
    for (def, row) in ROWS.iter().zip(&r.applications) {
        let mut line = vec![
            if def.group == group {
                String::new()
            } else {
                def.group.to_string()
            },
            if def.sub == sub || def.sub.is_empty() {
                String::new()
            } else {
                def.sub.to_string()
            },
            def.item.to_string(),
        ];
        (group, sub) = (def.group, def.sub);
        line.extend(row.values.values().iter().map(u64::to_string));
        rows.push(line);
    }
    rows
}

/// Section 四: one header row (group：column) and one row of 15 numbers.
fn cases(r: &AnnualReport) -> Vec<Vec<String>> {
    let mut header = Vec::new();
    for (_, group) in CASE_GROUPS {
        for (_, column) in CASE_COLUMNS {
            header.push(format!("{group}：{column}"));
        }
    }
    let values = [r.review, r.litigation_direct, r.litigation_after_review]
        .iter()
        .flat_map(|c| c.values())
        .map(|v| v.to_string())
        .collect();
    vec![header, values]
}

/// The whole statistics part as Markdown.
pub fn markdown(r: &AnnualReport) -> String {
    let mut out = format!(
        "# {}{}年政府信息公开工作年度报告（统计数据）\n\n",
        r.organisation, r.year
    );
    let to = r.counted_to.parse::<jiff::civil::Date>().map_or_else(
        |_| r.counted_to.clone(),
        |d| format!("{}月{}日", d.month(), d.day()),
    );
    out.push_str(&format!(
        "> 由 portal annual-report 生成（格式：国办公开办函〔2021〕30号）。发布信息条数和第二十条第（一）项由网站内容统计（{}年1月1日至{to}，不含草稿）；",
        r.year
    ));
    match &r.data_file {
        Some(f) => out.push_str(&format!("其余数字来自数据文件 {f}。\n\n")),
        None => out.push_str(
            "没有数据文件，行政许可、行政处罚、行政强制、行政事业性收费、依申请公开、行政复议和行政诉讼的数字均按 0 填写。\n\n",
        ),
    }
    out.push_str("## 一、总体情况\n\n");
    out.push_str(&r.published.sentence);
    out.push_str("\n\n## 二、主动公开政府信息情况\n\n");
    table(&mut out, &article_20(r));
    out.push_str("## 三、收到和处理政府信息公开申请情况\n\n");
    table(&mut out, &applications(r));
    out.push_str("## 四、政府信息公开行政复议、行政诉讼情况\n\n");
    table(&mut out, &cases(r));
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_print_as_written() {
        assert_eq!(amount(0.0), "0");
        assert_eq!(amount(12.35), "12.35");
        assert_eq!(amount(3.0), "3");
        assert_eq!(amount(0.1 + 0.2), "0.3");
    }

    #[test]
    fn tables_have_a_separator_after_the_header() {
        let mut out = String::new();
        table(&mut out, &[cells(["a", "b"]), cells(["1", "2"])]);
        assert_eq!(out, "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n");
    }
}
