//! Checking the links found in item bodies: a relative link to a `.md` file must name a
//! published item (and an existing `#heading` in it); a link to an attachment must name a
//! file under `content/`; a `#fragment` must name a heading of the same page.

use crate::content::Item;
use crate::diagnostics::Diagnostic;
use crate::markdown::LinkTarget;
use std::collections::{HashMap, HashSet};

/// Adds an error for every broken internal link.
pub fn check(items: &[Item], assets: &[String], diags: &mut Vec<Diagnostic>) {
    let by_source: HashMap<&str, &Item> = items.iter().map(|i| (i.source.as_str(), i)).collect();
    let asset_set: HashSet<&str> = assets.iter().map(String::as_str).collect();
    for item in items {
        let at = format!("content/{}", item.source);
        for link in &item.links {
            let problem = match &link.target {
                LinkTarget::Item { path, fragment } => match by_source.get(path.as_str()) {
                    None => Some((
                        format!("链接的文件 content/{path} 不存在或未发布（草稿、定时发布）。"),
                        "检查文件名和相对路径（../ 表示上一级目录），或去掉这个链接。".to_string(),
                    )),
                    Some(target) => fragment
                        .as_ref()
                        .filter(|f| !target.heading_ids.iter().any(|h| h == *f))
                        .map(|f| {
                            missing_heading(f, &format!("content/{path}"), &target.heading_ids)
                        }),
                },
                LinkTarget::Asset { path } => (!asset_set.contains(path.as_str())).then(|| {
                    (
                        format!("链接的附件 content/{path} 不存在。"),
                        "把附件放到链接所写的位置，或改正文件名（注意大小写和扩展名）。"
                            .to_string(),
                    )
                }),
                LinkTarget::Local { fragment } => (!item.heading_ids.iter().any(|h| h == fragment))
                    .then(|| missing_heading(fragment, "本页", &item.heading_ids)),
            };
            if let Some((message, hint)) = problem {
                diags.push(
                    Diagnostic::error(message)
                        .at(&at)
                        .line(link.line)
                        .hint(hint),
                );
            }
        }
    }
}

fn missing_heading(fragment: &str, page: &str, ids: &[String]) -> (String, String) {
    let hint = if ids.is_empty() {
        "目标页面没有小标题，请去掉 # 及其后的部分。".to_string()
    } else {
        format!(
            "可用的小标题：{}。",
            ids.iter()
                .map(|i| format!("#{i}"))
                .collect::<Vec<_>>()
                .join("、")
        )
    };
    (format!("{page}没有小标题 #{fragment}。"), hint)
}
