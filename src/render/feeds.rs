//! Machine-readable outputs: the Atom feed of the newest items (atom_syndication) and
//! `sitemap.xml` with fully percent-encoded Chinese paths. Both are deterministic: dates come
//! from the content, never from the clock.

use crate::site::{Site, encode_path_ascii};
use atom_syndication::{Entry, Feed, Link, Person, Text};
use jiff::civil::Date;

/// Items in the feed.
pub const FEED_ITEMS: usize = 30;

fn rfc3339(date: Date) -> atom_syndication::FixedDateTime {
    let s = format!("{date}T00:00:00+08:00");
    atom_syndication::FixedDateTime::parse_from_rfc3339(&s).unwrap_or_default()
}

/// The Atom feed (`atom.xml`).
pub fn atom(site: &Site) -> String {
    let c = &site.config;
    let entries: Vec<Entry> = site
        .items
        .iter()
        .take(FEED_ITEMS)
        .map(|item| {
            let url = site.absolute(&item.url_path);
            let mut entry = Entry::default();
            entry.set_title(Text::plain(item.meta.title.clone()));
            entry.set_id(url.clone());
            entry.set_updated(rfc3339(item.date));
            entry.set_published(Some(rfc3339(item.date)));
            entry.set_links(vec![Link {
                href: url,
                rel: "alternate".into(),
                ..Default::default()
            }]);
            if !item.meta.summary.is_empty() {
                entry.set_summary(Some(Text::plain(item.meta.summary.clone())));
            }
            let author = if item.meta.publisher.is_empty() {
                &c.organisation
            } else {
                &item.meta.publisher
            };
            entry.set_authors(vec![Person {
                name: author.clone(),
                ..Default::default()
            }]);
            entry
        })
        .collect();
    let updated = site
        .items
        .first()
        .map(|i| i.date)
        .unwrap_or(Date::constant(2000, 1, 1));
    let mut feed = Feed::default();
    feed.set_title(Text::plain(c.title.clone()));
    feed.set_id(c.base_url.clone());
    feed.set_updated(rfc3339(updated));
    feed.set_lang(Some(c.language.clone()));
    feed.set_authors(vec![Person {
        name: c.organisation.clone(),
        ..Default::default()
    }]);
    feed.set_links(vec![
        Link {
            href: c.base_url.clone(),
            rel: "alternate".into(),
            ..Default::default()
        },
        Link {
            href: site.absolute("atom.xml"),
            rel: "self".into(),
            ..Default::default()
        },
    ]);
    feed.set_entries(entries);
    feed.to_string()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `sitemap.xml`: home, 网站地图, every list page and item, absolute and percent-encoded.
pub fn sitemap_xml(site: &Site, pages: &[super::pages::Planned]) -> String {
    let base = &site.config.base_url;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in pages {
        let lastmod = match p.page {
            super::pages::Page::NotFound | super::pages::Page::FirstPage(_) => continue,
            super::pages::Page::Item(i) => Some(site.items[i].date),
            _ => None,
        };
        let path = p.path.strip_suffix("index.html").unwrap_or(&p.path);
        out.push_str(&format!(
            "  <url><loc>{}</loc>",
            xml_escape(&format!("{base}{}", encode_path_ascii(path)))
        ));
        if let Some(d) = lastmod {
            out.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}
