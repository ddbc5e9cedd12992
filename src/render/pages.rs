//! The page plan (every HTML page the site has, with its output path) and rendering of one
//! page from the plan. The plan is computed first so duplicate paths are caught before
//! anything is written.

use super::Renderer;
use super::views::{self, MetaTag, PageView};
use crate::diagnostics::Diagnostic;
use crate::site::Site;
use crate::site::paginate::{self, Pager, page_path};
use tera::Context;

/// One page to render.
#[derive(Debug, Clone)]
pub enum Page {
    /// The home page.
    Home,
    /// Page `pager.number` of category `category`.
    List {
        /// Category index.
        category: usize,
        /// Which page.
        pager: Pager,
    },
    /// An item page, by index into `Site::items`.
    Item(usize),
    /// 404.html.
    NotFound,
    /// The 网站地图 page.
    Sitemap,
    /// 站内搜索 (only in builds with search, see [`crate::search`]).
    Search,
    /// `/<folder>/page/1/`: points to the category's first page (`/<folder>/`), for
    /// readers and links that count pages from 1.
    FirstPage(usize),
}

/// A planned output file: its path under the output directory and what goes in it.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Output path, `/`-separated, e.g. `zwdt/page/2/index.html`.
    pub path: String,
    /// What to render.
    pub page: Page,
    /// The build has site search: every page gets `search_url` (the header search form).
    pub search: bool,
}

/// Every HTML page of the site, in a fixed order.
pub fn plan(site: &Site) -> Vec<Planned> {
    plan_with_search(site, false)
}

/// Every HTML page of the site; with `search`, also the search page, and every page
/// links to it.
pub fn plan_with_search(site: &Site, search: bool) -> Vec<Planned> {
    let planned = |path: String, page: Page| Planned { path, page, search };
    let mut out = vec![
        planned("index.html".into(), Page::Home),
        planned("404.html".into(), Page::NotFound),
        planned("sitemap/index.html".into(), Page::Sitemap),
    ];
    if search {
        out.push(planned(crate::search::PAGE_PATH.into(), Page::Search));
    }
    for (i, cat) in site.categories.iter().enumerate() {
        let folder = &site.config.categories[i].folder;
        out.push(planned(
            format!("{folder}/page/1/index.html"),
            Page::FirstPage(i),
        ));
        for pager in paginate::pages(cat.items.len(), site.config.per_page) {
            out.push(planned(
                format!("{}index.html", page_path(folder, pager.number)),
                Page::List { category: i, pager },
            ));
        }
    }
    out.extend(
        site.items
            .iter()
            .enumerate()
            .map(|(i, item)| planned(format!("{}index.html", item.url_path), Page::Item(i))),
    );
    out
}

fn page_view<'a>(
    site: &'a Site,
    kind: &'static str,
    title: &'a str,
    path: &str,
    folder: &'a str,
    extra: Vec<MetaTag>,
) -> PageView<'a> {
    let mut meta = views::site_meta(site);
    meta.extend(extra);
    PageView {
        kind,
        title,
        canonical: site.absolute(path),
        current_folder: folder,
        meta,
    }
}

fn column_meta(site: &Site, category: usize) -> Vec<MetaTag> {
    let c = &site.config.categories[category];
    vec![
        MetaTag {
            name: "ColumnName",
            content: c.name.clone(),
        },
        MetaTag {
            name: "ColumnType",
            content: column_type(&c.name, c.class).to_string(),
        },
    ]
}

/// The 《政府网站网页设计规范》 ColumnType of a category (`../shared/domain.md` §4.3), from
/// its name and inspection class; 信息公开目录 when nothing more specific fits.
pub fn column_type(name: &str, class: crate::config::rules::UpdateClass) -> &'static str {
    use crate::config::rules::UpdateClass;
    const BY_NAME: [(&str, &str); 9] = [
        ("解读", "政策解读"),
        ("指南", "信息公开指南"),
        ("年度报告", "信息公开年报"),
        ("年报", "信息公开年报"),
        ("机构", "机构职能"),
        ("领导", "负责人信息"),
        ("动态", "工作动态"),
        ("要闻", "工作动态"),
        ("政策文件", "政策文件"),
    ];
    BY_NAME
        .iter()
        .find(|(k, _)| name.contains(k))
        .map(|(_, t)| *t)
        .unwrap_or(match class {
            UpdateClass::News => "工作动态",
            UpdateClass::Policy => "政策文件",
            _ => "信息公开目录",
        })
}

/// Renders one planned page to HTML bytes (not yet minified).
pub fn render(renderer: &Renderer, site: &Site, planned: &Planned) -> Result<Vec<u8>, Diagnostic> {
    let mut ctx = Context::new();
    let url_path = planned
        .path
        .strip_suffix("index.html")
        .unwrap_or(&planned.path);
    // The search page's URL when the build has search (templates show the search form).
    ctx.insert(
        "search_url",
        &planned.search.then(|| site.href(crate::search::PAGE_URL)),
    );
    let template = match &planned.page {
        Page::FirstPage(category) => return Ok(first_page_redirect(site, *category).into_bytes()),
        Page::Home => {
            let sections: Vec<_> = site
                .categories
                .iter()
                .map(|cat| {
                    let items: Vec<_> = cat.items.iter().take(site.config.home_per_category).map(|i| views::summary(site, &site.items[*i])).collect();
                    serde_json::json!({ "category": views::category_link(site, cat.index), "items": items })
                })
                .collect();
            ctx.insert(
                "page",
                &page_view(
                    site,
                    "home",
                    &site.config.title,
                    "",
                    "",
                    vec![
                        MetaTag {
                            name: "ColumnName",
                            content: "首页".into(),
                        },
                        MetaTag {
                            name: "ColumnType",
                            content: "首页".into(),
                        },
                    ],
                ),
            );
            ctx.insert("intro_html", &site.home.html);
            ctx.insert("sections", &sections);
            "index.html"
        }
        Page::List { category, pager } => {
            let cat = &site.categories[*category];
            let folder = &site.config.categories[*category].folder;
            let items: Vec<_> = cat.items[pager.range.clone()]
                .iter()
                .map(|i| views::summary(site, &site.items[*i]))
                .collect();
            let view = views::category_view(site, *category);
            let title = cat
                .intro
                .title
                .as_deref()
                .unwrap_or(&site.config.categories[*category].name);
            ctx.insert(
                "page",
                &page_view(
                    site,
                    "list",
                    title,
                    url_path,
                    folder,
                    column_meta(site, *category),
                ),
            );
            ctx.insert("category", &view);
            ctx.insert("items", &items);
            ctx.insert("pager", &views::pager_view(site, folder, pager));
            "list.html"
        }
        Page::Item(idx) => {
            let item = &site.items[*idx];
            let mut meta = column_meta(site, item.category);
            let pub_date = match item.meta.time {
                Some(t) => format!("{} {}", item.date, t.strftime("%H:%M")),
                None => format!("{} 00:00", item.date),
            };
            meta.push(MetaTag {
                name: "ArticleTitle",
                content: item.meta.title.clone(),
            });
            meta.push(MetaTag {
                name: "PubDate",
                content: pub_date,
            });
            let source = if item.meta.publisher.is_empty() {
                site.config.organisation.clone()
            } else {
                item.meta.publisher.clone()
            };
            meta.push(MetaTag {
                name: "ContentSource",
                content: source,
            });
            if !item.meta.tags.is_empty() {
                meta.push(MetaTag {
                    name: "Keywords",
                    content: item.meta.tags.join(","),
                });
            }
            if !item.meta.summary.is_empty() {
                meta.push(MetaTag {
                    name: "Description",
                    content: item.meta.summary.clone(),
                });
            }
            let folder = &site.config.categories[item.category].folder;
            ctx.insert(
                "page",
                &page_view(site, "item", &item.meta.title, url_path, folder, meta),
            );
            ctx.insert("category", &views::category_view(site, item.category));
            ctx.insert("item", &views::item_view(site, *idx)?);
            "item.html"
        }
        Page::NotFound => {
            ctx.insert(
                "page",
                &page_view(site, "404", "页面未找到", "404.html", "", Vec::new()),
            );
            "404.html"
        }
        Page::Sitemap => {
            ctx.insert(
                "page",
                &page_view(
                    site,
                    "sitemap",
                    "网站地图",
                    url_path,
                    "",
                    vec![MetaTag {
                        name: "ColumnName",
                        content: "网站地图".into(),
                    }],
                ),
            );
            "sitemap.html"
        }
        Page::Search => {
            ctx.insert(
                "page",
                &page_view(
                    site,
                    "search",
                    "站内搜索",
                    url_path,
                    "",
                    vec![MetaTag {
                        name: "ColumnName",
                        content: "站内搜索".into(),
                    }],
                ),
            );
            "search.html"
        }
    };
    renderer.render(template, &ctx)
}

/// A small page that sends `/<folder>/page/1/` to `/<folder>/` (no template needed; works
/// without JavaScript through a meta refresh and a plain link).
fn first_page_redirect(site: &Site, category: usize) -> String {
    let c = &site.config.categories[category];
    let to = site.href(&page_path(&c.folder, 1));
    let abs = site.absolute(&page_path(&c.folder, 1));
    let mut name = Vec::new();
    let _ = tera::escape_html(&c.name, &mut name);
    let name = String::from_utf8_lossy(&name);
    format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{name}</title><link rel=\"canonical\" href=\"{abs}\"><meta http-equiv=\"refresh\" content=\"0; url={to}\"><meta name=\"robots\" content=\"noindex\"></head><body><main><h1>{name}</h1><p><a href=\"{to}\">前往“{name}”第 1 页</a></p></main></body></html>",
        site.config.language
    )
}

#[cfg(test)]
mod tests {
    use super::column_type;
    use crate::config::rules::UpdateClass;

    #[test]
    fn column_types_follow_the_design_spec_vocabulary() {
        assert_eq!(column_type("政务动态", UpdateClass::News), "工作动态");
        assert_eq!(column_type("政策解读", UpdateClass::Periodic), "政策解读");
        assert_eq!(
            column_type("政府信息公开指南", UpdateClass::OnChange),
            "信息公开指南"
        );
        assert_eq!(
            column_type("政府信息公开工作年度报告", UpdateClass::Periodic),
            "信息公开年报"
        );
        assert_eq!(column_type("规范性文件", UpdateClass::Policy), "政策文件");
        assert_eq!(
            column_type("预决算公开", UpdateClass::Periodic),
            "信息公开目录"
        );
    }
}
