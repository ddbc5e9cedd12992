//! The freshness report of a whole site: every column's verdict, the home page, and the
//! forecast of the 单项否决 conditions of 国办秘函〔2019〕19号, as a stable JSON document
//! (schema `portal.freshness/1`, documented in docs/freshness.md), a Chinese terminal table,
//! and a one-line summary for `portal build`.

use super::{Column, ColumnReport, Newest, Status, evaluate_column, judge};
use crate::config::rules::{UpdateClass, UpdateRule};
use crate::site::Site;
use jiff::civil::Date;
use serde::Serialize;

/// Schema id of the JSON output; bumped on any incompatible change.
pub const SCHEMA: &str = "portal.freshness/1";
/// Source of the inspection rules, cited in every veto.
pub const SOURCE: &str = "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》";

/// The home page as a whole.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HomeReport {
    /// Newest item anywhere on the site.
    pub newest: Option<Newest>,
    /// Days since it.
    pub days_since: Option<i32>,
    /// The window in days (14).
    pub limit_days: u32,
    /// The verdict (due from day 10).
    pub status: Status,
}

/// One 单项否决 condition and how close the site is to it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Veto {
    /// Stable id: `home_not_updated`, `columns_not_updated`, `periodic_not_updated`, `blank_columns`.
    pub id: &'static str,
    /// The rule's text.
    pub rule: &'static str,
    /// Where the rule comes from.
    pub source: &'static str,
    /// The site's current figure (days for the home page, columns otherwise).
    pub value: i64,
    /// The veto line (value ≥ threshold fails the inspection).
    pub threshold: i64,
    /// Early-warning line.
    pub warn_at: i64,
    /// `met`, `near` or `clear`.
    pub status: &'static str,
    /// The columns concerned.
    pub columns: Vec<String>,
}

/// Totals over the columns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Totals {
    /// Columns in the site.
    pub columns: usize,
    /// Columns ok.
    pub ok: usize,
    /// Columns due.
    pub due: usize,
    /// Columns stale.
    pub stale: usize,
    /// Columns empty.
    pub empty: usize,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The as-of date (Asia/Shanghai).
    pub as_of: String,
    /// Monday of the first of the 52 weeks in `week_counts`.
    pub first_week: String,
    /// Site title.
    pub site: String,
    /// The home page.
    pub home: HomeReport,
    /// Every column in display order.
    pub columns: Vec<ColumnReport>,
    /// Totals.
    pub totals: Totals,
    /// The 单项否决 forecast.
    pub vetoes: Vec<Veto>,
    /// Items dated after the as-of date (not counted).
    pub warnings: Vec<String>,
}

impl Report {
    /// The worst column status.
    pub fn worst(&self) -> Status {
        self.columns
            .iter()
            .map(|c| c.status)
            .chain([self.home.status])
            .max()
            .unwrap_or(Status::Ok)
    }
}

fn veto(
    id: &'static str,
    rule: &'static str,
    value: i64,
    threshold: i64,
    warn_at: i64,
    columns: Vec<String>,
) -> Veto {
    let status = if value >= threshold {
        "met"
    } else if value >= warn_at {
        "near"
    } else {
        "clear"
    };
    Veto {
        id,
        rule,
        source: SOURCE,
        value,
        threshold,
        warn_at,
        status,
        columns,
    }
}

/// Evaluates the site as of `as_of`. Drafts are never in the site; items after `as_of`
/// are listed as warnings and not counted.
pub fn evaluate(site: &Site, as_of: Date) -> Report {
    let columns: Vec<ColumnReport> = site
        .categories
        .iter()
        .map(|cat| {
            let items = cat.items.iter().map(|i| {
                let it = &site.items[*i];
                (it.date, it.meta.title.as_str(), it.url_path.as_str())
            });
            evaluate_column(
                &site.config,
                &Column {
                    index: cat.index,
                    items: items.collect(),
                },
                as_of,
            )
        })
        .collect();
    let warnings = site
        .items
        .iter()
        .filter(|i| i.date > as_of)
        .map(|i| {
            format!(
                "content/{} 的发布日期 {} 晚于统计日期 {as_of}，未计入。",
                i.source, i.date
            )
        })
        .collect();
    let newest = site.items.iter().find(|i| i.date <= as_of);
    let home_status = judge(UpdateRule::Days(14), newest.map(|i| i.date), as_of).0;
    let home = HomeReport {
        newest: newest.map(|i| Newest {
            date: i.date.to_string(),
            title: i.meta.title.clone(),
            url: i.url_path.clone(),
        }),
        days_since: newest
            .and_then(|i| as_of.since(i.date).ok())
            .map(|s| s.get_days()),
        limit_days: 14,
        status: if home_status == Status::Empty {
            Status::Stale
        } else {
            home_status
        },
    };
    let names = |f: &dyn Fn(&ColumnReport) -> bool| {
        columns
            .iter()
            .filter(|c| f(c))
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
    };
    let class_of = |c: &ColumnReport| {
        site.config
            .categories
            .iter()
            .find(|k| k.folder == c.folder)
            .map(|k| k.class)
    };
    let national = names(&|c| c.nationally_stale);
    let periodic =
        names(&|c| c.status == Status::Stale && class_of(c) != Some(UpdateClass::OnChange));
    let blank = names(&|c| c.status == Status::Empty);
    let vetoes = vec![
        veto(
            "home_not_updated",
            "首页栏目 2 周内无信息更新，即单项否决",
            i64::from(home.days_since.unwrap_or(i32::MAX).min(9999)),
            15,
            10,
            Vec::new(),
        ),
        veto(
            "columns_not_updated",
            "动态、要闻类栏目 2 周未更新与通知公告、政策文件类栏目 6 个月未更新，合计 5 个及以上，即单项否决",
            national.len() as i64,
            5,
            3,
            national,
        ),
        veto(
            "periodic_not_updated",
            "应更新但长期未更新的栏目 10 个及以上，即单项否决",
            periodic.len() as i64,
            10,
            6,
            periodic,
        ),
        veto(
            "blank_columns",
            "空白栏目 5 个及以上，即单项否决",
            blank.len() as i64,
            5,
            2,
            blank,
        ),
    ];
    let count = |s: Status| columns.iter().filter(|c| c.status == s).count();
    let totals = Totals {
        columns: columns.len(),
        ok: count(Status::Ok),
        due: count(Status::Due),
        stale: count(Status::Stale),
        empty: count(Status::Empty),
    };
    Report {
        schema: SCHEMA,
        as_of: as_of.to_string(),
        first_week: super::first_week(as_of).to_string(),
        site: site.config.title.clone(),
        home,
        columns,
        totals,
        vetoes,
        warnings,
    }
}

/// The one-line summary `portal build` prints, or None when every column is fine.
pub fn summary_line(report: &Report) -> Option<String> {
    let list = |s: Status| {
        report
            .columns
            .iter()
            .filter(|c| c.status == s)
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
    };
    let (stale, empty) = (list(Status::Stale), list(Status::Empty));
    let mut parts = Vec::new();
    if !stale.is_empty() {
        parts.push(format!(
            "{} 个栏目已超期未更新：{}",
            stale.len(),
            stale.join("、")
        ));
    }
    if !empty.is_empty() {
        parts.push(format!("{} 个空白栏目：{}", empty.len(), empty.join("、")));
    }
    if report.home.status == Status::Stale {
        parts.push("首页超过 2 周没有新信息".into());
    }
    (!parts.is_empty()).then(|| {
        format!(
            "更新提醒：{}。运行 portal report 查看详情。",
            parts.join("；")
        )
    })
}

/// Pads `s` to `width` display columns (Chinese characters count two).
fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn paint(s: &str, status: Status, colour: bool) -> String {
    if !colour {
        return s.to_string();
    }
    let code = match status {
        Status::Ok => "32",
        Status::Due => "33",
        Status::Stale | Status::Empty => "1;31",
    };
    format!("\x1b[{code}m{s}\x1b[0m")
}

/// The report as a Chinese table for the terminal; `colour` adds ANSI colours.
pub fn to_text(r: &Report, colour: bool) -> String {
    let mut out = format!("{} 栏目更新情况（截至 {}，北京时间）\n\n", r.site, r.as_of);
    out.push_str(&format!(
        "{}{}{}{}{}{}\n",
        pad("栏目", 26),
        pad("条数", 6),
        pad("最新发布", 12),
        pad("距今", 8),
        pad("更新要求", 16),
        "状态"
    ));
    for c in &r.columns {
        let days = c
            .days_since
            .map(|d| format!("{d} 天"))
            .unwrap_or_else(|| "—".into());
        let newest = c
            .newest
            .as_ref()
            .map(|n| n.date.clone())
            .unwrap_or_else(|| "—".into());
        out.push_str(&format!(
            "{}{}{}{}{}{}  {}\n",
            pad(&c.name, 26),
            pad(&c.items.to_string(), 6),
            pad(&newest, 12),
            pad(&days, 8),
            pad(&c.limit, 16),
            paint(c.status.label(), c.status, colour),
            c.reason
        ));
        if let Some(w) = &c.weekly {
            out.push_str(&format!(
                "    近 52 周中有 {} 周有更新（{:.0}%），最长 {} 天没有更新。\n",
                w.weeks_with_items,
                w.share * 100.0,
                w.longest_gap_days
            ));
        }
    }
    let home_days = r
        .home
        .days_since
        .map(|d| format!("{d} 天前"))
        .unwrap_or_else(|| "无信息".into());
    out.push_str(&format!(
        "\n首页：最新信息 {}（{home_days}），要求 2 周内有更新：{}\n",
        r.home.newest.as_ref().map_or("—", |n| n.date.as_str()),
        paint(r.home.status.label(), r.home.status, colour)
    ));
    out.push_str(&format!(
        "合计：{} 个栏目，正常 {}，即将超期 {}，已超期 {}，空白 {}。\n\n单项否决风险（{}）：\n",
        r.totals.columns, r.totals.ok, r.totals.due, r.totals.stale, r.totals.empty, SOURCE
    ));
    for v in &r.vetoes {
        let (label, st) = match v.status {
            "met" => ("已触发", Status::Stale),
            "near" => ("接近", Status::Due),
            _ => ("未触发", Status::Ok),
        };
        let figure = if v.id == "home_not_updated" {
            format!("{} 天未更新", v.value)
        } else {
            format!("{} 个", v.value)
        };
        let cols = if v.columns.is_empty() {
            String::new()
        } else {
            format!("：{}", v.columns.join("、"))
        };
        out.push_str(&format!(
            "  [{}] {}（现为 {figure}，预警线 {}，否决线 {}）{cols}\n",
            paint(label, st, colour),
            v.rule,
            v.warn_at,
            v.threshold
        ));
    }
    for w in &r.warnings {
        out.push_str(&format!("警告：{w}\n"));
    }
    out
}
