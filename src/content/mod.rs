//! Content loading: walk `content/`, skip hidden and editor temp files, read every Markdown
//! file in parallel (decode, split front matter, check it, render the body) and list the
//! other files as assets. Returns the items with every problem found, not just the first.

pub mod body;
pub mod front_matter;
pub mod item;
pub mod source;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, FoundLink, LinkContext};
pub use body::{Bodies, Body, BodySource};
use item::FrontMatter;
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Folder under the site root that holds the Markdown.
pub const CONTENT_DIR: &str = "content";
/// File name of a category's (or the home page's) introduction.
pub const INDEX_FILE: &str = "_index.md";

/// One disclosure item, loaded and rendered.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Path under `content/`, `/`-separated (e.g. `zwdt/20230307-fire.md`).
    pub source: String,
    /// Index of its category in the config.
    pub category: usize,
    /// URL path under the base path, e.g. `zwdt/20230307-fire/`.
    pub url_path: String,
    /// 发布日期 (required, so not optional here).
    pub date: Date,
    /// The checked front matter.
    pub meta: FrontMatter,
    /// Body HTML, or how to render it again (see [`body`]).
    pub body: Body,
    /// Ids of the body's headings.
    pub heading_ids: Vec<String>,
    /// Links to check, with file lines.
    pub links: Vec<FoundLink>,
}

/// The title and introduction of a list page (from `_index.md`).
#[derive(Clone, Debug, Default)]
pub struct Intro {
    /// Title from the front matter, if any.
    pub title: Option<String>,
    /// Introduction HTML.
    pub html: String,
}

/// Options that decide which items are published.
#[derive(Clone, Copy, Debug)]
pub struct LoadOptions {
    /// Include `draft: true` items.
    pub drafts: bool,
    /// Include items dated after `today`.
    pub future: bool,
    /// Today in Asia/Shanghai (injected so tests can pin it).
    pub today: Date,
    /// What to do with Markdown bodies: reports that only need the metadata skip them,
    /// `portal build` checks them (and renders each again for its page), the preview
    /// server keeps their HTML.
    pub bodies: Bodies,
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Published items, in path order.
    pub items: Vec<Item>,
    /// Category introductions by category index.
    pub intros: BTreeMap<usize, Intro>,
    /// The home page's introduction.
    pub home: Intro,
    /// Other files under `content/`, copied as they are (`/`-separated paths).
    pub assets: Vec<String>,
    /// Items left out because they are drafts or scheduled.
    pub skipped: usize,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
    /// Where deferred item bodies are rendered from again.
    pub body_source: BodySource,
}

/// The URL path of the item at `source` (`zwdt/a.md` → `zwdt/a/`): its category folder
/// and file stem, whatever sub-folder it sits in.
pub fn item_url_path(source: &str) -> String {
    let folder = source.split('/').next().unwrap_or_default();
    let file = source.rsplit('/').next().unwrap_or_default();
    let stem = file.strip_suffix(".md").unwrap_or(file);
    if stem.chars().all(|c| c == '.') {
        // Never a `.`/`..` URL segment (such files are hidden and skipped anyway).
        return format!("{folder}/{}/", stem.replace('.', "%2E"));
    }
    format!("{folder}/{stem}/")
}

/// True for names that editors, Office and the OS leave behind, and hidden files: never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swo")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

enum Entry {
    Item(String, usize),
    Intro(String, Option<usize>),
    Asset(String),
}

impl Entry {
    fn rel(&self) -> &str {
        match self {
            Self::Item(r, _) | Self::Intro(r, _) | Self::Asset(r) => r,
        }
    }
}

/// Parsed files kept between rebuilds (by `portal serve`), keyed by path and checked
/// against the file's size and modification time. Valid only for one config.
#[derive(Default)]
pub struct Cache {
    entries: HashMap<String, (FileStamp, Loaded1)>,
}

/// A file's size and modification time.
type FileStamp = (u64, Option<std::time::SystemTime>);

fn stamp(root: &Path, rel: &str) -> Option<FileStamp> {
    let m = std::fs::metadata(root.join(CONTENT_DIR).join(rel)).ok()?;
    Some((m.len(), m.modified().ok()))
}

/// Loads every file under `root/content`.
pub fn load(root: &Path, config: &SiteConfig, opts: LoadOptions) -> Loaded {
    load_with(root, config, opts, None)
}

/// Loads every file under `root/content`, re-reading only files changed since they went
/// into `cache` (when given).
pub fn load_with(
    root: &Path,
    config: &SiteConfig,
    opts: LoadOptions,
    cache: Option<&mut Cache>,
) -> Loaded {
    let mut loaded = Loaded {
        body_source: BodySource {
            root: root.to_path_buf(),
            base_path: config.base_path.clone(),
            minify: false,
        },
        ..Loaded::default()
    };
    let entries = discover(root, config, &mut loaded.diagnostics);
    let load_entry = |e: &Entry| match e {
        Entry::Item(rel, cat) => load_item(root, rel, *cat, config, opts.bodies),
        Entry::Intro(rel, cat) => load_intro(root, rel, *cat, config),
        Entry::Asset(rel) => Loaded1::Asset(rel.clone()),
    };
    let results: Vec<Loaded1> = match cache {
        None => entries.par_iter().map(load_entry).collect(),
        Some(cache) => {
            let stamps: Vec<Option<FileStamp>> =
                entries.par_iter().map(|e| stamp(root, e.rel())).collect();
            let fresh: Vec<Option<Loaded1>> = entries
                .par_iter()
                .zip(&stamps)
                .map(|(e, st)| match (cache.entries.get(e.rel()), st) {
                    (Some((old, _)), Some(st)) if old == st => None,
                    _ => Some(load_entry(e)),
                })
                .collect();
            let mut next = HashMap::with_capacity(entries.len());
            let mut out = Vec::with_capacity(entries.len());
            for ((e, st), fresh) in entries.iter().zip(stamps).zip(fresh) {
                let result = match fresh {
                    Some(r) => r,
                    None => match cache.entries.remove(e.rel()) {
                        Some((_, r)) => r,
                        None => load_entry(e),
                    },
                };
                if let Some(st) = st {
                    next.insert(e.rel().to_string(), (st, result.clone()));
                }
                out.push(result);
            }
            cache.entries = next;
            out
        }
    };
    for r in results {
        match r {
            Loaded1::Item(item, warnings) => {
                loaded.diagnostics.extend(warnings);
                let scheduled = item.date > opts.today && !opts.future;
                if (item.meta.draft && !opts.drafts) || scheduled {
                    loaded.skipped += 1;
                } else {
                    loaded.items.push(*item);
                }
            }
            Loaded1::Intro(Some(cat), intro) => {
                loaded.intros.insert(cat, intro);
            }
            Loaded1::Intro(None, intro) => loaded.home = intro,
            Loaded1::Asset(rel) => loaded.assets.push(rel),
            Loaded1::Failed(d) => loaded.diagnostics.extend(d),
        }
    }
    loaded
}

fn discover(root: &Path, config: &SiteConfig, diags: &mut Vec<Diagnostic>) -> Vec<Entry> {
    let dir = root.join(CONTENT_DIR);
    if !dir.is_dir() {
        diags.push(
            Diagnostic::error("找不到 content 目录。")
                .at(CONTENT_DIR)
                .hint("在网站根目录下建立 content 目录，每个栏目一个子目录。"),
        );
        return Vec::new();
    }
    let mut undeclared: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
                    .unwrap_or_else(|| CONTENT_DIR.into());
                diags.push(Diagnostic::error(format!("无法读取（{e}）。")).at(at));
                continue;
            }
        };
        if entry.depth() == 0 || entry.file_type().is_dir() {
            continue;
        }
        let Ok(rel_path) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let parts: Vec<String> = rel_path
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let rel = parts.join("/");
        let shown = format!("{CONTENT_DIR}/{rel}");
        if parts.iter().any(|p| p.contains('\\')) {
            diags.push(
                Diagnostic::error("文件名中含有反斜杠 \\，网站无法使用这样的文件名。")
                    .at(&shown)
                    .hint("请给文件改名，去掉文件名里的 \\（Windows 中它是目录分隔符）。"),
            );
            continue;
        }
        if entry.path_is_symlink() || !entry.file_type().is_file() {
            diags.push(
                Diagnostic::warning(
                    "已跳过符号链接或特殊文件：网站只发布 content 目录中的普通文件。",
                )
                .at(&shown),
            );
            continue;
        }
        let is_md = rel.ends_with(".md");
        let folder = rel.split('/').next().unwrap_or_default().to_string();
        let top_level = !rel.contains('/');
        if top_level {
            if rel == INDEX_FILE {
                out.push(Entry::Intro(rel, None));
            } else if is_md {
                diags.push(
                    Diagnostic::error("信息文件必须放在栏目目录里。")
                        .at(&shown)
                        .hint("把文件移到 content/<栏目目录>/ 下，例如 content/zwdt/。"),
                );
            } else {
                out.push(Entry::Asset(rel));
            }
            continue;
        }
        match config.category_index(&folder) {
            Some(cat) if is_md && rel == format!("{folder}/{INDEX_FILE}") => {
                out.push(Entry::Intro(rel, Some(cat)))
            }
            Some(_) if is_md && rel.ends_with(&format!("/{INDEX_FILE}")) => {}
            Some(cat) if is_md => out.push(Entry::Item(rel, cat)),
            None if is_md => *undeclared.entry(folder).or_default() += 1,
            _ => out.push(Entry::Asset(rel)),
        }
    }
    let declared: Vec<String> = config
        .categories
        .iter()
        .map(|c| format!("{}（{}）", c.folder, c.name))
        .collect();
    for (folder, count) in undeclared {
        diags.push(
            Diagnostic::error(format!("目录 {folder} 不是 site.yaml 中定义的栏目（其中有 {count} 个 .md 文件未发布）。"))
                .at(format!("{CONTENT_DIR}/{folder}"))
                .hint(format!("已定义的栏目目录：{}。请把文件移到其中之一，或在 site.yaml 的 categories 中添加 folder: {folder}。", declared.join("、"))),
        );
    }
    out
}

#[derive(Clone)]
enum Loaded1 {
    Item(Box<Item>, Vec<Diagnostic>),
    Intro(Option<usize>, Intro),
    Asset(String),
    Failed(Vec<Diagnostic>),
}

/// Reads and decodes a file under `content/`; the error carries no path yet.
fn read_text(root: &Path, rel: &str) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(CONTENT_DIR).join(rel))
        .map_err(|e| Diagnostic::error(format!("无法读取文件（{e}）。")))?;
    source::decode(&bytes)
}

/// Reads only as much of a file as its front matter needs (reports never look at bodies):
/// the first block up to the closing `---` line, or the whole file when that is not within
/// the first 16 KiB.
fn read_front(root: &Path, rel: &str) -> Result<String, Diagnostic> {
    use std::io::Read;
    const HEAD: u64 = 16 * 1024;
    let path = root.join(CONTENT_DIR).join(rel);
    let mut head = Vec::with_capacity(HEAD as usize);
    std::fs::File::open(&path)
        .and_then(|f| f.take(HEAD).read_to_end(&mut head))
        .map_err(|e| Diagnostic::error(format!("无法读取文件（{e}）。")))?;
    let close = head
        .windows(5)
        .enumerate()
        .skip(1)
        .find(|(_, w)| w == b"\n---\n" || w == b"\n---\r")
        .map(|(i, _)| i + 4);
    match close {
        Some(end) if (head.len() as u64) < HEAD || end < head.len() => source::decode(&head[..end]),
        _ => read_text(root, rel),
    }
}

fn load_item(
    root: &Path,
    rel: &str,
    category: usize,
    config: &SiteConfig,
    bodies: Bodies,
) -> Loaded1 {
    let shown = format!("{CONTENT_DIR}/{rel}");
    let located = |d: Diagnostic| d.at(&shown);
    let read = if bodies == Bodies::Skip {
        read_front
    } else {
        read_text
    };
    let text = match read(root, rel) {
        Ok(t) => t,
        Err(d) => return Loaded1::Failed(vec![located(d)]),
    };
    let split = match front_matter::split(&text) {
        Ok(s) => s,
        Err(d) => return Loaded1::Failed(vec![located(d)]),
    };
    let pairs = match crate::yaml::parse_pairs(split.yaml) {
        Ok(p) => p,
        Err(e) => {
            let mut d = Diagnostic::error(e.message).hint(e.hint);
            if let Some(l) = e.line {
                d = d.line(split.yaml_line + l - 1);
            }
            if let Some(f) = e.field {
                d = d.field(f);
            }
            return Loaded1::Failed(vec![located(d)]);
        }
    };
    let (meta, mut diags) = item::parse(pairs, split.yaml_line);
    let ctx = LinkContext {
        source: rel,
        base_path: &config.base_path,
    };
    let (rendered, body) = match bodies {
        Bodies::Skip => (markdown::Rendered::default(), Body::default()),
        Bodies::Check => (
            markdown::check(split.body, &ctx),
            Body::Deferred {
                digest: body::digest(split.body),
            },
        ),
        Bodies::Keep => {
            let mut r = markdown::render(split.body, &ctx);
            let html = std::mem::take(&mut r.html);
            (r, Body::Html(html))
        }
    };
    for p in &rendered.problems {
        diags.push(
            Diagnostic::error(p.message.clone())
                .line(split.body_line + p.line - 1)
                .hint(p.hint.clone()),
        );
    }
    let diags: Vec<Diagnostic> = diags.into_iter().map(located).collect();
    let date = match meta.date {
        Some(d) if !diags.iter().any(Diagnostic::is_error) => d,
        _ => return Loaded1::Failed(diags),
    };
    let links = rendered
        .links
        .into_iter()
        .map(|mut l| {
            l.line = split.body_line + l.line - 1;
            l
        })
        .collect();
    let item = Item {
        source: rel.to_string(),
        category,
        url_path: item_url_path(rel),
        date,
        meta,
        body,
        heading_ids: rendered.heading_ids,
        links,
    };
    Loaded1::Item(Box::new(item), diags)
}

fn load_intro(root: &Path, rel: &str, category: Option<usize>, config: &SiteConfig) -> Loaded1 {
    let shown = format!("{CONTENT_DIR}/{rel}");
    let text = match read_text(root, rel) {
        Ok(t) => t,
        Err(d) => return Loaded1::Failed(vec![d.at(&shown)]),
    };
    let (yaml, yaml_line, body) = match front_matter::split(&text) {
        Ok(s) => (s.yaml, s.yaml_line, s.body),
        Err(_) if !text.starts_with("---") => ("", 1, text.as_str()),
        Err(d) => return Loaded1::Failed(vec![d.at(&shown)]),
    };
    let mut title = None;
    let mut diags = Vec::new();
    match crate::yaml::parse_pairs(yaml) {
        Ok(pairs) => {
            for (k, v) in pairs.0 {
                let line = yaml_line + crate::yaml::line_of(&k) - 1;
                match (k.value.as_str(), &v.value) {
                    ("title", serde_json::Value::String(s)) => title = Some(s.trim().to_string()),
                    ("title", _) => diags.push(
                        Diagnostic::error("标题应是一段文字。")
                            .at(&shown)
                            .line(line)
                            .field("title"),
                    ),
                    (other, _) => diags.push(
                        Diagnostic::error(format!("栏目说明文件里不认识的字段 {other}。"))
                            .at(&shown)
                            .line(line)
                            .field(other)
                            .hint("_index.md 只能写 title（栏目页标题），说明文字写在 --- 之后。"),
                    ),
                }
            }
        }
        Err(e) => diags.push(
            Diagnostic::error(e.message)
                .at(&shown)
                .line(yaml_line + e.line.unwrap_or(1) - 1)
                .hint(e.hint),
        ),
    }
    if !diags.is_empty() {
        return Loaded1::Failed(diags);
    }
    let html = markdown::render(
        body,
        &LinkContext {
            source: rel,
            base_path: &config.base_path,
        },
    )
    .html;
    Loaded1::Intro(category, Intro { title, html })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_path_uses_folder_and_stem() {
        assert_eq!(item_url_path("zwdt/a.md"), "zwdt/a/");
        assert_eq!(item_url_path("zwdt/2023/通知.md"), "zwdt/通知/");
    }

    #[test]
    fn temp_files_are_ignored() {
        for n in [
            "~$通知.md",
            ".a.md.swp",
            "a.md~",
            "#a.md#",
            ".hidden.md",
            "a.md___jb_tmp___",
            "a.swp",
        ] {
            assert!(is_ignored_name(n), "{n}");
        }
        assert!(!is_ignored_name("通知.md"));
    }
}
