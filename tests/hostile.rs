//! Hostile content: what a careless clerk, a Word paste or an attacker with write access to
//! `content/` can put in a site. Each case either builds safely or fails with a clear Chinese
//! error, and never writes outside the output directory or leaves it half-written: every
//! case snapshots the site and the output's siblings before and after, checks that no
//! `*.portal-staging-*` folder is left, and on failure that the previous `public/` is
//! byte-identical.
//!
//! Raw HTML policy (clerks paste from Word): scripts, event handlers, `javascript:` and
//! `data:` URLs, iframes and `<style>` never reach the output; tables, `<sup>`, `<sub>`,
//! `<u>` and `<br>` do (the ammonia sanitiser in src/markdown.rs). A case the sanitiser does
//! not cover yet is marked `#[ignore = "raw HTML sanitising: pending …"]`; known bugs
//! elsewhere are marked `#[ignore = "bug: …"]`. Run them with `-- --ignored`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "support/html.rs"]
mod html;

use common::{CONFIG, TestSite, item, snapshot};
use html::dangers;
use portal::{BuildError, BuildOptions, BuildOutcome};
use std::path::{Path, PathBuf};
use std::time::Instant;

// ---------------------------------------------------------------------------------------
// The harness

/// A test site (its own temp dir) whose output goes to `outer/public`, beside a `secret/`
/// folder that symlinks may point at and a `bystander/` folder nothing may touch.
struct Hostile {
    site: TestSite,
    outer: tempfile::TempDir,
    /// The output of the first, clean build.
    before: Vec<(PathBuf, Vec<u8>)>,
}

/// How a hostile build ended.
#[derive(Debug)]
enum Outcome {
    Built(BuildOutcome),
    /// Every diagnostic as the CLI prints it, sorted.
    Refused(Vec<String>),
}

impl Hostile {
    fn new() -> Self {
        Self::with_config(CONFIG)
    }

    /// A site with one valid item, built once so that a failed hostile build can be
    /// checked against the previous output.
    fn with_config(config: &str) -> Self {
        let mut h = Self {
            site: TestSite::with_config(config),
            outer: tempfile::tempdir().unwrap(),
            before: Vec::new(),
        };
        std::fs::create_dir_all(h.secret()).unwrap();
        std::fs::write(
            h.secret().join("secret.md"),
            item("机密文件不得发布", "2023-01-05"),
        )
        .unwrap();
        std::fs::write(
            h.secret().join("passwd"),
            "root:x:0:0:root:/root:/bin/bash\n",
        )
        .unwrap();
        std::fs::create_dir_all(h.outer.path().join("bystander")).unwrap();
        std::fs::write(h.outer.path().join("bystander/keep.txt"), "不要动我").unwrap();
        h.site
            .write("content/zwdt/baseline.md", item("基线信息", "2023-01-02"));
        match portal::build(&h.options()) {
            Ok(_) => h.before = snapshot(&h.public()),
            Err(e) => panic!("baseline build failed: {}", describe(e).join("\n")),
        }
        h
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Self {
        self.site.write(rel, bytes);
        self
    }

    fn content(&self, rel: &str) -> PathBuf {
        self.site.root().join("content").join(rel)
    }

    fn secret(&self) -> PathBuf {
        self.outer.path().join("secret")
    }

    fn public(&self) -> PathBuf {
        self.outer.path().join("public")
    }

    fn options(&self) -> BuildOptions {
        let mut o = self.site.options();
        o.output_dir = Some(self.public());
        o
    }

    /// Every file outside the output directory: the site and the output's siblings.
    fn world(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut all: Vec<_> = snapshot_no_follow(self.site.root())
            .into_iter()
            .map(|(p, b)| (Path::new("site").join(p), b))
            .collect();
        all.extend(
            snapshot_no_follow(self.outer.path())
                .into_iter()
                .filter(|(p, _)| !p.starts_with("public")),
        );
        all
    }

    fn leftovers(&self) -> Vec<String> {
        [self.site.root(), self.outer.path()]
            .iter()
            .flat_map(|d| std::fs::read_dir(d).unwrap())
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("portal-staging"))
            .collect()
    }

    /// Builds with whatever the test wrote since the baseline and checks containment:
    /// nothing outside the output directory changed, no staging folder is left, and a
    /// failed build left the previous output byte-identical.
    fn build_contained(&self) -> Result<BuildOutcome, BuildError> {
        let world = self.world();
        let result = portal::build(&self.options());
        assert_eq!(
            diff(&world, &self.world()),
            Vec::<String>::new(),
            "files outside the output directory changed"
        );
        assert_eq!(
            self.leftovers(),
            Vec::<String>::new(),
            "staging folders left"
        );
        if result.is_err() {
            assert!(
                snapshot(&self.public()) == self.before,
                "a failed build changed public/"
            );
        }
        result
    }

    /// [`Self::build_contained`], and on failure every message is a clear Chinese error or
    /// warning with a fix-it hint.
    fn build(&self) -> Outcome {
        match self.build_contained() {
            Ok(o) => Outcome::Built(o),
            Err(e) => {
                let messages = describe(e);
                for m in &messages {
                    assert!(m.starts_with("错误：") || m.starts_with("警告："), "{m}");
                    assert!(m.contains("修改方法："), "no fix-it hint: {m}");
                }
                Outcome::Refused(messages)
            }
        }
    }

    /// Builds and expects success.
    fn built(&self) -> BuildOutcome {
        match self.build() {
            Outcome::Built(o) => o,
            Outcome::Refused(m) => panic!("build refused:\n{}", m.join("\n")),
        }
    }

    /// Builds and expects a refusal.
    fn refused(&self) -> Vec<String> {
        match self.build() {
            Outcome::Built(_) => panic!("build unexpectedly succeeded"),
            Outcome::Refused(m) => m,
        }
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn has(&self, rel: &str) -> bool {
        self.public().join(rel).is_file()
    }

    /// Every output file as text (lossy), by path.
    fn output_texts(&self) -> Vec<(String, String)> {
        snapshot(&self.public())
            .into_iter()
            .map(|(p, b)| {
                (
                    p.to_string_lossy().into_owned(),
                    String::from_utf8_lossy(&b).into_owned(),
                )
            })
            .collect()
    }
}

fn describe(e: BuildError) -> Vec<String> {
    match e {
        BuildError::Site(mut d) => {
            portal::diagnostics::sort(&mut d);
            d.iter().map(ToString::to_string).collect()
        }
        BuildError::Io(e) => vec![format!("文件系统错误（不是带位置的错误）：{e}")],
    }
}

/// Like `common::snapshot`, but records symlinks as their target instead of following them.
fn snapshot_no_follow(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.depth() > 0 && !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            let bytes = if e.path_is_symlink() {
                let t = std::fs::read_link(e.path()).unwrap();
                format!("-> {}", t.display()).into_bytes()
            } else {
                std::fs::read(e.path()).unwrap()
            };
            (rel, bytes)
        })
        .collect();
    out.sort();
    out
}

/// Paths added, removed or changed between two snapshots.
fn diff(a: &[(PathBuf, Vec<u8>)], b: &[(PathBuf, Vec<u8>)]) -> Vec<String> {
    let mut out = Vec::new();
    for (p, bytes) in a {
        match b.iter().find(|(q, _)| q == p) {
            None => out.push(format!("removed {}", p.display())),
            Some((_, c)) if c != bytes => out.push(format!("changed {}", p.display())),
            _ => {}
        }
    }
    for (p, _) in b {
        if !a.iter().any(|(q, _)| q == p) {
            out.push(format!("added {}", p.display()));
        }
    }
    out
}

fn item_with(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n\n{body}\n")
}

/// Asserts there is exactly one error and returns it.
fn one_error(messages: &[String]) -> &str {
    let errors: Vec<&String> = messages.iter().filter(|m| m.starts_with("错误")).collect();
    assert_eq!(errors.len(), 1, "{messages:#?}");
    errors[0]
}

/// Every danger (see `html::dangers`) in every HTML file of the output.
fn all_dangers(h: &Hostile) -> Vec<String> {
    h.output_texts()
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .flat_map(|(path, text)| {
            dangers(text)
                .into_iter()
                .map(move |d| format!("{path}: {d}"))
        })
        .collect()
}

#[test]
fn the_scanner_finds_what_it_must() {
    let html = r#"<p>a &lt;script&gt; b</p><script>var x="<iframe>"</script><a href="java&#x09;script&colon;alert(1)">x</a><img src=x.png onerror=alert(1)><div ONCLICK='y'><a href=" data:text/html,x">"#;
    assert_eq!(
        dangers(html),
        [
            "<script>",
            "<a href=\"java\tscript:alert(1)\">",
            "<img onerror=…>",
            "<div onclick=…>",
            "<a href=\" data:text/html,x\">",
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Front matter: always escaped

#[test]
fn script_and_javascript_in_front_matter_are_escaped() {
    let h = Hostile::new();
    h.write(
        "content/zwdt/xss.md",
        item_with(
            "title: \"</title><script>alert('标题')</script>\"\n\
             summary: '<img src=x onerror=alert(1)> javascript:alert(2)'\n\
             publisher: \"javascript:alert(3)\"\n\
             doc_no: '\"><svg onload=alert(4)>'\n\
             index_no: \"' onmouseover='alert(5)\"\n\
             tags: ['<script>alert(6)</script>', '\" onfocus=\"alert(7)', 'javascript:alert(8)']\n\
             date: 2023-03-15",
            "正文。",
        ),
    );
    h.built();
    assert_eq!(all_dangers(&h), Vec::<String>::new());
    let page = h.read("zwdt/xss/index.html");
    assert!(
        page.contains("&lt;script>alert(") || page.contains("&lt;script&gt;alert("),
        "{page}"
    );
    assert!(
        page.contains("javascript:alert(3)"),
        "publisher shown as text"
    );
    let list = h.read("zwdt/index.html");
    assert!(list.contains("&lt;script"));
    let feed = h.read("atom.xml");
    assert!(!feed.contains("<script>"), "{feed}");
}

// ---------------------------------------------------------------------------------------
// Markdown and raw HTML

/// Builds one item whose body is `body`, after checking the build.
fn with_body(body: &str) -> (Hostile, Outcome) {
    let h = Hostile::new();
    h.write(
        "content/zwdt/raw.md",
        item_with("title: 原始HTML\ndate: 2023-03-15", body),
    );
    let o = h.build();
    (h, o)
}

/// The part of an item page that comes from its body.
fn article(page: &str) -> &str {
    let start = page.find("article-body").unwrap_or(0);
    &page[start..]
}

/// The policy for what must never reach the output: the build either refuses the file
/// with located errors, or builds it with the danger removed and `kept` text still there.
fn never_reaches_the_output(body: &str, kept: &[&str]) -> Outcome {
    let (h, outcome) = with_body(body);
    match &outcome {
        Outcome::Built(_) => {
            assert_eq!(all_dangers(&h), Vec::<String>::new());
            let page = h.read("zwdt/raw/index.html");
            for k in kept {
                assert!(article(&page).contains(k), "{k} lost: {page}");
            }
        }
        Outcome::Refused(m) => {
            for e in m.iter().filter(|m| m.starts_with("错误")) {
                assert!(e.starts_with("错误：content/zwdt/raw.md 第 "), "{e}");
            }
        }
    }
    outcome
}

/// Markdown links with `javascript:` (any case, entity-encoded) are refused, naming the
/// scheme and the line.
#[test]
fn markdown_javascript_link_is_refused() {
    let o = never_reaches_the_output(
        "[点我](javascript:alert(1))\n\n[再点](JavaScript:void(0))\n\n[编码](&#106;avascript:alert(2))\n\n<javascript:alert(3)>",
        &["点我"],
    );
    let Outcome::Refused(m) = o else {
        panic!("javascript: links must be refused")
    };
    assert_eq!(m.len(), 4, "{m:#?}");
    assert!(
        m[0].starts_with("错误：content/zwdt/raw.md 第 6 行：链接使用了不安全的协议 javascript:"),
        "{m:#?}"
    );
}

#[test]
fn markdown_data_url_link_and_image_are_refused() {
    let o = never_reaches_the_output(
        "[下载](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n\n![图](data:image/svg+xml;base64,PHN2Zy8+)",
        &[],
    );
    assert!(
        matches!(o, Outcome::Refused(ref m) if m.len() == 2),
        "{o:?}"
    );
}

#[test]
fn raw_script_block_is_removed() {
    let (h, o) = with_body(
        "前文。\n\n<script>alert(document.cookie)</script>\n\n<SCRIPT src=\"https://evil.example/x.js\"></SCRIPT>\n\n后文。",
    );
    assert!(matches!(o, Outcome::Built(_)), "{o:?}");
    assert_eq!(all_dangers(&h), Vec::<String>::new());
    let page = h.read("zwdt/raw/index.html");
    assert!(
        !page.contains("document.cookie"),
        "script text is dropped too"
    );
    assert!(page.contains("前文") && page.contains("后文"));
}

#[test]
fn event_handler_attributes_are_removed() {
    never_reaches_the_output(
        "<img src=\"https://www.example.gov.cn/x.png\" alt=\"图\" onerror=\"alert(1)\">\n\n<p onclick=\"alert(2)\">段落</p>\n\n文字<span onmouseover=alert(3)>悬停</span><div ONLOAD='x'>大写</div>",
        &["段落", "悬停", "alt=图"],
    );
}

#[test]
fn raw_javascript_and_data_hrefs_are_removed() {
    never_reaches_the_output(
        "<a href=\"javascript:alert(1)\">甲</a> <a href=\"  JaVaScRiPt&colon;alert(2)\">乙</a> <a href=\"data:text/html,<script>alert(3)</script>\">丙</a> <a href=\"java&#x09;script:alert(4)\">丁</a> <img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"戊\">",
        &["甲", "乙", "丙", "丁"],
    );
}

#[test]
fn iframes_and_style_blocks_are_removed() {
    let (h, o) = with_body(
        "<iframe src=\"https://evil.example/\"></iframe>\n\n<style>body { display: none }</style>\n\n<object data=\"x.swf\"></object><embed src=\"x.swf\">\n\n<svg onload=\"alert(1)\"><circle r=\"1\"/></svg>\n\n<form action=\"https://evil.example/\"><input name=\"pwd\"></form>\n\n正文。",
    );
    assert!(matches!(o, Outcome::Built(_)), "{o:?}");
    assert_eq!(all_dangers(&h), Vec::<String>::new());
    let page = h.read("zwdt/raw/index.html");
    let body = article(&page);
    assert!(
        !body.contains("display: none") && !body.contains("display:none"),
        "{body}"
    );
    assert!(
        !body.contains("<form") && !body.contains("<input"),
        "{body}"
    );
    assert!(body.contains("正文"));
}

/// Heading attribute blocks (`## 标题 {onclick=alert(1)}`) are Markdown, not raw HTML:
/// pulldown-cmark writes them as attributes, and a body without raw HTML skips the
/// sanitiser, so today they reach the page.
#[test]
fn heading_attribute_event_handlers_are_removed() {
    let (h, o) = with_body(
        "## 标题 {onclick=alert(1)}\n\n## 样式 {#s style=\"position:fixed;top:0\" onmouseover=alert(2)}\n\n正文。",
    );
    assert!(matches!(o, Outcome::Built(_)), "{o:?}");
    assert_eq!(all_dangers(&h), Vec::<String>::new());
    let page = h.read("zwdt/raw/index.html");
    assert!(!article(&page).contains("position:fixed"), "{page}");
}

/// What Word leaves in pasted HTML must survive: tables, sup/sub/u/br, span text.
#[test]
fn harmless_word_html_reaches_the_output() {
    let (h, o) = with_body(
        "<table class=\"MsoNormalTable\" border=0 cellspacing=0 cellpadding=0 style=\"border-collapse:collapse\">\n<tr><td><p class=MsoNormal><span lang=EN-US>项目</span></p></td><td>金额（万元）</td></tr>\n<tr><td>合计</td><td>12.5</td></tr>\n</table>\n\n面积 100 m<sup>2</sup>，H<sub>2</sub>O，<u>下划线</u>，<span style=\"color:red\">红字</span><br>换行",
    );
    assert!(matches!(o, Outcome::Built(_)), "{o:?}");
    let page = h.read("zwdt/raw/index.html");
    let body = article(&page);
    for needle in [
        "<table",
        "<td",
        "项目",
        "金额（万元）",
        "<sup>2</sup>",
        "<sub>2</sub>",
        "<u>下划线</u>",
        "红字",
        "<br",
        "换行",
    ] {
        assert!(body.contains(needle), "{needle} missing in:\n{body}");
    }
    assert_eq!(all_dangers(&h), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------
// Paths

#[test]
fn dot_dot_md_and_dot_folders_are_hidden_files() {
    let h = Hostile::new();
    h.write("content/zwdt/..md", item("点点", "2023-03-15"));
    h.write("content/zwdt/.../a.md", item("三点目录", "2023-03-15"));
    h.write("content/.../b.md", item("顶层三点目录", "2023-03-15"));
    h.write("content/zwdt/.../c.pdf", "%PDF-1.4");
    h.built();
    let texts = h.output_texts();
    for (path, text) in &texts {
        assert!(
            !text.contains("点点") && !text.contains("三点目录"),
            "{path}"
        );
        assert!(!path.contains("..."), "{path}");
    }
}

#[test]
fn percent_encoded_slashes_in_a_file_name_stay_one_segment() {
    let h = Hostile::new();
    h.write(
        "content/zwdt/a%2F..%2Fb.md",
        item("百分号文件名", "2023-03-15"),
    );
    h.built();
    // Published at the literal name; its link escapes the `%` so it cannot be decoded into
    // a path that climbs.
    assert!(h.has("zwdt/a%2F..%2Fb/index.html"));
    let list = h.read("zwdt/index.html");
    assert!(list.contains("zwdt/a%252F..%252Fb/"), "{list}");
    assert!(!h.public().join("b").exists() && !h.public().join("zwdt/b").exists());
}

/// A file name holding a backslash (legal on Linux, e.g. unpacked from a Windows zip):
/// discovery turns `\` into `/`, so `x\..md` is looked up as `content/zwdt/x/..md`.
/// Required: a located error that names the real file and says how to fix it.
#[test]
fn backslash_in_a_file_name_is_a_clear_error() {
    let h = Hostile::new();
    h.write("content/zwdt/x\\..md", item("反斜杠点", "2023-03-15"));
    h.write("content/zwdt/a\\...md", item("反斜杠点点", "2023-03-15"));
    let m = h.refused();
    assert_eq!(m.len(), 2, "{m:#?}");
    assert!(m[0].starts_with("错误：content/zwdt/a\\...md"), "{m:#?}");
    assert!(m[1].starts_with("错误：content/zwdt/x\\..md"), "{m:#?}");
}

/// The same `\` → `/` mapping, with a folder `a` beside the file, makes the loader read
/// `content/zwdt/a/../../../../<outside>/secret.md`: a Markdown file outside the site is
/// read and published. Required: never read outside `content/`.
#[test]
fn backslash_traversal_cannot_read_outside_the_site() {
    let h = Hostile::new();
    std::fs::create_dir_all(h.content("zwdt/a")).unwrap();
    // From content/zwdt/a: zwdt, content, the site root, the temp dir; then the outer dir.
    let outer_name = h
        .outer
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let name = format!("a\\..\\..\\..\\..\\{outer_name}\\secret\\secret.md");
    h.write(&format!("content/zwdt/{name}"), "不是合法的元数据");
    let outcome = h.build();
    for (path, text) in h.output_texts() {
        assert!(
            !text.contains("机密文件不得发布"),
            "a file outside the site was published in {path}"
        );
    }
    if let Outcome::Refused(m) = outcome {
        assert!(m.iter().all(|m| !m.contains("机密")), "{m:#?}");
    }
}

/// An attachment whose name climbs with backslashes (`a\..\..\..\evil.pdf` maps to
/// `zwdt/a/../../../evil.pdf`): the writer refuses the path, so nothing lands outside.
#[test]
fn backslash_traversal_in_an_attachment_name_stays_inside() {
    let h = Hostile::new();
    std::fs::create_dir_all(h.content("zwdt/a")).unwrap();
    h.write(
        "content/zwdt/..\\..\\..\\evil.pdf",
        "hidden: starts with a dot",
    );
    h.write("content/zwdt/a\\..\\..\\..\\evil.pdf", "%PDF-1.4 traversal");
    let result = h.build_contained();
    assert!(!h.outer.path().join("evil.pdf").exists());
    assert!(!h.site.root().join("evil.pdf").exists());
    assert!(result.is_err(), "today the writer refuses the path");
}

/// …and the refusal is a located error with a hint, not a bare file-system error.
#[test]
fn backslash_in_an_attachment_name_is_a_clear_error() {
    let h = Hostile::new();
    h.write("content/zwdt/a\\..\\..\\..\\evil.pdf", "%PDF-1.4 traversal");
    let m = h.refused();
    assert!(
        one_error(&m).starts_with("错误：content/zwdt/a\\..\\..\\..\\evil.pdf"),
        "{m:#?}"
    );
}

#[test]
fn rooted_link_to_etc_passwd_stays_a_link_under_the_site() {
    let h = Hostile::new();
    h.write(
        "content/zwdt/etc.md",
        item_with(
            "title: 根路径链接\ndate: 2023-03-15",
            "[密码](/etc/passwd) ![图](/etc/passwd)",
        ),
    );
    h.built();
    let page = h.read("zwdt/etc/index.html");
    assert!(
        page.contains("href=\"/town/etc/passwd\"") || page.contains("href=/town/etc/passwd"),
        "{page}"
    );
    assert!(!h.public().join("etc").exists());
    for (path, text) in h.output_texts() {
        assert!(!text.contains("root:x:0:0"), "{path}");
    }
}

#[test]
fn relative_links_out_of_content_are_errors() {
    let h = Hostile::new();
    h.write(
        "content/zwdt/up.md",
        item_with(
            "title: 上级目录链接\ndate: 2023-03-15",
            "[密码](../../../../etc/passwd)\n\n![图](../../../../etc/passwd)\n\n[编码](..%2F..%2F..%2F..%2Fetc%2Fpasswd)",
        ),
    );
    let m = h.refused();
    assert_eq!(m.len(), 3, "{m:#?}");
    assert!(
        m[0].starts_with(
            "错误：content/zwdt/up.md 第 6 行：链接“../../../../etc/passwd”指向网站内容目录（content）之外。"
        ),
        "{m:#?}"
    );
    assert!(m[2].contains("第 10 行"), "{m:#?}");
}

/// Rooted links with `..` climb out of the base path (`/town/../x`).
#[test]
fn rooted_link_with_dot_dot_stays_under_the_base_path() {
    let h = Hostile::new();
    h.write(
        "content/zwdt/rooted.md",
        item_with(
            "title: 根路径上级\ndate: 2023-03-15",
            "[密码](/../../etc/passwd)",
        ),
    );
    if let Outcome::Built(_) = h.build() {
        let page = h.read("zwdt/rooted/index.html");
        assert!(!page.contains("/town/../"), "{page}");
    }
}

// ---------------------------------------------------------------------------------------
// Symlinks

#[test]
fn symlinks_out_of_the_site_are_skipped_with_a_warning() {
    let h = Hostile::new();
    let link = |target: &Path, rel: &str| {
        std::fs::create_dir_all(h.content(rel).parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, h.content(rel)).unwrap();
    };
    link(&h.secret().join("secret.md"), "zwdt/secret.md");
    link(&h.secret(), "zwdt/secretdir");
    link(&h.secret(), "gggs");
    link(&h.secret().join("passwd"), "zwdt/passwd.csv");
    link(Path::new("/etc/passwd"), "zwdt/etc.txt");
    link(Path::new("/nonexistent/portal-test"), "zwdt/dangling.md");
    let o = h.built();
    let warnings: Vec<String> = o.warnings.iter().map(ToString::to_string).collect();
    for rel in [
        "zwdt/secret.md",
        "zwdt/secretdir",
        "gggs",
        "zwdt/passwd.csv",
        "zwdt/etc.txt",
        "zwdt/dangling.md",
    ] {
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(&format!("content/{rel}")) && w.contains("符号链接")),
            "no warning for {rel}: {warnings:#?}"
        );
    }
    for (path, text) in h.output_texts() {
        assert!(!text.contains("机密文件不得发布"), "{path}");
        assert!(!text.contains("root:x:0:0"), "{path}");
    }
}

#[test]
fn output_dir_that_is_a_symlink_does_not_touch_its_target() {
    let h = Hostile::new();
    let victim = h.outer.path().join("victim");
    std::fs::create_dir_all(&victim).unwrap();
    std::fs::write(victim.join("index.html"), "受害目录").unwrap();
    std::fs::remove_dir_all(h.public()).unwrap();
    std::os::unix::fs::symlink(&victim, h.public()).unwrap();
    let result = portal::build(&h.options());
    assert_eq!(
        std::fs::read_to_string(victim.join("index.html")).unwrap(),
        "受害目录",
        "the symlink's target was written: {result:?}"
    );
    assert!(h.leftovers().is_empty());
}

// ---------------------------------------------------------------------------------------
// Sizes

/// A 50 MB Markdown file (≈ 25,000 paragraphs of Chinese text, a heading, a link and a `<u>`
/// every 100 paragraphs, so the sanitiser runs over all of it). It builds; the build
/// takes about 2.6 s in debug mode on the dev machine (release: about 1.7 s).
#[test]
fn fifty_megabyte_markdown_file() {
    let h = Hostile::new();
    let para = format!("{}\n\n", "政务公开是建设法治政府的重要内容，".repeat(40));
    let mut body = String::with_capacity(52 << 20);
    let mut n = 0;
    while body.len() < 50 << 20 {
        if n % 100 == 0 {
            body.push_str(&format!(
                "## 第{n}节\n\n[本节](#第{n}节) <u>原文粘贴</u>\n\n"
            ));
        }
        body.push_str(&para);
        n += 1;
    }
    h.write(
        "content/zwdt/huge.md",
        item_with("title: 五十兆的文件\ndate: 2023-03-15", &body),
    );
    let start = Instant::now();
    h.built();
    eprintln!("50 MB item built in {:?}", start.elapsed());
    assert!(
        std::fs::metadata(h.public().join("zwdt/huge/index.html"))
            .unwrap()
            .len()
            > 50 << 20
    );
}

/// 10,000 items in one folder: the build succeeds and paginates (20 per page → 501 pages
/// with the baseline item). The slowest case: about 17 s of build in debug mode, 5 s release.
#[test]
fn ten_thousand_files_in_one_folder() {
    let h = Hostile::with_config(&CONFIG.replace("per_page: 2\n", "per_page: 20\n"));
    for i in 0..10_000 {
        let day = i % 28 + 1;
        let month = i / 28 % 12 + 1;
        h.write(
            &format!("content/zwdt/{i:05}.md"),
            item(
                &format!("第{i}条信息"),
                &format!("2023-{month:02}-{day:02}"),
            ),
        );
    }
    let start = Instant::now();
    let o = h.built();
    eprintln!("10,000 items built in {:?}", start.elapsed());
    // 10,001 items with the baseline one.
    assert!(h.has("zwdt/page/501/index.html"));
    assert!(!h.has("zwdt/page/502/index.html"));
    assert!(h.has("zwdt/09999/index.html"));
    assert!(o.pages > 10_500);
    let last = h.read("zwdt/page/501/index.html");
    assert!(last.contains("第 501 页"), "pager status");
    // The number row stays short: page 250 of 501 links to 1, 248–252 and 501 only.
    let middle = common::normalised(&h.read("zwdt/page/250/index.html"));
    for n in [248, 249, 251, 252, 501] {
        assert!(
            middle.contains(&format!("/zwdt/page/{n}/")),
            "links to page {n}"
        );
    }
    let row = middle.split("class=pager>").nth(1).unwrap_or_default();
    assert!(row.contains("/zwdt/>1<"), "links to page 1: {row}");
    for n in [2, 100, 247, 253, 400, 500] {
        assert!(
            !middle.contains(&format!("/zwdt/page/{n}/")),
            "no link to page {n}"
        );
    }
    assert_eq!(middle.matches("pager-gap").count(), 2, "two gaps");
    let second = common::normalised(&h.read("zwdt/page/2/index.html"));
    assert!(
        middle.len() < second.len() + 1_000,
        "a page's size does not grow with the page count: {} vs {}",
        middle.len(),
        second.len()
    );
}

#[test]
fn hundred_kilobyte_front_matter_value() {
    let h = Hostile::new();
    let long = "很长的概述".repeat(100 * 1024 / 15);
    h.write(
        "content/zwdt/long.md",
        item_with(
            &format!("title: 长字段\ndate: 2023-03-15\nsummary: {long}"),
            "正文。",
        ),
    );
    h.built();
    assert!(h.read("zwdt/index.html").contains(&long));
}

#[test]
fn deeply_nested_yaml_is_a_clear_error_not_a_stack_overflow() {
    let h = Hostile::new();
    let deep = format!("tags: {}{}", "[".repeat(10_000), "]".repeat(10_000));
    h.write(
        "content/zwdt/deep.md",
        format!("---\ntitle: 嵌套\ndate: 2023-03-15\n{deep}\n---\n正文\n"),
    );
    let m = h.refused();
    let e = one_error(&m);
    assert!(e.starts_with("错误：content/zwdt/deep.md 第 4 行："), "{e}");
}

// ---------------------------------------------------------------------------------------
// Broken files

#[test]
fn empty_file_is_missing_front_matter() {
    let h = Hostile::new();
    h.write("content/zwdt/empty.md", "");
    let m = h.refused();
    assert!(
        one_error(&m)
            .starts_with("错误：content/zwdt/empty.md 第 1 行：缺少元数据（front matter）"),
        "{m:?}"
    );
}

#[test]
fn binary_file_with_md_extension_is_refused() {
    let h = Hostile::new();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7919 % 251) as u8));
    h.write("content/zwdt/image.md", &png);
    let mut zip = b"PK\x03\x04\x14\0\x06\0".to_vec();
    zip.extend(std::iter::repeat_n(0xAB, 1000));
    h.write("content/zwdt/report.md", &zip);
    let m = h.refused();
    assert_eq!(m.len(), 2, "{m:#?}");
    assert!(m[0].starts_with("错误：content/zwdt/image.md"), "{m:#?}");
    assert!(m[1].starts_with("错误：content/zwdt/report.md"), "{m:#?}");
    for e in &m {
        assert!(e.contains("二进制") || e.contains("不是 UTF-8"), "{e}");
    }
}

#[test]
fn fences_only_is_missing_title_and_date() {
    let h = Hostile::new();
    h.write("content/zwdt/fences.md", "---\n---\n");
    let m = h.refused();
    assert_eq!(m.len(), 2, "{m:#?}");
    assert!(m[0].contains("content/zwdt/fences.md 第 1 行：字段 date：缺少必填字段 date"));
    assert!(m[1].contains("content/zwdt/fences.md 第 1 行：字段 title：缺少必填字段 title"));
}

#[test]
fn nul_byte_is_refused_as_binary() {
    let h = Hostile::new();
    h.write(
        "content/zwdt/nul.md",
        "---\ntitle: 空字符\ndate: 2023-03-15\n---\n正文\0中间有空字符。\n",
    );
    let m = h.refused();
    let e = one_error(&m);
    assert!(e.starts_with("错误：content/zwdt/nul.md"), "{e}");
    assert!(e.contains("二进制"), "{e}");
}
