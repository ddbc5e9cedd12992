//! The values templates see: plain serializable views built from the site model. Every
//! string is plain text (the templates escape it) except fields named `*_html`.

use crate::config::{Footer, Link};
use crate::content::Item;
use crate::diagnostics::Diagnostic;
use crate::site::Site;
use crate::site::paginate::{Pager, PagerSlot, number_row, page_path};
use serde::Serialize;

/// The `site` variable, the same on every page.
#[derive(Serialize)]
pub struct SiteView<'a> {
    title: &'a str,
    organisation: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    home_url: &'a str,
    sitemap_url: String,
    feed_url: String,
    footer: FooterView<'a>,
    links: &'a [Link],
    nav: Vec<CategoryLink<'a>>,
    groups: Vec<GroupView<'a>>,
}

#[derive(Serialize)]
struct FooterView<'a> {
    #[serde(flatten)]
    footer: &'a Footer,
    police_code: String,
}

/// A category as a navigation entry.
#[derive(Serialize, Clone)]
pub struct CategoryLink<'a> {
    folder: &'a str,
    name: &'a str,
    url: String,
    group: &'a str,
    count: usize,
}

#[derive(Serialize)]
struct GroupView<'a> {
    name: &'a str,
    categories: Vec<CategoryLink<'a>>,
}

/// The `page` variable: what kind of page, its title, canonical URL and meta tags.
#[derive(Serialize)]
pub struct PageView<'a> {
    /// home, list, item, 404 or sitemap.
    pub kind: &'static str,
    /// Title for `<title>`.
    pub title: &'a str,
    /// Absolute canonical URL.
    pub canonical: String,
    /// Folder of the current category, or "".
    pub current_folder: &'a str,
    /// Government web-page meta tags.
    pub meta: Vec<MetaTag>,
}

/// One `<meta name content>` pair.
#[derive(Serialize)]
pub struct MetaTag {
    /// Meta name (SiteName, ColumnName, ArticleTitle …).
    pub name: &'static str,
    /// Its content.
    pub content: String,
}

/// An item in a list.
#[derive(Serialize)]
pub struct Summary<'a> {
    title: &'a str,
    url: String,
    date: String,
    doc_no: &'a str,
    index_no: &'a str,
    summary: &'a str,
    validity: &'static str,
    invalid: bool,
}

/// A category with its intro, for list and item pages.
#[derive(Serialize)]
pub struct CategoryView<'a> {
    #[serde(flatten)]
    link: CategoryLink<'a>,
    title: &'a str,
    intro_html: &'a str,
}

/// Pagination of a list page.
#[derive(Serialize)]
pub struct PagerView {
    current: usize,
    total: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    pages: Vec<PageLink>,
}

/// One slot of the pager's number row; a gap has no number and no URL.
#[derive(Serialize)]
struct PageLink {
    number: Option<usize>,
    url: Option<String>,
    current: bool,
    gap: bool,
}

/// One item page's `item` variable.
#[derive(Serialize)]
pub struct ItemView<'a> {
    title: &'a str,
    url: String,
    date: String,
    datetime: String,
    publisher: &'a str,
    index_no: &'a str,
    doc_no: &'a str,
    written: String,
    validity: &'static str,
    invalid: bool,
    tags: &'a [String],
    summary: &'a str,
    content_html: std::borrow::Cow<'a, str>,
    prev: Option<Summary<'a>>,
    next: Option<Summary<'a>>,
    doc_type: &'static str,
    /// 政策解读 of this policy.
    interpretations: Vec<Summary<'a>>,
    /// The policy this interpretation explains.
    original: Option<Summary<'a>>,
    /// The document that replaces this one.
    replaced_by: Option<Summary<'a>>,
}

/// Digits of the 公安备案号, for the beian.gov.cn link.
fn police_code(police: &str) -> String {
    police.chars().filter(char::is_ascii_digit).collect()
}

/// Builds the `site` variable.
pub fn site_view(site: &Site) -> SiteView<'_> {
    let c = &site.config;
    let nav: Vec<CategoryLink<'_>> = (0..c.categories.len())
        .map(|i| category_link(site, i))
        .collect();
    let mut groups: Vec<GroupView<'_>> = Vec::new();
    for link in &nav {
        match groups.iter_mut().find(|g| g.name == link.group) {
            Some(g) => g.categories.push(link.clone()),
            None => groups.push(GroupView {
                name: link.group,
                categories: vec![link.clone()],
            }),
        }
    }
    SiteView {
        title: &c.title,
        organisation: &c.organisation,
        description: &c.description,
        language: &c.language,
        base_url: &c.base_url,
        base_path: &c.base_path,
        home_url: &c.base_path,
        sitemap_url: site.href("sitemap/"),
        feed_url: site.href("atom.xml"),
        footer: FooterView {
            footer: &c.footer,
            police_code: police_code(&c.footer.police),
        },
        links: &c.links,
        nav,
        groups,
    }
}

/// The navigation entry of category `index`.
pub fn category_link(site: &Site, index: usize) -> CategoryLink<'_> {
    let c = &site.config.categories[index];
    CategoryLink {
        folder: &c.folder,
        name: &c.name,
        url: site.href(&page_path(&c.folder, 1)),
        group: &c.group,
        count: site.categories[index].items.len(),
    }
}

/// The `category` variable of list and item pages.
pub fn category_view(site: &Site, index: usize) -> CategoryView<'_> {
    let cat = &site.categories[index];
    CategoryView {
        link: category_link(site, index),
        title: cat
            .intro
            .title
            .as_deref()
            .unwrap_or(&site.config.categories[index].name),
        intro_html: &cat.intro.html,
    }
}

fn validity_of(item: &Item) -> (&'static str, bool) {
    match item.meta.validity {
        Some(v) => (v.label(), v != crate::content::item::Validity::Valid),
        None => ("", false),
    }
}

/// An item as a list entry.
pub fn summary<'a>(site: &Site, item: &'a Item) -> Summary<'a> {
    let (validity, invalid) = validity_of(item);
    Summary {
        title: &item.meta.title,
        url: site.href(&item.url_path),
        date: item.date.to_string(),
        doc_no: &item.meta.doc_no,
        index_no: &item.meta.index_no,
        summary: &item.meta.summary,
        validity,
        invalid,
    }
}

/// The `item` variable of item `idx`, with its neighbours in its category; fails only
/// when a body rendered on demand cannot be read again.
pub fn item_view(site: &Site, idx: usize) -> Result<ItemView<'_>, Diagnostic> {
    let item = &site.items[idx];
    let list = &site.categories[item.category].items;
    let pos = site.position[idx];
    let neighbour = |p: Option<usize>| {
        p.and_then(|p| list.get(p))
            .map(|i| summary(site, &site.items[*i]))
    };
    let (validity, invalid) = validity_of(item);
    let datetime = match item.meta.time {
        Some(t) => format!("{}T{}", item.date, t.strftime("%H:%M:%S")),
        None => item.date.to_string(),
    };
    let content_html = site.body_source.html(&item.source, &item.body)?;
    Ok(ItemView {
        title: &item.meta.title,
        url: site.href(&item.url_path),
        date: item.date.to_string(),
        datetime,
        publisher: &item.meta.publisher,
        index_no: &item.meta.index_no,
        doc_no: &item.meta.doc_no,
        written: item.meta.written.map(|d| d.to_string()).unwrap_or_default(),
        validity,
        invalid,
        tags: &item.meta.tags,
        summary: &item.meta.summary,
        content_html,
        prev: neighbour(pos.checked_sub(1)),
        next: neighbour(Some(pos + 1)),
        doc_type: item.meta.doc_type.map_or("", |t| t.label()),
        interpretations: site.relations.interpretations[idx]
            .iter()
            .map(|i| summary(site, &site.items[*i]))
            .collect(),
        original: site.relations.original[idx].map(|i| summary(site, &site.items[i])),
        replaced_by: site.relations.successor[idx].map(|i| summary(site, &site.items[i])),
    })
}

/// The pager of one list page.
pub fn pager_view(site: &Site, folder: &str, pager: &Pager) -> PagerView {
    let url = |n: usize| site.href(&page_path(folder, n));
    PagerView {
        current: pager.number,
        total: pager.total,
        prev_url: (pager.number > 1).then(|| url(pager.number - 1)),
        next_url: (pager.number < pager.total).then(|| url(pager.number + 1)),
        pages: number_row(pager.number, pager.total)
            .into_iter()
            .map(|slot| match slot {
                PagerSlot::Page(n) => PageLink {
                    number: Some(n),
                    url: Some(url(n)),
                    current: n == pager.number,
                    gap: false,
                },
                PagerSlot::Gap => PageLink {
                    number: None,
                    url: None,
                    current: false,
                    gap: true,
                },
            })
            .collect(),
    }
}

/// Site-wide government meta tags (《政府网站网页设计规范》).
pub fn site_meta(site: &Site) -> Vec<MetaTag> {
    let c = &site.config;
    let domain = c
        .base_url
        .split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_default()
        .to_string();
    let mut tags = vec![
        MetaTag {
            name: "SiteName",
            content: c.title.clone(),
        },
        MetaTag {
            name: "SiteDomain",
            content: domain,
        },
    ];
    if !c.footer.site_code.is_empty() {
        tags.push(MetaTag {
            name: "SiteIDCode",
            content: c.footer.site_code.clone(),
        });
    }
    tags
}
