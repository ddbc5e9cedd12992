//! End-to-end: build a small site into a temp dir and check the pages, lists, pagination,
//! catalogue metadata, links, feeds and copied files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::{TestSite, item};

fn site() -> TestSite {
    let site = TestSite::new();
    site.write("content/_index.md", "---\ntitle: 首页\n---\n欢迎访问。\n");
    site.write(
        "content/zwdt/_index.md",
        "---\ntitle: 政务动态\n---\n本镇工作动态。\n",
    );
    for (name, title, date) in [
        ("a", "春耕生产", "2023-03-01"),
        ("b", "森林防火检查", "2023-03-08"),
        ("c", "防汛演练", "2023-06-10"),
        ("d", "同日甲", "2023-06-10"),
        ("e", "人居环境整治", "2023-09-01"),
    ] {
        site.write(&format!("content/zwdt/{name}.md"), item(title, date));
    }
    site.write(
        "content/gggs/预算公告.md",
        "---\ntitle: 关于2023年部门预算的公告\ndate: 2023-02-15 09:30\npublisher: 财政所\nindex_no: \"11360902MB1746352X/2023-00003\"\ndoc_no: 慈府字〔2023〕3号\nwritten: 2023-02-10\nvalidity: 废止\ntags: [预算, 财政]\nsummary: 公布部门预算。\n---\n\n## 一、收入预算\n\n|项目|金额（万元）|\n|---|---|\n|一般公共预算|1,234.5|\n\n[下载预算表](预算表.csv)\n\n详见[春耕](../zwdt/a.md)。\n",
    );
    site.write(
        "content/gggs/预算表.csv",
        "项目,金额\n一般公共预算,1234.5\n",
    );
    site.write(
        "content/zwdt/draft.md",
        "---\ntitle: 草稿\ndate: 2023-05-01\ndraft: true\n---\n草稿\n",
    );
    site.write("content/zwdt/future.md", item("定时发布", "2024-06-01"));
    site.write("content/zwdt/~$临时.md", "Office 临时文件");
    site.write("content/zwdt/.hidden.md", "hidden");
    site.write("content/zwdt/b.md.swp", "vim swap");
    site
}

#[test]
fn writes_every_page() {
    let site = site();
    let outcome = site.build_ok();
    for page in [
        "index.html",
        "404.html",
        "sitemap/index.html",
        "sitemap.xml",
        "atom.xml",
        "css/portal.css",
        "zwdt/index.html",
        "zwdt/page/2/index.html",
        "zwdt/page/3/index.html",
        "gggs/index.html",
        "zcwj/index.html",
        "zwdt/a/index.html",
        "gggs/预算公告/index.html",
        "gggs/预算表.csv",
    ] {
        assert!(site.has(page), "missing {page}");
    }
    assert!(!site.has("zwdt/page/4/index.html"));
    assert!(!site.has("zwdt/draft/index.html"), "drafts stay out");
    assert!(
        !site.has("zwdt/future/index.html"),
        "scheduled items stay out"
    );
    assert!(
        !site.has("zwdt/~$临时.md") && !site.has("zwdt/b.md.swp"),
        "temp files are not copied"
    );
    assert_eq!(outcome.skipped, 2);
    // 3 fixed + 3 + 1 + 1 list pages + 3 page/1 redirects + 6 items
    assert_eq!(outcome.pages, 17);
    let first = site.page("zwdt/page/1/index.html");
    assert!(
        first.contains("<meta content=\"0; url=/town/zwdt/\" http-equiv=refresh>"),
        "{first}"
    );
    assert!(first.contains("<a href=/town/zwdt/>前往“政务动态”第 1 页</a>"));
}

#[test]
fn lists_are_newest_first_with_a_stable_tie_break() {
    let site = site();
    site.build_ok();
    let page1 = site.page("zwdt/index.html");
    let e = page1.find("人居环境整治").unwrap();
    let c = page1.find("防汛演练").unwrap();
    assert!(e < c, "newest first");
    assert!(
        !page1.contains("同日甲"),
        "same-day items are ordered by path: c.md before d.md, d on page 2"
    );
    let page2 = site.page("zwdt/page/2/index.html");
    assert!(page2.contains("同日甲") && page2.contains("森林防火检查"));
    assert!(site.page("zwdt/page/3/index.html").contains("春耕生产"));
    assert!(
        page1.contains("href=/town/zwdt/page/2/"),
        "pager links to page 2"
    );
    assert!(page1.contains("本镇工作动态。"), "category intro shown");
}

#[test]
fn item_page_has_catalogue_breadcrumbs_and_neighbours() {
    let site = site();
    site.build_ok();
    let page = site.page("gggs/预算公告/index.html");
    for text in [
        "<caption>信息公开目录信息</caption>",
        "<th scope=row>索引号</th><td>11360902MB1746352X/2023-00003</td>",
        "<th scope=row>发布机构</th><td>财政所</td>",
        "<th scope=row>成文日期</th><td><time datetime=2023-02-10>2023-02-10</time></td>",
        "<th scope=row>文号</th><td>慈府字〔2023〕3号</td>",
        "<th scope=row>有效性</th>",
        "本文件已废止，仅供查阅。",
        "aria-label=当前位置",
        "<meta content=\"2023-02-15 09:30\" name=PubDate>",
        "<meta content=财政所 name=ContentSource>",
        "<h2 id=一、收入预算>",
        "<th>金额（万元）</th>",
        "href=/town/gggs/%E9%A2%84%E7%AE%97%E8%A1%A8.csv",
        "href=/town/zwdt/a/",
    ] {
        assert!(page.contains(text), "item page lacks {text}:\n{page}");
    }
    let news = site.page("zwdt/c/index.html");
    assert!(
        news.contains("上一篇")
            && news.contains("href=/town/zwdt/e/")
            && news.contains("href=/town/zwdt/d/")
    );
}

#[test]
fn home_feed_and_sitemaps() {
    let site = site();
    site.build_ok();
    let home = site.page("index.html");
    assert!(
        home.contains("欢迎访问。")
            && home.contains("人居环境整治")
            && home.contains("关于2023年部门预算的公告")
    );
    let xml = site.read("sitemap.xml");
    assert!(xml.contains("<loc>https://www.example.gov.cn/town/gggs/%E9%A2%84%E7%AE%97%E5%85%AC%E5%91%8A/</loc><lastmod>2023-02-15</lastmod>"), "{xml}");
    assert!(
        !xml.contains("预算"),
        "sitemap.xml paths are percent-encoded"
    );
    let atom = site.read("atom.xml");
    assert!(atom.contains("<id>https://www.example.gov.cn/town/zwdt/e/</id>"));
    assert!(
        atom.contains("<updated>2023-09-01T00:00:00+08:00</updated>"),
        "feed date comes from content, not the clock"
    );
    let map = site.page("sitemap/index.html");
    for cat in ["政务动态", "公告公示", "政策文件"] {
        assert!(map.contains(cat), "网站地图 lists {cat}");
    }
    assert!(site.page("404.html").contains("页面未找到"));
}

#[test]
fn drafts_and_future_flags_include_them() {
    let site = site();
    let mut opts = site.options();
    opts.drafts = true;
    opts.future = true;
    portal::build(&opts).unwrap();
    assert!(site.has("zwdt/draft/index.html") && site.has("zwdt/future/index.html"));
}

#[test]
fn base_url_override_and_output_dir() {
    let site = site();
    let out = site.root().join("elsewhere/site");
    let mut opts = site.options();
    opts.base_url = Some("http://127.0.0.1:8080".into());
    opts.output_dir = Some(out.clone());
    portal::build(&opts).unwrap();
    let page = common::normalised(&std::fs::read_to_string(out.join("zwdt/a/index.html")).unwrap());
    assert!(page.contains("href=/zwdt/") && page.contains("http://127.0.0.1:8080/zwdt/a/"));
}
