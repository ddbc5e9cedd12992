//! Markdown to HTML with pulldown-cmark, tuned for Chinese government text: tables,
//! footnotes, strikethrough and heading attributes on; smart punctuation off; no space
//! from a line break between two Chinese characters; heading ids that keep Chinese text;
//! relative links to `.md` files rewritten to item URLs and recorded for checking.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// Where a body is rendered from, for resolving its relative links.
pub struct LinkContext<'a> {
    /// The item's path under `content/`, with `/` separators (e.g. `zwdt/a.md`).
    pub source: &'a str,
    /// The site's base path (`/` or `/cihua/`).
    pub base_path: &'a str,
}

/// A link found in a body that the site model must check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    /// Another item's Markdown file (content-relative path) and an optional `#fragment`.
    Item {
        path: String,
        fragment: Option<String>,
    },
    /// A file beside the items (attachment, image), content-relative.
    Asset { path: String },
    /// A `#fragment` in the same page.
    Local { fragment: String },
}

/// A link with the body line it is written on (1-based, relative to the body).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundLink {
    /// What it points to.
    pub target: LinkTarget,
    /// Line within the body.
    pub line: usize,
}

/// A problem in the Markdown itself (line within the body, message, hint).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Line within the body.
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// A rendered body.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Ids given to the headings, in order.
    pub heading_ids: Vec<String>,
    /// Links to check against the rest of the site.
    pub links: Vec<FoundLink>,
    /// Problems found while rendering.
    pub problems: Vec<Problem>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown body.
pub fn render(body: &str, ctx: &LinkContext<'_>) -> Rendered {
    process(body, ctx, true)
}

/// Checks a Markdown body as [`render`] does (heading ids, links, problems) without
/// producing its HTML: `portal build` renders each body again when its page is written.
pub fn check(body: &str, ctx: &LinkContext<'_>) -> Rendered {
    process(body, ctx, false)
}

fn process(body: &str, ctx: &LinkContext<'_>, emit_html: bool) -> Rendered {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_at = |offset: usize| line_starts.partition_point(|s| *s <= offset).max(1);
    let mut events: Vec<(Event<'_>, usize)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .map(|(e, r)| (e, line_at(r.start)))
        .collect();
    let mut out = Rendered::default();
    assign_heading_ids(&mut events, &mut out.heading_ids);
    rewrite_links(&mut events, ctx, &mut out);
    if !emit_html {
        return out;
    }
    drop_cjk_soft_breaks(&mut events);
    let raw_html = events
        .iter()
        .any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter().map(|(e, _)| e));
    if raw_html {
        out.html = sanitize(&out.html);
    }
    out
}

/// The raw-HTML policy. Clerks paste from Word, so HTML in Markdown is kept where it is
/// harmless (tables, emphasis, `<sup>`/`<sub>`/`<u>`/`<br>`, lists, links and images with
/// safe URLs) and everything that can run code or restyle the page is removed: `<script>`,
/// `<style>`, `<iframe>`, `<object>`, forms, event handlers (`onclick` …), `style` and
/// `class` attributes, and `javascript:`/`data:` URLs. Only bodies that contain raw HTML
/// pay for the sanitiser (ammonia).
pub fn sanitize(html: &str) -> String {
    use std::collections::HashSet;
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "lang", "title"])
        .add_tag_attributes("th", ["scope", "colspan", "rowspan"])
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .add_tag_attributes("ol", ["start"])
        .url_schemes(SAFE_SCHEMES.iter().copied().collect::<HashSet<_>>())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .rm_tags(["hgroup", "center", "font"]);
    b.clean(html).to_string()
}

/// The plain text inside events, for heading ids and alt-text checks.
fn plain_text(events: &[(Event<'_>, usize)]) -> String {
    events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// A heading's id from its text: Chinese and other letters kept, ASCII lower-cased,
/// whitespace to `-`, ASCII punctuation other than `-` and `_` dropped.
pub fn heading_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.trim().chars() {
        if c.is_whitespace() {
            if !id.ends_with('-') {
                id.push('-');
            }
        } else if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            id.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() {
            id.push(c);
        }
    }
    let id = id.trim_matches('-').to_string();
    if id.is_empty() { "section".into() } else { id }
}

fn assign_heading_ids(events: &mut [(Event<'_>, usize)], ids: &mut Vec<String>) {
    let mut used: HashSet<String> = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id, .. }) = &events[i].0 {
            let explicit = id.as_ref().map(|s| s.to_string());
            let end = events[i..]
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                .map_or(events.len(), |p| i + p);
            let base = explicit.unwrap_or_else(|| heading_id(&plain_text(&events[i + 1..end])));
            let mut unique = base.clone();
            let mut n = 1;
            while !used.insert(unique.clone()) {
                unique = format!("{base}-{n}");
                n += 1;
            }
            if let Event::Start(Tag::Heading {
                id, level, attrs, ..
            }) = &mut events[i].0
            {
                *id = Some(CowStr::from(unique.clone()));
                // `{onclick=…}` or `{style=…}` would bypass the raw-HTML policy: only the id
                // and classes of the heading-attribute syntax are kept.
                attrs.clear();
                // The page title is the only <h1>; a body's `# ` heading becomes <h2>.
                if *level == HeadingLevel::H1 {
                    *level = HeadingLevel::H2;
                }
            }
            if let Some((Event::End(TagEnd::Heading(level)), _)) = events.get_mut(end)
                && *level == HeadingLevel::H1
            {
                *level = HeadingLevel::H2;
            }
            ids.push(unique);
            i = end;
        }
        i += 1;
    }
}

fn has_scheme(url: &str) -> bool {
    let end = url.find(['/', '?', '#']).unwrap_or(url.len());
    url[..end].contains(':')
}

/// Resolves `rel` against the folder of `source` (both `/`-separated); None if it leaves `content/`.
pub fn resolve_relative(source: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = source.split('/').collect();
    parts.pop();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Rewrites one link destination; records what it points to.
/// URL schemes a link may use; anything else (javascript:, data:, vbscript: …) is refused.
pub const SAFE_SCHEMES: [&str; 5] = ["http", "https", "mailto", "tel", "ftp"];

fn rewrite(dest: &str, line: usize, ctx: &LinkContext<'_>, out: &mut Rendered) -> Option<String> {
    if has_scheme(dest) {
        let scheme = dest
            .split(':')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if !SAFE_SCHEMES.contains(&scheme.as_str()) {
            out.problems.push(Problem {
                line,
                message: format!("链接使用了不安全的协议 {scheme}:。"),
                hint: "链接只能是网址（https://…）、邮箱（mailto:…）、电话（tel:…）或站内文件。"
                    .into(),
            });
            return Some("#".into());
        }
        return None;
    }
    if dest.is_empty() || dest.starts_with("//") {
        return None;
    }
    if let Some(fragment) = dest.strip_prefix('#') {
        let target = LinkTarget::Local {
            fragment: decode(fragment),
        };
        out.links.push(FoundLink { target, line });
        return None;
    }
    if let Some(rooted) = dest.strip_prefix('/') {
        let (path, rest) = rooted.split_at(rooted.find(['#', '?']).unwrap_or(rooted.len()));
        let Some(clean) = resolve_relative("x", &decode(path)) else {
            out.problems.push(Problem {
                line,
                message: format!("链接“{dest}”指向网站根目录之外。"),
                hint: "站内链接以 / 开头时不能含 ..；外部网站请写完整地址（https://…）。".into(),
            });
            return Some("#".into());
        };
        let slash = if path.ends_with('/') && !clean.is_empty() {
            "/"
        } else {
            ""
        };
        return Some(format!(
            "{}{}{slash}{rest}",
            ctx.base_path,
            crate::site::encode_path(&clean)
        ));
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(decode(f))),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let Some(resolved) = resolve_relative(ctx.source, &decode(path)) else {
        out.problems.push(Problem {
            line,
            message: format!("链接“{dest}”指向网站内容目录（content）之外。"),
            hint: "只能链接 content 目录里的文件；外部网站请写完整地址（https://…）。".into(),
        });
        return None;
    };
    if resolved.split('/').any(crate::content::is_ignored_name) {
        out.problems.push(Problem {
            line,
            message: format!("链接“{dest}”指向隐藏文件或临时文件，这类文件不会发布。"),
            hint: "请链接正式的文件（文件名不要以 . 或 ~$ 开头）。".into(),
        });
        return Some("#".into());
    }
    if resolved.ends_with(".md") {
        let url = crate::content::item_url_path(&resolved);
        let frag = fragment
            .as_deref()
            .map(|f| format!("#{f}"))
            .unwrap_or_default();
        out.links.push(FoundLink {
            target: LinkTarget::Item {
                path: resolved,
                fragment,
            },
            line,
        });
        Some(format!(
            "{}{}{frag}",
            ctx.base_path,
            crate::site::encode_path(&url)
        ))
    } else {
        let frag = fragment
            .as_deref()
            .map(|f| format!("#{f}"))
            .unwrap_or_default();
        let href = format!(
            "{}{}{frag}",
            ctx.base_path,
            crate::site::encode_path(&resolved)
        );
        out.links.push(FoundLink {
            target: LinkTarget::Asset { path: resolved },
            line,
        });
        Some(href)
    }
}

fn rewrite_links(events: &mut [(Event<'_>, usize)], ctx: &LinkContext<'_>, out: &mut Rendered) {
    for i in 0..events.len() {
        let line = events[i].1;
        let is_image = matches!(events[i].0, Event::Start(Tag::Image { .. }));
        if is_image {
            let end = events[i..]
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Image)))
                .map_or(events.len(), |p| i + p);
            if plain_text(&events[i + 1..end]).trim().is_empty() {
                out.problems.push(Problem {
                    line,
                    message: "图片缺少替代文字（alt）。".into(),
                    hint: "视障读者靠替代文字了解图片内容，请写成 ![图片内容的说明](图片文件名)。"
                        .into(),
                });
            }
        }
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) =
            &mut events[i].0
            && let Some(new) = rewrite(&dest_url.clone(), line, ctx, out)
        {
            *dest_url = CowStr::from(new);
        }
    }
}

/// True for characters of Chinese, Japanese and full-width text, between which a line
/// break must not become a space.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x31A0..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

fn drop_cjk_soft_breaks(events: &mut [(Event<'_>, usize)]) {
    for i in 1..events.len().saturating_sub(1) {
        if !matches!(events[i].0, Event::SoftBreak) {
            continue;
        }
        let before = match &events[i - 1].0 {
            Event::Text(t) => t.chars().last(),
            _ => None,
        };
        let after = match &events[i + 1].0 {
            Event::Text(t) => t.chars().next(),
            _ => None,
        };
        if before.is_some_and(is_cjk) && after.is_some_and(is_cjk) {
            events[i].0 = Event::Text(CowStr::Borrowed(""));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(body: &str) -> Rendered {
        render(
            body,
            &LinkContext {
                source: "zwdt/a.md",
                base_path: "/site/",
            },
        )
    }

    #[test]
    fn no_space_between_chinese_lines_but_kept_for_latin() {
        assert_eq!(md("政务\n公开").html, "<p>政务公开</p>\n");
        assert_eq!(md("open\ndata").html, "<p>open\ndata</p>\n");
    }

    #[test]
    fn body_h1_becomes_h2() {
        assert_eq!(md("# 标题").html, "<h2 id=\"标题\">标题</h2>\n");
    }

    #[test]
    fn smart_punctuation_is_off() {
        let html = md("\"主动公开\"").html;
        assert!(!html.contains('“') && !html.contains('”'), "{html}");
    }

    #[test]
    fn headings_keep_chinese_and_are_unique() {
        let r =
            md("## 一、收入预算\n\n## 一、收入预算\n\n## Budget Plan 2023\n\n## 自定 {#custom}\n");
        assert_eq!(
            r.heading_ids,
            [
                "一、收入预算",
                "一、收入预算-1",
                "budget-plan-2023",
                "custom"
            ]
        );
        assert!(r.html.contains("<h2 id=\"一、收入预算-1\">"));
    }

    #[test]
    fn md_links_become_item_urls_and_assets_resolve_from_the_source() {
        let r = md(
            "见[预算](../yjsgk/b.md#一、收入)和[表](表.csv)、[外](https://gov.cn)、[根](/zwdt/)。",
        );
        assert!(
            r.html
                .contains("href=\"/site/yjsgk/b/#%E4%B8%80%E3%80%81%E6%94%B6%E5%85%A5\""),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("href=\"/site/zwdt/%E8%A1%A8.csv\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"https://gov.cn\""));
        assert!(r.html.contains("href=\"/site/zwdt/\""));
        assert_eq!(
            r.links[0].target,
            LinkTarget::Item {
                path: "yjsgk/b.md".into(),
                fragment: Some("一、收入".into())
            }
        );
        assert_eq!(
            r.links[1].target,
            LinkTarget::Asset {
                path: "zwdt/表.csv".into()
            }
        );
    }

    #[test]
    fn escaping_link_and_missing_alt_are_problems() {
        let r = md("[x](../../etc/passwd)\n\n![](a.png)\n");
        assert_eq!(r.problems.len(), 2);
        assert_eq!(r.problems[0].line, 1);
        assert_eq!(r.problems[1].line, 3);
    }

    #[test]
    fn raw_html_keeps_word_tables_and_drops_scripts() {
        let r = md(
            "<table class=\"MsoNormalTable\" style=\"width:100%\"><tr><td>项目</td><td>金额</td></tr></table>\n\n<p onclick=\"x()\">段落<sup>1</sup><u>下划线</u><br>换行</p>\n\n<script>alert(1)</script>\n\n<style>body{display:none}</style>\n\n<iframe src=\"https://x\"></iframe>\n\n<a href=\"javascript:alert(1)\">坏链接</a>\n",
        );
        assert!(
            r.html
                .contains("<table><tbody><tr><td>项目</td><td>金额</td></tr></tbody></table>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<sup>1</sup><u>下划线</u><br>换行"));
        for bad in [
            "<script",
            "alert(1)",
            "<style",
            "display:none",
            "<iframe",
            "onclick",
            "javascript:",
            "MsoNormalTable",
        ] {
            assert!(!r.html.contains(bad), "{bad} survived: {}", r.html);
        }
    }

    #[test]
    fn markdown_links_with_unsafe_schemes_are_errors() {
        let r = md("[点我](javascript:alert(1)) [数据](data:text/html,x) [邮件](mailto:a@b.cn)");
        assert_eq!(r.problems.len(), 2);
        assert!(r.problems[0].message.contains("javascript"));
        assert!(!r.html.contains("javascript:") && r.html.contains("mailto:a@b.cn"));
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let r = md("|a|b|\n|-|-|\n|1|2|\n\n~~删~~[^1]\n\n[^1]: 注\n");
        assert!(
            r.html.contains("<table>") && r.html.contains("<del>") && r.html.contains("footnote")
        );
    }
}
