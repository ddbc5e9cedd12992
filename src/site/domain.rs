//! Disclosure-domain relations and checks over the whole site: policy ⇄ interpretation
//! (政策解读, linked both ways from one `interprets:` line), successors of repealed documents
//! (`replaced_by:`), and the 索引号 (format, year, uniqueness). Interpretations published more
//! than 3 working days after their policy are flagged (`../shared/domain.md` §3.7: 解读 is
//! published with the policy; local rules allow at most 3 working days).

use crate::config::SiteConfig;
use crate::config::rules::UpdateClass;
use crate::content::Item;
use crate::content::item::DocType;
use crate::diagnostics::Diagnostic;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use std::collections::{BTreeMap, HashMap};

/// Working days an interpretation may follow its policy.
pub const INTERPRETATION_LIMIT_WORKING_DAYS: i32 = 3;

/// Links between items, by index into `Site::items`.
#[derive(Debug, Default, Clone)]
pub struct Relations {
    /// For each item, the interpretations of it (newest first).
    pub interpretations: Vec<Vec<usize>>,
    /// For each interpretation, the policy it interprets.
    pub original: Vec<Option<usize>>,
    /// For each repealed item, its successor.
    pub successor: Vec<Option<usize>>,
}

/// Resolves a reference to another item written in front matter: a path under `content/`
/// (`zcwj/a.md`, also accepted with a leading `content/`), or relative (`../zcwj/a.md`).
pub fn resolve_ref(from: &str, reference: &str) -> Option<String> {
    let r = reference.trim().trim_start_matches("content/");
    let r = if r.ends_with(".md") {
        r.to_string()
    } else {
        format!("{r}.md")
    };
    if r.starts_with("./") || r.starts_with("../") {
        crate::markdown::resolve_relative(from, &r)
    } else {
        crate::markdown::resolve_relative("x", &r)
    }
}

/// Working days (Monday–Friday) from `a` to `b`; public holidays are not modelled.
pub fn working_days_between(a: Date, b: Date) -> i32 {
    let mut d = a;
    let mut n = 0;
    while d < b {
        d = d.checked_add(1.day()).unwrap_or(b);
        if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            n += 1;
        }
    }
    n
}

fn at(item: &Item, key: &str) -> (String, usize) {
    (format!("content/{}", item.source), item.meta.line_of(key))
}

/// Builds the relations and reports broken references (errors) and late or missing
/// interpretations (warnings).
pub fn relate(config: &SiteConfig, items: &[Item], diags: &mut Vec<Diagnostic>) -> Relations {
    let by_source: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.source.as_str(), i))
        .collect();
    let mut rel = Relations {
        interpretations: vec![Vec::new(); items.len()],
        original: vec![None; items.len()],
        successor: vec![None; items.len()],
    };
    let is_policy = |i: usize| config.categories[items[i].category].class == UpdateClass::Policy;
    for (i, item) in items.iter().enumerate() {
        if !item.meta.interprets.is_empty() {
            let (path, line) = at(item, "interprets");
            let target = resolve_ref(&item.source, &item.meta.interprets)
                .and_then(|t| by_source.get(t.as_str()).copied());
            match target {
                None => diags.push(
                    Diagnostic::error(format!("解读的原文件 {} 不存在或未发布。", item.meta.interprets))
                        .at(&path)
                        .line(line)
                        .field("interprets")
                        .hint("写原文件在 content 下的路径，例如 interprets: zcwj/20230301-某某办法.md。"),
                ),
                Some(t) if !is_policy(t) => diags.push(
                    Diagnostic::error(format!("content/{} 不是政策文件，不能作为解读的原文件。", items[t].source))
                        .at(&path)
                        .line(line)
                        .field("interprets")
                        .hint("interprets 只能指向“政策文件”类栏目（site.yaml 中 class: 政策文件）里的文件。"),
                ),
                Some(t) => {
                    rel.original[i] = Some(t);
                    rel.interpretations[t].push(i);
                    let late = working_days_between(items[t].date, item.date);
                    if late > INTERPRETATION_LIMIT_WORKING_DAYS {
                        diags.push(
                            Diagnostic::warning(format!("解读比原文件（{}）晚 {late} 个工作日发布，超过 {INTERPRETATION_LIMIT_WORKING_DAYS} 个工作日。", items[t].date))
                                .at(&path)
                                .line(at(item, "date").1)
                                .field("date")
                                .hint("政策解读应与政策文件同步发布，最迟不超过 3 个工作日。"),
                        );
                    }
                }
            }
        }
        if !item.meta.replaced_by.is_empty() {
            let (path, line) = at(item, "replaced_by");
            match resolve_ref(&item.source, &item.meta.replaced_by)
                .and_then(|t| by_source.get(t.as_str()).copied())
            {
                Some(t) => rel.successor[i] = Some(t),
                None => diags.push(
                    Diagnostic::error(format!(
                        "替代文件 {} 不存在或未发布。",
                        item.meta.replaced_by
                    ))
                    .at(&path)
                    .line(line)
                    .field("replaced_by")
                    .hint(
                        "写新文件在 content 下的路径，例如 replaced_by: zcwj/20240301-新办法.md。",
                    ),
                ),
            }
        }
    }
    for (i, item) in items.iter().enumerate() {
        let needs = matches!(item.meta.doc_type, Some(DocType::Rule | DocType::Normative));
        if is_policy(i) && needs && rel.interpretations[i].is_empty() {
            diags.push(
                Diagnostic::warning(format!(
                    "{}“{}”还没有政策解读。",
                    item.meta.doc_type.map_or("", DocType::label),
                    item.meta.title
                ))
                .at(format!("content/{}", item.source))
                .line(1)
                .hint("在“政策解读”栏目中发布解读，并在其元数据中写 interprets: 指向本文件。"),
            );
        }
    }
    check_index_numbers(config, items, diags);
    rel
}

fn check_index_numbers(config: &SiteConfig, items: &[Item], diags: &mut Vec<Diagnostic>) {
    let Some(pattern) = &config.index_no else {
        return;
    };
    let mut seen: BTreeMap<&str, &Item> = BTreeMap::new();
    let mut sorted: Vec<&Item> = items
        .iter()
        .filter(|i| !i.meta.index_no.is_empty())
        .collect();
    sorted.sort_by(|a, b| a.source.cmp(&b.source));
    for item in sorted {
        let (path, line) = at(item, "index_no");
        let no = item.meta.index_no.as_str();
        let example = pattern.format(crate::config::index_no::IndexNoParts {
            year: item.date.year(),
            month: Some(item.date.month()),
            serial: 1,
        });
        match pattern.parse(no) {
            None => diags.push(
                Diagnostic::error(format!("索引号“{no}”不符合本站格式 {}。", pattern.pattern))
                    .at(&path)
                    .line(line)
                    .field("index_no")
                    .hint(format!(
                        "应写成 {example} 这样；也可以删除这一行，用 portal index-no 自动编号。"
                    )),
            ),
            Some(parts) if parts.year != item.date.year() => diags.push(
                Diagnostic::error(format!(
                    "索引号中的年份 {} 与发布日期 {} 不一致。",
                    parts.year, item.date
                ))
                .at(&path)
                .line(line)
                .field("index_no")
                .hint(format!("索引号的年份应为发布年份，例如 {example}。")),
            ),
            Some(_) => {}
        }
        if let Some(first) = seen.insert(no, item) {
            diags.push(
                Diagnostic::error(format!("索引号“{no}”与 content/{} 重复。", first.source))
                    .at(&path)
                    .line(line)
                    .field("index_no")
                    .hint("索引号全站唯一且不能重复使用；删除这一行后运行 portal index-no 分配新的索引号。"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn working_days_skip_weekends() {
        // Friday 2023-03-03 → Wednesday 2023-03-08: Mon, Tue, Wed.
        assert_eq!(working_days_between(date(2023, 3, 3), date(2023, 3, 8)), 3);
        assert_eq!(working_days_between(date(2023, 3, 3), date(2023, 3, 9)), 4);
        assert_eq!(working_days_between(date(2023, 3, 3), date(2023, 3, 3)), 0);
    }

    #[test]
    fn references_resolve_from_content_or_relative() {
        assert_eq!(
            resolve_ref("zcjd/a.md", "zcwj/b.md").as_deref(),
            Some("zcwj/b.md")
        );
        assert_eq!(
            resolve_ref("zcjd/a.md", "content/zcwj/b").as_deref(),
            Some("zcwj/b.md")
        );
        assert_eq!(
            resolve_ref("zcjd/a.md", "../zcwj/b.md").as_deref(),
            Some("zcwj/b.md")
        );
        assert_eq!(resolve_ref("zcjd/a.md", "../../etc/passwd"), None);
    }
}
