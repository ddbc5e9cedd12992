//! Site search (`portal build --search`, 站内搜索): [Pagefind](https://pagefind.app/) indexes
//! the item pages of the staged build, before the atomic swap, so a failed indexing fails
//! the build and leaves the published output untouched.
//!
//! - Only item pages are indexed, and only their `<article data-pagefind-body>` (title as
//!   `title` meta, 发布日期 as `date` meta and sort key, 栏目 as the `栏目` filter); lists,
//!   the home page and the navigation are not. The attributes are in `item.html` and are
//!   written only when the page context's `search_url` is set, so a build without search is
//!   byte-identical to one made before search existed.
//! - Chinese needs Pagefind's *extended* build, which segments `zh-*` pages into words;
//!   the standard build indexes a whole run of Chinese characters as one word, so a search
//!   for a word inside a sentence finds nothing. The npm package `pagefind` installs it
//!   (`node_modules/@pagefind/<platform>/bin/pagefind_extended`), and a binary that does not
//!   announce itself as extended is refused for a Chinese or Japanese site.
//! - Pagefind writes its bundle into a temporary folder; every file then goes through the
//!   build's [`Writer`] into `pagefind/`, so it is counted, and an index file whose bytes did
//!   not change is hard-linked from the previous build (Pagefind's output is deterministic).

use crate::diagnostics::Diagnostic;
use crate::output::Writer;
use crate::render::pages::{Page, Planned};
use crate::site::Site;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Environment variable naming the Pagefind binary to use.
pub const ENV_BINARY: &str = "PORTAL_PAGEFIND";
/// Environment variable that turns search on for `portal build` without `--search`
/// (`1`, `true`, `yes` or `on`).
pub const ENV_DEFAULT: &str = "PORTAL_SEARCH";
/// Output folder of the search bundle.
pub const BUNDLE_DIR: &str = "pagefind";
/// Output path of the search page.
pub const PAGE_PATH: &str = "search/index.html";
/// URL path of the search page, under the site's base path.
pub const PAGE_URL: &str = "search/";

/// How to index a build for search.
#[derive(Clone, Debug, Default)]
pub struct SearchOptions {
    /// The Pagefind binary; when None it is looked up by [`find_pagefind`].
    pub pagefind: Option<PathBuf>,
}

/// True if `PORTAL_SEARCH` asks for search by default.
pub fn enabled_by_env() -> bool {
    std::env::var(ENV_DEFAULT).is_ok_and(|v| {
        matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "1" | "true" | "yes" | "on"
        )
    })
}

/// The npm platform package folder of this machine (`@pagefind/<this>`).
fn npm_platform() -> Option<&'static str> {
    use std::env::consts::{ARCH, OS};
    Some(match (OS, ARCH) {
        ("linux", "x86_64") => "linux-x64",
        ("linux", "aarch64") => "linux-arm64",
        ("macos", "x86_64") => "darwin-x64",
        ("macos", "aarch64") => "darwin-arm64",
        ("windows", "x86_64") => "windows-x64",
        ("windows", "aarch64") => "windows-arm64",
        ("freebsd", "x86_64") => "freebsd-x64",
        _ => return None,
    })
}

fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

/// Where `npm ci` in `dir` puts Pagefind: the extended binary itself first, then npm's
/// wrapper script (which needs Node and runs the same binary).
fn npm_candidates(dir: &Path) -> Vec<PathBuf> {
    let modules = dir.join("node_modules");
    let mut out = Vec::new();
    if let Some(platform) = npm_platform() {
        out.push(
            modules
                .join("@pagefind")
                .join(platform)
                .join("bin")
                .join(exe("pagefind_extended")),
        );
    }
    out.push(modules.join(".bin").join(exe("pagefind_extended")));
    out.push(modules.join(".bin").join(if cfg!(windows) {
        "pagefind.cmd"
    } else {
        "pagefind"
    }));
    out
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(exe(name)))
        .find(|p| p.is_file())
}

fn missing_binary(detail: String) -> Diagnostic {
    Diagnostic::error(format!(
        "找不到 Pagefind 搜索索引程序，无法生成站内搜索（--search）{detail}。"
    ))
    .hint(format!(
        "在网站根目录（有 package.json 的目录）运行 npm ci 安装 Pagefind（npm 包 pagefind，自带中文分词的扩展版 pagefind_extended）；\
         或用环境变量 {ENV_BINARY} 指定 pagefind_extended 程序的完整路径；不需要搜索时去掉 --search（并取消环境变量 {ENV_DEFAULT}）。"
    ))
}

/// Finds the Pagefind binary: `options.pagefind`, else `$PORTAL_PAGEFIND`, else the npm
/// install under the site root or the current folder (`node_modules/@pagefind/<platform>/
/// bin/pagefind_extended`, then `node_modules/.bin/pagefind`), else `pagefind_extended` or
/// `pagefind` on PATH.
pub fn find_pagefind(root: &Path, options: &SearchOptions) -> Result<PathBuf, Diagnostic> {
    // Absolute: Pagefind runs in a temporary working folder.
    locate(root, options).map(|p| std::path::absolute(&p).unwrap_or(p))
}

fn locate(root: &Path, options: &SearchOptions) -> Result<PathBuf, Diagnostic> {
    if let Some(p) = &options.pagefind {
        return if p.is_file() {
            Ok(p.clone())
        } else {
            Err(missing_binary(format!("：{} 不存在", p.display())))
        };
    }
    if let Some(p) = std::env::var_os(ENV_BINARY).filter(|v| !v.is_empty()) {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(missing_binary(format!(
                "：环境变量 {ENV_BINARY} 指定的 {} 不存在",
                p.display()
            )))
        };
    }
    let mut dirs = vec![root.to_path_buf()];
    if let Ok(cwd) = std::env::current_dir()
        && std::path::absolute(root).ok().as_deref() != Some(cwd.as_path())
    {
        dirs.push(cwd);
    }
    dirs.iter()
        .flat_map(|d| npm_candidates(d))
        .find(|p| p.is_file())
        .or_else(|| on_path("pagefind_extended"))
        .or_else(|| on_path("pagefind"))
        .ok_or_else(|| missing_binary(String::new()))
}

/// Paths search needs for itself: `search/index.html` (not also a category's list page)
/// and `pagefind/` (no static or content file there).
pub fn check_paths(plan: &[Planned], copies: &[(String, PathBuf)]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if plan
        .iter()
        .any(|p| p.path == PAGE_PATH && !matches!(p.page, Page::Search))
    {
        diags.push(
            Diagnostic::error(format!(
                "栏目目录 search 的列表页会和站内搜索页 /{PAGE_URL} 写到同一个位置。"
            ))
            .at(crate::config::CONFIG_FILE)
            .field("categories")
            .hint("请给这个栏目换一个目录名，或不使用 --search。"),
        );
    }
    for (rel, src) in copies {
        if rel.split('/').next() == Some(BUNDLE_DIR) {
            diags.push(
                Diagnostic::error(format!(
                    "这个文件会写到 {rel}，而 {BUNDLE_DIR}/ 目录留给站内搜索索引。"
                ))
                .at(src)
                .hint(format!(
                    "请把它移出 {BUNDLE_DIR}/ 目录，或不使用 --search。"
                )),
            );
        }
    }
    diags
}

/// Before anything is written: the Pagefind binary, and the paths search needs are free.
pub fn prepare(
    root: &Path,
    options: &SearchOptions,
    plan: &[Planned],
    copies: &[(String, PathBuf)],
) -> Result<PathBuf, crate::pipeline::BuildError> {
    let mut diags = check_paths(plan, copies);
    let binary = find_pagefind(root, options).map_err(|d| diags.push(d));
    match binary {
        Ok(b) if diags.is_empty() => Ok(b),
        _ => Err(crate::pipeline::BuildError::Site(diags)),
    }
}

fn is_cjk_language(language: &str) -> bool {
    let l = language.to_ascii_lowercase();
    l == "zh" || l.starts_with("zh-") || l == "ja" || l.starts_with("ja-")
}

/// `Indexed N pages` from Pagefind's summary.
fn indexed_pages(log: &str) -> Option<usize> {
    log.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("Indexed ")?;
        let n = rest
            .strip_suffix(" pages")
            .or_else(|| rest.strip_suffix(" page"))?;
        n.parse().ok()
    })
}

fn failed(binary: &Path, what: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(format!(
        "生成站内搜索索引失败（{}）：{what}",
        binary.display()
    ))
    .hint(format!(
        "检查 Pagefind 是否完整安装（在网站根目录重新运行 npm ci），或用环境变量 {ENV_BINARY} 指定 pagefind_extended；不需要搜索时去掉 --search。"
    ))
}

/// Indexes the staged site at `staged` with the Pagefind binary `binary` and writes the
/// bundle to `pagefind/` through `writer`. Returns warnings (e.g. a theme whose item
/// template lacks `data-pagefind-body`, so other pages were indexed too).
pub fn index(
    binary: &Path,
    site: &Site,
    staged: &Path,
    writer: &Writer,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    if site.items.is_empty() {
        // Pagefind would fall back to indexing every page whole.
        return Ok(vec![Diagnostic::warning(
            "网站还没有可搜索的信息，本次没有生成站内搜索索引。",
        )]);
    }
    if staged.join(BUNDLE_DIR).exists() {
        return Err(vec![
            Diagnostic::error(format!(
                "网站输出中已有 {BUNDLE_DIR}/，它留给站内搜索索引。"
            ))
            .hint(format!(
                "请改名或移走 {BUNDLE_DIR}/ 目录，或不使用 --search。"
            )),
        ]);
    }
    let io = |e: std::io::Error| vec![failed(binary, e)];
    // An empty working folder: Pagefind reads pagefind.yml/.toml/.json from there.
    let work = tempfile::Builder::new()
        .prefix(".portal-pagefind-")
        .tempdir()
        .map_err(io)?;
    let out_dir = work.path().join("bundle");
    let site_dir = std::path::absolute(staged).map_err(io)?;
    let mut cmd = Command::new(binary);
    cmd.arg("--site")
        .arg(&site_dir)
        .arg("--output-path")
        .arg(&out_dir)
        .current_dir(work.path());
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("PAGEFIND_") {
            cmd.env_remove(key);
        }
    }
    let output = cmd.output().map_err(io)?;
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if !output.status.success() {
        let tail: Vec<&str> = log.lines().filter(|l| !l.trim().is_empty()).collect();
        let tail = tail[tail.len().saturating_sub(6)..].join("\n    ");
        return Err(vec![failed(
            binary,
            format!(
                "程序以 {} 结束。输出的最后几行：\n    {tail}",
                output.status
            ),
        )]);
    }
    if is_cjk_language(&site.config.language) && !log.contains("(Extended)") {
        return Err(vec![
            Diagnostic::error(format!(
                "{} 不是 Pagefind 扩展版（Extended），不能给中文分词：搜索句子中间的词会找不到。",
                binary.display()
            ))
            .hint(format!(
                "在网站根目录运行 npm ci 安装 npm 包 pagefind（自带扩展版 pagefind_extended），或用环境变量 {ENV_BINARY} 指定 pagefind_extended 的路径。"
            )),
        ]);
    }
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for entry in walkdir::WalkDir::new(&out_dir).sort_by_file_name() {
        let entry = entry.map_err(|e| vec![failed(binary, e)])?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&out_dir)
            .map_err(|e| vec![failed(binary, e)])?
            .to_string_lossy()
            .replace('\\', "/");
        files.push((format!("{BUNDLE_DIR}/{rel}"), entry.path().to_path_buf()));
    }
    if !files.iter().any(|(rel, _)| rel.ends_with("/pagefind.js")) {
        return Err(vec![failed(binary, "没有生成 pagefind.js。")]);
    }
    use rayon::prelude::*;
    files
        .par_iter()
        .try_for_each(|(rel, src)| writer.copy(rel, src))
        .map_err(|e| vec![Diagnostic::error(e.to_string())])?;
    let mut warnings = Vec::new();
    if let Some(n) = indexed_pages(&log)
        && n != site.items.len()
    {
        warnings.push(Diagnostic::warning(format!(
            "站内搜索索引收录了 {n} 个页面，而网站有 {} 条信息：主题的 item.html 可能缺少 data-pagefind-body，列表页等也被收录了。",
            site.items.len()
        )));
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_page_count() {
        let log = "[Building search indexes]\nTotal: \n  Indexed 1 language\n  Indexed 80 pages\n  Indexed 9000 words\n";
        assert_eq!(indexed_pages(log), Some(80));
        assert_eq!(indexed_pages("  Indexed 1 page\n"), Some(1));
        assert_eq!(indexed_pages("nothing"), None);
    }

    #[test]
    fn chinese_and_japanese_need_the_extended_build() {
        for l in ["zh-CN", "zh", "zh-Hant-TW", "ja", "ZH-cn"] {
            assert!(is_cjk_language(l), "{l}");
        }
        for l in ["en", "bo", "zha"] {
            assert!(!is_cjk_language(l), "{l}");
        }
    }

    #[test]
    fn an_explicit_missing_binary_says_how_to_install() {
        let err = find_pagefind(
            Path::new("/nonexistent"),
            &SearchOptions {
                pagefind: Some("/nonexistent/pagefind".into()),
            },
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("npm ci"), "{err}");
        assert!(err.contains("/nonexistent/pagefind"), "{err}");
    }
}
