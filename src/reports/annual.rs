//! `portal annual-report`: the statistics of the 政府信息公开工作年度报告 in the national
//! format (国办公开办函〔2021〕30号, `../shared/domain.md` §2). From content: items published
//! per category in the year (the 发布信息 sentence of 总体情况) and the 第二十条第（一）项 rows
//! (规章, 行政规范性文件: 本年制发 / 本年废止 / 现行有效). From the clerk's data file
//! ([`super::annual_data`]): everything else. This module assembles the report model, which
//! is also the JSON (schema [`SCHEMA`], docs/annual-report.md); [`super::annual_tables`]
//! renders it as Markdown and [`super::annual_cmd`] is the command.

use super::annual_data::AnnualData;
use super::annual_layout::ROWS;
use crate::content::item::{DocType, Validity};
use crate::diagnostics::{self, Diagnostic};
use crate::site::Site;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// Schema id of the JSON output; bumped on any incompatible change.
pub const SCHEMA: &str = "portal.annual-report/1";

/// Items one category published in the year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryCount {
    /// Folder under `content/`.
    pub folder: String,
    /// The category's name in site.yaml.
    pub name: String,
    /// Items dated in the year (drafts and scheduled items excluded).
    pub items: usize,
}

/// The 发布信息 figures of 总体情况.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Published {
    /// All items dated in the year.
    pub total: usize,
    /// The sentence for the report, e.g. “2023年，本机关发布信息共计80条，其中：……。”
    pub sentence: String,
    /// Every category in display order, zeros included.
    pub categories: Vec<CategoryCount>,
}

/// One row of 第二十条第（一）项.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DocCounts {
    /// 本年制发件数: 成文日期 (else 发布日期) in the year.
    pub issued: usize,
    /// 本年废止件数: 废止/失效 with the `repealed` date in the year.
    pub repealed: usize,
    /// 现行有效件数: issued by 31 December and not repealed by then.
    pub in_force: usize,
}

/// Section 二: the four blocks of 第二十条.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Article20 {
    /// 第（一）项 规章.
    pub rules: DocCounts,
    /// 第（一）项 行政规范性文件.
    pub normative: DocCounts,
    /// 第（五）项 行政许可 本年处理决定数量.
    pub permits: u64,
    /// 第（六）项 行政处罚 本年处理决定数量.
    pub penalties: u64,
    /// 第（六）项 行政强制 本年处理决定数量.
    pub enforcement: u64,
    /// 第（八）项 行政事业性收费 本年收费金额（万元）.
    pub fees_wan_yuan: f64,
}

/// The seven 申请人情况 columns of one section 三 row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Applicants {
    /// 自然人.
    pub natural: u64,
    /// 法人或其他组织：商业企业.
    pub business: u64,
    /// 法人或其他组织：科研机构.
    pub research: u64,
    /// 法人或其他组织：社会公益组织.
    pub public_interest: u64,
    /// 法人或其他组织：法律服务机构.
    pub legal: u64,
    /// 法人或其他组织：其他.
    pub other: u64,
    /// 总计.
    pub total: u64,
}

impl Applicants {
    fn from(v: [u64; 7]) -> Self {
        let [
            natural,
            business,
            research,
            public_interest,
            legal,
            other,
            total,
        ] = v;
        Self {
            natural,
            business,
            research,
            public_interest,
            legal,
            other,
            total,
        }
    }

    /// The values in column order.
    pub fn values(&self) -> [u64; 7] {
        [
            self.natural,
            self.business,
            self.research,
            self.public_interest,
            self.legal,
            self.other,
            self.total,
        ]
    }
}

/// One row of section 三.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApplicationRow {
    /// Key path in the data file, e.g. `results.withheld.state_secret`.
    pub key: &'static str,
    /// Short label, e.g. 三（三）1.属于国家秘密.
    pub label: &'static str,
    /// The numbers.
    pub values: Applicants,
}

/// One group of section 四.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Cases {
    /// 结果维持.
    pub upheld: u64,
    /// 结果纠正.
    pub corrected: u64,
    /// 其他结果.
    pub other: u64,
    /// 尚未审结.
    pub pending: u64,
    /// 总计.
    pub total: u64,
}

impl Cases {
    fn from(v: [u64; 5]) -> Self {
        let [upheld, corrected, other, pending, total] = v;
        Self {
            upheld,
            corrected,
            other,
            pending,
            total,
        }
    }

    /// The values in column order.
    pub fn values(&self) -> [u64; 5] {
        [
            self.upheld,
            self.corrected,
            self.other,
            self.pending,
            self.total,
        ]
    }
}

/// The whole statistics part of one year's report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnnualReport {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The calendar year reported on.
    pub year: i16,
    /// Site title.
    pub site: String,
    /// The organisation (site.yaml `organisation`).
    pub organisation: String,
    /// Last day counted: 31 December, or today while the year is still running.
    pub counted_to: String,
    /// The data file used, as given or relative to the site root; None = all zeros.
    pub data_file: Option<String>,
    /// 发布信息 by category.
    pub published: Published,
    /// Section 二.
    pub article_20: Article20,
    /// Section 三, the 25 rows in the format's order.
    pub applications: Vec<ApplicationRow>,
    /// Section 四: 行政复议.
    pub review: Cases,
    /// Section 四: 行政诉讼, 未经复议直接起诉.
    pub litigation_direct: Cases,
    /// Section 四: 行政诉讼, 复议后起诉.
    pub litigation_after_review: Cases,
    /// Things the clerk should check (also printed on stderr).
    pub warnings: Vec<String>,
}

/// Items per category dated in `year`, and the report's sentence.
pub fn published(site: &Site, year: i16) -> Published {
    let categories: Vec<CategoryCount> = site
        .categories
        .iter()
        .map(|c| {
            let cat = &site.config.categories[c.index];
            CategoryCount {
                folder: cat.folder.clone(),
                name: cat.name.clone(),
                items: c
                    .items
                    .iter()
                    .filter(|&&i| site.items[i].date.year() == year)
                    .count(),
            }
        })
        .collect();
    let total = categories.iter().map(|c| c.items).sum();
    let parts: Vec<String> = categories
        .iter()
        .filter(|c| c.items > 0)
        .map(|c| format!("{}{}条", c.name, c.items))
        .collect();
    let sentence = if parts.is_empty() {
        format!("{year}年，本机关发布信息共计0条。")
    } else {
        format!(
            "{year}年，本机关发布信息共计{total}条，其中：{}。",
            parts.join("，")
        )
    };
    Published {
        total,
        sentence,
        categories,
    }
}

/// 文号 written with other brackets or spaces still names the same document.
fn normalise_doc_no(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '[' | '［' | '【' | '(' | '（' => '〔',
            ']' | '］' | '】' | ')' | '）' => '〕',
            c => c,
        })
        .collect()
}

/// One document, however many items publish it.
struct Doc<'a> {
    issued: Date,
    /// None: in force. Some(None): 废止/失效 without a date. Some(Some(d)): repealed on d.
    repealed: Option<Option<Date>>,
    source: &'a str,
    line: usize,
}

/// 本年制发 / 本年废止 / 现行有效 of one document type, counting each document once (by
/// 文号, else by file); documents that cannot be placed add a warning.
pub fn documents(
    site: &Site,
    year: i16,
    doc_type: DocType,
    warnings: &mut Vec<Diagnostic>,
) -> DocCounts {
    let end = Date::new(year, 12, 31).unwrap_or(Date::MAX);
    let mut docs: BTreeMap<String, Doc<'_>> = BTreeMap::new();
    for item in site
        .items
        .iter()
        .filter(|i| i.meta.doc_type == Some(doc_type))
    {
        let m = &item.meta;
        let key = match normalise_doc_no(&m.doc_no) {
            no if no.is_empty() => format!("file:{}", item.source),
            no => format!("no:{no}"),
        };
        let repealed = matches!(m.validity, Some(Validity::Repealed | Validity::Expired))
            .then_some(m.repealed);
        let doc = Doc {
            issued: m.written.unwrap_or(item.date),
            repealed,
            source: &item.source,
            line: m.line_of("validity"),
        };
        docs.entry(key)
            .and_modify(|d| {
                d.issued = d.issued.min(doc.issued);
                d.repealed = match (d.repealed, doc.repealed) {
                    (Some(Some(a)), Some(Some(b))) => Some(Some(a.min(b))),
                    (Some(Some(a)), _) | (_, Some(Some(a))) => Some(Some(a)),
                    (a, b) => a.or(b),
                };
            })
            .or_insert(doc);
    }
    let mut counts = DocCounts::default();
    for doc in docs.values().filter(|d| d.issued <= end) {
        if doc.issued.year() == year {
            counts.issued += 1;
        }
        match doc.repealed {
            None => counts.in_force += 1,
            Some(Some(d)) if d > end => counts.in_force += 1,
            Some(Some(d)) if d.year() == year => counts.repealed += 1,
            Some(Some(_)) => {}
            Some(None) => warnings.push(
                Diagnostic::warning(format!(
                    "{}的有效性为废止或失效，但没有填写废止日期：不计入{year}年的本年废止件数，也不计入现行有效件数。",
                    doc_type.label()
                ))
                .at(format!("content/{}", doc.source))
                .line(doc.line)
                .field("repealed")
                .hint("请添加 repealed: YYYY-MM-DD（废止或失效的日期）。"),
            ),
        }
    }
    counts
}

/// Items of 政策文件 columns issued in the year without a `doc_type`: they may be
/// 规范性文件 the report would miss.
fn untyped_policies(site: &Site, year: i16, warnings: &mut Vec<Diagnostic>) {
    use crate::config::rules::UpdateClass;
    for item in &site.items {
        let policy = site.config.categories[item.category].class == UpdateClass::Policy;
        if policy
            && item.meta.doc_type.is_none()
            && item.meta.written.unwrap_or(item.date).year() == year
        {
            warnings.push(
                Diagnostic::warning(
                    "政策文件没有填写 doc_type（文件类型），未计入第二十条第（一）项的统计。",
                )
                .at(format!("content/{}", item.source))
                .line(1)
                .field("doc_type")
                .hint("添加 doc_type: 规章、行政规范性文件 或 其他文件。"),
            );
        }
    }
}

/// Assembles the report of `year` from the site and the checked data.
pub fn report(
    site: &Site,
    year: i16,
    counted_to: Date,
    data: &AnnualData,
    data_file: Option<String>,
    warnings: &mut Vec<Diagnostic>,
) -> AnnualReport {
    let rules = documents(site, year, DocType::Rule, warnings);
    let normative = documents(site, year, DocType::Normative, warnings);
    untyped_policies(site, year, warnings);
    diagnostics::sort(warnings);
    AnnualReport {
        schema: SCHEMA,
        year,
        site: site.config.title.clone(),
        organisation: site.config.organisation.clone(),
        counted_to: counted_to.to_string(),
        data_file,
        published: published(site, year),
        article_20: Article20 {
            rules,
            normative,
            permits: data.permits,
            penalties: data.penalties,
            enforcement: data.enforcement,
            fees_wan_yuan: data.fees_wan_yuan,
        },
        applications: ROWS
            .iter()
            .zip(data.applications)
            .map(|(r, v)| ApplicationRow {
                key: r.key,
                label: r.name,
                values: Applicants::from(v),
            })
            .collect(),
        review: Cases::from(data.cases[0]),
        litigation_direct: Cases::from(data.cases[1]),
        litigation_after_review: Cases::from(data.cases[2]),
        warnings: warnings.iter().map(ToString::to_string).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_numbers_match_across_bracket_styles() {
        assert_eq!(
            normalise_doc_no("慈府发[2023] 5号"),
            normalise_doc_no("慈府发〔2023〕5号")
        );
        assert_eq!(normalise_doc_no("  "), "");
    }
}
