//! Freshness: which categories (栏目) have gone stale, as pure functions of the site and an
//! as-of date. The windows and the 单项否决 (single-veto) conditions follow the national
//! government-website inspection indicators, 国办秘函〔2019〕19号 《政府网站与政务新媒体检查
//! 指标》 (`../shared/domain.md` §3): 动态要闻类 2 weeks, 通知公告/政策文件类 6 months,
//! 人事/规划计划类 1 year, 首页 2 weeks, 空白栏目 never allowed. The site may set stricter
//! windows (the sample town commits to 一周一更新, `weekly`). Early warnings follow the
//! monitoring products' practice (首页 at 10 days, 空白栏目 at 2).

pub mod html;
pub mod report;

use crate::config::SiteConfig;
use crate::config::rules::{UpdateClass, UpdateRule};
use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

/// Status of one category, worst last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Updated within its window.
    Ok,
    /// Close to its window (early warning), or a weekly column with no item yet this week.
    Due,
    /// Past its window.
    Stale,
    /// No item at all (空白栏目).
    Empty,
}

impl Status {
    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Ok => "正常",
            Self::Due => "即将超期",
            Self::Stale => "已超期",
            Self::Empty => "空白栏目",
        }
    }
}

/// The dated items of one category, newest first, with titles and URLs for the report.
pub struct Column<'a> {
    /// Category index in the config.
    pub index: usize,
    /// Items as (date, title, url path), newest first, drafts already removed.
    pub items: Vec<(Date, &'a str, &'a str)>,
}

/// Weekly-column statistics over the 52 ISO weeks ending with the as-of week.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeeklyStats {
    /// Weeks (of the 52) with at least one item.
    pub weeks_with_items: u32,
    /// weeks_with_items / 52, rounded to 3 decimals.
    pub share: f64,
    /// Longest run of days without an item in that period (to the as-of date).
    pub longest_gap_days: i32,
}

/// The newest item of a column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Newest {
    /// Its date.
    pub date: String,
    /// Its title.
    pub title: String,
    /// Its URL path under the base path.
    pub url: String,
}

/// One category's freshness.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnReport {
    /// Folder.
    pub folder: String,
    /// Chinese name.
    pub name: String,
    /// Inspection class (Chinese).
    pub class: &'static str,
    /// Update rule as written (`weekly`, `14d`, `6mo`, `1y`, `on-change`).
    pub rule: String,
    /// The rule in words.
    pub limit: String,
    /// Items dated on or before the as-of date.
    pub items: usize,
    /// The newest such item.
    pub newest: Option<Newest>,
    /// Days from the newest item to the as-of date.
    pub days_since: Option<i32>,
    /// Last day the column is still fresh without a new item (None for on-change/weekly/empty).
    pub deadline: Option<String>,
    /// The verdict.
    pub status: Status,
    /// Why, in Chinese.
    pub reason: String,
    /// Weekly statistics (weekly columns only).
    pub weekly: Option<WeeklyStats>,
    /// Items per ISO week over the 52 weeks ending with the as-of week, oldest first.
    pub week_counts: Vec<u32>,
    /// Stale under the national window of its class (for the 单项否决 count).
    #[serde(skip)]
    pub nationally_stale: bool,
}

/// Early warning for a window of `days`: the last 2/7 of it (10 of 14 days).
fn warn_from(days: i64) -> i64 {
    days - (days * 2 / 7).max(1)
}

/// The day after which a column with its newest item on `newest` is stale under `rule`.
pub fn deadline(rule: UpdateRule, newest: Date) -> Option<Date> {
    let span = match rule {
        UpdateRule::Days(n) => i64::from(n).days(),
        UpdateRule::Months(n) => i64::from(n).months(),
        UpdateRule::Years(n) => i64::from(n).years(),
        UpdateRule::Weekly | UpdateRule::OnChange => return None,
    };
    newest.checked_add(span).ok()
}

/// The Monday of the ISO week containing `d`.
pub fn week_start(d: Date) -> Date {
    let back = i64::from(d.weekday().to_monday_zero_offset());
    d.checked_sub(back.days()).unwrap_or(d)
}

fn days_between(a: Date, b: Date) -> i32 {
    b.since(a).map(|s| s.get_days()).unwrap_or(0)
}

/// Evaluates a rule for a column whose newest item is `newest`, as of `as_of`.
pub fn judge(rule: UpdateRule, newest: Option<Date>, as_of: Date) -> (Status, String) {
    let Some(newest) = newest else {
        return (Status::Empty, "栏目中没有任何信息。".into());
    };
    match rule {
        UpdateRule::OnChange => (Status::Ok, "按需更新栏目，不要求定期更新。".into()),
        UpdateRule::Weekly => {
            let this_week = week_start(as_of);
            let last_week = this_week.checked_sub(7.days()).unwrap_or(this_week);
            if newest >= this_week {
                (Status::Ok, "本周已更新。".into())
            } else if newest >= last_week {
                (Status::Due, format!("本周（{this_week} 起）还没有更新。"))
            } else {
                (
                    Status::Stale,
                    format!("上周（{last_week} 起）没有更新，违反“一周一更新”。"),
                )
            }
        }
        _ => {
            let Some(end) = deadline(rule, newest) else {
                return (Status::Ok, String::new());
            };
            let window = i64::from(days_between(newest, end));
            let since = i64::from(days_between(newest, as_of));
            if as_of > end {
                (
                    Status::Stale,
                    format!("已超过更新期限（{end}）{} 天。", days_between(end, as_of)),
                )
            } else if since >= warn_from(window) {
                (
                    Status::Due,
                    format!("将于 {end} 后超期，还剩 {} 天。", days_between(as_of, end)),
                )
            } else {
                (Status::Ok, format!("{end} 前更新即可。"))
            }
        }
    }
}

/// The rule in words, for clerks.
pub fn describe(rule: UpdateRule) -> String {
    match rule {
        UpdateRule::Weekly => "每周至少一条".into(),
        UpdateRule::Days(n) if n % 7 == 0 => format!("{} 周内更新", n / 7),
        UpdateRule::Days(n) => format!("{n} 天内更新"),
        UpdateRule::Months(n) => format!("{n} 个月内更新"),
        UpdateRule::Years(n) => format!("{n} 年内更新"),
        UpdateRule::OnChange => "按需更新".into(),
    }
}

/// The Monday of the first of the 52 ISO weeks ending with the week of `as_of`.
pub fn first_week(as_of: Date) -> Date {
    week_start(as_of).checked_sub(51.weeks()).unwrap_or(as_of)
}

/// Items per ISO week over the 52 weeks ending with the week of `as_of`, oldest first.
pub fn week_counts(dates: &[Date], as_of: Date) -> Vec<u32> {
    let first = first_week(as_of);
    let mut weeks = vec![0; 52];
    for d in dates.iter().filter(|d| **d >= first && **d <= as_of) {
        if let Some(w) = weeks.get_mut((days_between(first, *d) / 7) as usize) {
            *w += 1;
        }
    }
    weeks
}

/// Weekly statistics over the 52 ISO weeks ending with the week of `as_of`.
pub fn weekly_stats(dates: &[Date], as_of: Date) -> WeeklyStats {
    let first_week = first_week(as_of);
    let weeks = week_counts(dates, as_of);
    let mut in_window: Vec<Date> = dates.iter().copied().filter(|d| *d <= as_of).collect();
    in_window.sort();
    let start = first_week.checked_sub(1.day()).unwrap_or(first_week);
    let before = in_window
        .iter()
        .rev()
        .find(|d| **d < first_week)
        .copied()
        .unwrap_or(start);
    let mut prev = before;
    let mut longest = 0;
    for d in in_window
        .iter()
        .filter(|d| **d >= first_week)
        .chain(std::iter::once(&as_of))
    {
        longest = longest.max(days_between(prev, *d) - 1);
        prev = *d;
    }
    let with = weeks.iter().filter(|w| **w > 0).count() as u32;
    WeeklyStats {
        weeks_with_items: with,
        share: (f64::from(with) / 52.0 * 1000.0).round() / 1000.0,
        longest_gap_days: longest.max(0),
    }
}

/// Evaluates one column.
pub fn evaluate_column(config: &SiteConfig, column: &Column<'_>, as_of: Date) -> ColumnReport {
    let cat = &config.categories[column.index];
    let counted: Vec<&(Date, &str, &str)> = column
        .items
        .iter()
        .filter(|(d, _, _)| *d <= as_of)
        .collect();
    let newest = counted.first().map(|(d, _, _)| *d);
    let (status, reason) = judge(cat.update, newest, as_of);
    let national = cat.class.default_rule().filter(|_| {
        matches!(
            cat.class,
            UpdateClass::News | UpdateClass::Notice | UpdateClass::Policy
        )
    });
    let nationally_stale = match national {
        Some(rule) => judge(rule, newest, as_of).0 == Status::Stale,
        None => false,
    };
    let dates: Vec<Date> = counted.iter().map(|(d, _, _)| *d).collect();
    let weekly = (cat.update == UpdateRule::Weekly).then(|| weekly_stats(&dates, as_of));
    ColumnReport {
        folder: cat.folder.clone(),
        name: cat.name.clone(),
        class: cat.class.name(),
        rule: cat.update.to_string(),
        limit: describe(cat.update),
        items: counted.len(),
        newest: counted.first().map(|(d, t, u)| Newest {
            date: d.to_string(),
            title: (*t).to_string(),
            url: (*u).to_string(),
        }),
        days_since: newest.map(|d| days_between(d, as_of)),
        deadline: newest
            .and_then(|d| deadline(cat.update, d))
            .map(|d| d.to_string()),
        status,
        reason,
        weekly,
        week_counts: week_counts(&dates, as_of),
        nationally_stale,
    }
}

#[cfg(test)]
mod tests;
