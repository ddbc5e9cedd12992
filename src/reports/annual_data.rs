//! The annual report's figures that content cannot know, from a YAML data file the clerk
//! fills in: 第二十条第（五）（六）（八）项, the section 三 table of applications (申请人情况 ×
//! 25 rows) and the section 四 table of 行政复议 / 行政诉讼. Parsed with the project's YAML
//! layer into serde structs with `deny_unknown_fields` (unknown keys are refused with their
//! line); every number is spanned, so the checks ([`super::annual_checks`]) can give lines.
//! Omitted numbers are 0 and omitted totals are computed.

use super::annual_checks::{Cell, Cells, check_applications, check_cases};
use super::annual_layout::CASE_GROUPS;
use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Spanned, line_of};
use serde::Deserialize;
use std::path::Path;

/// The checked figures of one year; all zeros when there is no data file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnnualData {
    /// 第二十条第（五）项 行政许可 本年处理决定数量.
    pub permits: u64,
    /// 第二十条第（六）项 行政处罚 本年处理决定数量.
    pub penalties: u64,
    /// 第二十条第（六）项 行政强制 本年处理决定数量.
    pub enforcement: u64,
    /// 第二十条第（八）项 行政事业性收费 本年收费金额（万元）.
    pub fees_wan_yuan: f64,
    /// Section 三: one row per [`ROWS`](super::annual_layout::ROWS), one value per [`COLUMNS`](super::annual_layout::COLUMNS), totals filled in.
    pub applications: [[u64; 7]; 25],
    /// Section 四, in [`CASE_GROUPS`] order, each per [`CASE_COLUMNS`](super::annual_layout::CASE_COLUMNS).
    pub cases: [[u64; 5]; 3],
}

// ---------------------------------------------------------------- the file as written

type Num = Option<Spanned<u64>>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawData {
    year: Option<Spanned<i64>>,
    permits: Num,
    penalties: Num,
    enforcement: Num,
    fees_wan_yuan: Option<Spanned<yaml::Value>>,
    applications: Option<Spanned<RawApplications>>,
    review: Option<Spanned<RawCases>>,
    litigation_direct: Option<Spanned<RawCases>>,
    litigation_after_review: Option<Spanned<RawCases>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRow {
    natural: Num,
    business: Num,
    research: Num,
    public_interest: Num,
    legal: Num,
    other: Num,
    total: Num,
}

type Row = Option<Spanned<RawRow>>;

/// A number as written, or an unwritten 0.
fn cell(n: &Num) -> Cell {
    n.as_ref().map_or_else(Cell::default, |s| Cell {
        value: s.value,
        line: Some(line_of(s)),
        given: true,
    })
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawApplications {
    new: Row,
    carried_over: Row,
    results: Option<Spanned<RawResults>>,
    carry_forward: Row,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawResults {
    disclosed: Row,
    partly_disclosed: Row,
    withheld: Option<Spanned<RawWithheld>>,
    unable: Option<Spanned<RawUnable>>,
    not_processed: Option<Spanned<RawNotProcessed>>,
    other: Option<Spanned<RawOther>>,
    total: Row,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawWithheld {
    state_secret: Row,
    prohibited_by_law: Row,
    three_safeties: Row,
    third_party: Row,
    internal_affairs: Row,
    process_info: Row,
    enforcement_files: Row,
    inquiry: Row,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawUnable {
    not_held: Row,
    needs_creation: Row,
    unclear: Row,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawNotProcessed {
    petition: Row,
    repeated: Row,
    publication: Row,
    excessive: Row,
    confirmation: Row,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOther {
    no_correction: Row,
    unpaid_fee: Row,
    other: Row,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCases {
    upheld: Num,
    corrected: Num,
    other: Num,
    pending: Num,
    total: Num,
}

fn row_cells(r: &Row, parent: Option<usize>) -> Cells<7> {
    match r {
        None => Cells {
            line: parent,
            ..Cells::default()
        },
        Some(s) => {
            let v = &s.value;
            Cells {
                cells: [
                    &v.natural,
                    &v.business,
                    &v.research,
                    &v.public_interest,
                    &v.legal,
                    &v.other,
                    &v.total,
                ]
                .map(cell),
                line: Some(line_of(s)),
            }
        }
    }
}

fn case_cells(c: &Option<Spanned<RawCases>>) -> Cells<5> {
    match c {
        None => Cells::default(),
        Some(s) => {
            let v = &s.value;
            Cells {
                cells: [&v.upheld, &v.corrected, &v.other, &v.pending, &v.total].map(cell),
                line: Some(line_of(s)),
            }
        }
    }
}

fn sub_line<T>(s: &Option<Spanned<T>>, parent: Option<usize>) -> Option<usize> {
    s.as_ref().map(line_of).or(parent)
}

/// The 25 rows in [`ROWS`](super::annual_layout::ROWS) order.
fn application_rows(a: &Option<Spanned<RawApplications>>) -> [Cells<7>; 25] {
    let Some(a) = a else {
        return [Cells::default(); 25];
    };
    let top = Some(line_of(a));
    let a = &a.value;
    let dr = RawResults::default();
    let results_line = sub_line(&a.results, top);
    let r = a.results.as_ref().map_or(&dr, |s| &s.value);
    let w_line = sub_line(&r.withheld, results_line);
    let u_line = sub_line(&r.unable, results_line);
    let n_line = sub_line(&r.not_processed, results_line);
    let o_line = sub_line(&r.other, results_line);
    let (dw, du, dn, dot) = (
        RawWithheld::default(),
        RawUnable::default(),
        RawNotProcessed::default(),
        RawOther::default(),
    );
    let w = r.withheld.as_ref().map_or(&dw, |s| &s.value);
    let u = r.unable.as_ref().map_or(&du, |s| &s.value);
    let n = r.not_processed.as_ref().map_or(&dn, |s| &s.value);
    let o = r.other.as_ref().map_or(&dot, |s| &s.value);
    [
        row_cells(&a.new, top),
        row_cells(&a.carried_over, top),
        row_cells(&r.disclosed, results_line),
        row_cells(&r.partly_disclosed, results_line),
        row_cells(&w.state_secret, w_line),
        row_cells(&w.prohibited_by_law, w_line),
        row_cells(&w.three_safeties, w_line),
        row_cells(&w.third_party, w_line),
        row_cells(&w.internal_affairs, w_line),
        row_cells(&w.process_info, w_line),
        row_cells(&w.enforcement_files, w_line),
        row_cells(&w.inquiry, w_line),
        row_cells(&u.not_held, u_line),
        row_cells(&u.needs_creation, u_line),
        row_cells(&u.unclear, u_line),
        row_cells(&n.petition, n_line),
        row_cells(&n.repeated, n_line),
        row_cells(&n.publication, n_line),
        row_cells(&n.excessive, n_line),
        row_cells(&n.confirmation, n_line),
        row_cells(&o.no_correction, o_line),
        row_cells(&o.unpaid_fee, o_line),
        row_cells(&o.other, o_line),
        row_cells(&r.total, results_line),
        row_cells(&a.carry_forward, top),
    ]
}

/// Reads and checks a data file; `shown` is the path used in messages.
pub fn load(path: &Path, shown: &str, year: i16) -> Result<AnnualData, Vec<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| {
        vec![
            Diagnostic::error(format!("无法读取数据文件（{e}）。"))
                .at(shown)
                .hint("请检查 --data 后面的文件路径；不写 --data 时使用网站根目录下的 data/annual-<年度>.yaml。"),
        ]
    })?;
    let text = crate::content::source::decode(&bytes).map_err(|d| vec![d.at(shown)])?;
    parse(&text, shown, year)
}

/// True when the text holds nothing but blank lines and comments.
fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---"
    })
}

/// Parses and checks the text of a data file; every problem is returned, located.
pub fn parse(text: &str, shown: &str, year: i16) -> Result<AnnualData, Vec<Diagnostic>> {
    let raw: RawData = if is_blank(text) {
        RawData::default()
    } else {
        yaml::from_str(text).map_err(|e| {
            let hint = if e.message.contains("正整数") {
                "这里填件数：0 或正整数，不带单位；没有就填 0。".to_string()
            } else {
                e.hint
            };
            let mut d = Diagnostic::error(e.message).hint(hint).at(shown);
            if let Some(line) = e.line {
                d = d.line(line);
            }
            if let Some(field) = e.field {
                d = d.field(field);
            }
            vec![d]
        })?
    };
    let mut diags = Vec::new();
    let err = |line: Option<usize>, field: &str, msg: String, hint: &str| {
        let d = Diagnostic::error(msg).at(shown).field(field).hint(hint);
        match line {
            Some(l) => d.line(l),
            None => d,
        }
    };
    if let Some(y) = &raw.year
        && y.value != i64::from(year)
    {
        diags.push(err(
            Some(line_of(y)),
            "year",
            format!("数据文件写的是 {} 年，但要统计的是 {year} 年。", y.value),
            "请确认用的是本年度的数据文件，或改正 year 一行，或用 --year 指定年度。",
        ));
    }
    let fees = match raw.fees_wan_yuan.as_ref().map(|f| (f, amount(&f.value))) {
        None | Some((_, Some(None))) => 0.0,
        Some((_, Some(Some(v)))) => v,
        Some((f, None)) => {
            let written = match &f.value {
                yaml::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            diags.push(err(
                Some(line_of(f)),
                "fees_wan_yuan",
                format!("收费金额“{written}”不是有效的金额。"),
                "填写本年收费金额，单位万元，不能为负数，例如 fees_wan_yuan: 12.35；没有收费填 0。",
            ));
            0.0
        }
    };
    let mut apps = application_rows(&raw.applications);
    check_applications(&mut apps, &mut diags, &err);
    let mut cases = [
        case_cells(&raw.review),
        case_cells(&raw.litigation_direct),
        case_cells(&raw.litigation_after_review),
    ];
    for (g, (key, label)) in CASE_GROUPS.iter().enumerate() {
        check_cases(&mut cases[g], key, label, &mut diags, &err);
    }
    if !diags.is_empty() {
        // By line; problems on one line keep the order of the checks (column order).
        diags.sort_by_key(|d| d.line.unwrap_or(0));
        return Err(diags);
    }
    let value = |n: &Num| n.as_ref().map_or(0, |s| s.value);
    Ok(AnnualData {
        permits: value(&raw.permits),
        penalties: value(&raw.penalties),
        enforcement: value(&raw.enforcement),
        fees_wan_yuan: fees,
        applications: apps.map(|r| r.cells.map(|c| c.value)),
        cases: cases.map(|r| r.cells.map(|c| c.value)),
    })
}

/// An amount in 万元: Some(None) for an empty value, None when it is not a valid amount.
fn amount(v: &yaml::Value) -> Option<Option<f64>> {
    let n = match v {
        yaml::Value::Null => return Some(None),
        yaml::Value::Number(n) => n.as_f64()?,
        yaml::Value::String(s) => {
            let s = s.trim();
            let s = s.strip_suffix("万元").unwrap_or(s).trim();
            if s.is_empty() {
                return Some(None);
            }
            s.parse::<f64>().ok()?
        }
        _ => return None,
    };
    (n.is_finite() && n >= 0.0).then_some(Some(n))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::reports::annual_layout::*;

    /// Parses a data file that must be accepted (shared with annual_checks' tests).
    pub(crate) fn ok(src: &str) -> AnnualData {
        match parse(src, "data.yaml", 2023) {
            Ok(d) => d,
            Err(d) => panic!("{}", crate::diagnostics::render_all(&d)),
        }
    }

    /// The messages for a data file that must be refused.
    pub(crate) fn errors(src: &str) -> Vec<String> {
        match parse(src, "data.yaml", 2023) {
            Ok(_) => panic!("accepted:\n{src}"),
            Err(d) => d.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn empty_or_comment_only_file_is_all_zeros() {
        assert_eq!(ok(""), AnnualData::default());
        assert_eq!(ok("# 本年度无数据\n\n"), AnnualData::default());
    }

    #[test]
    fn every_row_key_is_accepted_in_order() {
        let mut src = String::from("applications:\n");
        let mut open: Vec<&str> = Vec::new();
        for (i, r) in ROWS.iter().enumerate() {
            let parts: Vec<&str> = r.key.split('.').collect();
            let (parents, leaf) = parts.split_at(parts.len() - 1);
            let common = open.iter().zip(parents).take_while(|(a, b)| a == b).count();
            open.truncate(common);
            for p in &parents[common..] {
                src.push_str(&format!("{}{p}:\n", "  ".repeat(open.len() + 1)));
                open.push(p);
            }
            let v = if r.key == "results.total" || i == NEW {
                continue;
            } else if i == CARRIED_OVER {
                22
            } else {
                1
            };
            src.push_str(&format!(
                "{}{}: {{natural: {v}}}\n",
                "  ".repeat(open.len() + 1),
                leaf[0]
            ));
        }
        let d = ok(&src);
        assert_eq!(d.applications[RESULTS_TOTAL][0], 21);
        assert_eq!(d.applications[CARRY_FORWARD][0], 1);
        assert_eq!(d.applications[CARRIED_OVER][TOTAL_COL], 22);
    }

    #[test]
    fn unknown_key_is_located_with_a_suggestion() {
        let e = errors("permits: 1\napplications:\n  new:\n    natral: 1\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].contains("第 4 行"), "{}", e[0]);
        assert!(e[0].contains("不认识的键 natral"), "{}", e[0]);
        assert!(e[0].contains("natural"), "{}", e[0]);
    }

    #[test]
    fn wrong_year_and_bad_fees_are_refused() {
        let e = errors("year: 2022\nfees_wan_yuan: -3\n");
        assert!(e[0].contains("第 1 行") && e[0].contains("2022"), "{e:?}");
        assert!(e[1].contains("第 2 行") && e[1].contains("“-3”"), "{e:?}");
        let e = errors("fees_wan_yuan: 十二\n");
        assert!(e[0].contains("收费金额“十二”不是有效的金额"), "{e:?}");
        assert_eq!(
            ok("year: 2023\nfees_wan_yuan: 12.35\n").fees_wan_yuan,
            12.35
        );
        assert_eq!(ok("fees_wan_yuan: 3\n").fees_wan_yuan, 3.0);
        assert_eq!(ok("fees_wan_yuan: 1.5万元\n").fees_wan_yuan, 1.5);
        assert_eq!(ok("fees_wan_yuan:\n").fees_wan_yuan, 0.0);
    }

    #[test]
    fn negative_count_is_refused() {
        let e = errors("permits: -1\n");
        assert!(e[0].contains("第 1 行"), "{e:?}");
    }
}
