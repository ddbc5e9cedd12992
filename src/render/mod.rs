//! Rendering: Tera 2 templates from `themes/<theme>/templates/`, overridden by the site's
//! own `templates/`, turned into pages over the immutable [`Site`]. Template errors become
//! diagnostics naming the template file and line.

pub mod feeds;
pub mod pages;
pub mod views;

use crate::diagnostics::Diagnostic;
use crate::site::Site;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};

/// Templates every theme must provide.
pub const REQUIRED_TEMPLATES: [&str; 5] = [
    "index.html",
    "list.html",
    "item.html",
    "404.html",
    "sitemap.html",
];

/// Loaded templates, ready to render pages in parallel (`&Renderer` is shared).
pub struct Renderer {
    tera: Tera,
    /// Template name → the file it came from (site root relative, for messages) and its
    /// source text (for [`Renderer::minify_theme`]).
    templates: BTreeMap<String, (PathBuf, String)>,
    /// The same templates minified once ([`Renderer::minify_theme`]); pages render from
    /// these when set.
    minified: Option<Tera>,
}

/// The theme folder of a site.
pub fn theme_dir(root: &Path, theme: &str) -> PathBuf {
    root.join("themes").join(theme)
}

fn collect_templates(
    root: &Path,
    dir: &Path,
    found: &mut BTreeMap<String, (PathBuf, String)>,
    diags: &mut Vec<Diagnostic>,
) {
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || crate::content::is_ignored_name(&name) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let key = rel.to_string_lossy().replace('\\', "/");
        let shown = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        match std::fs::read(entry.path())
            .map_err(|e| Diagnostic::error(format!("无法读取模板（{e}）。")))
            .and_then(|b| crate::content::source::decode(&b))
        {
            Ok(text) => {
                found.insert(key, (shown, text));
            }
            Err(d) => diags.push(d.at(shown)),
        }
    }
}

impl Renderer {
    /// Loads the theme's templates and the site's overrides.
    pub fn load(root: &Path, theme: &str) -> Result<Self, Vec<Diagnostic>> {
        let theme_templates = theme_dir(root, theme).join("templates");
        if !theme_templates.is_dir() {
            return Err(vec![
                Diagnostic::error(format!("找不到主题 {theme} 的模板目录。"))
                    .at(crate::config::CONFIG_FILE)
                    .field("theme")
                    .hint(format!(
                        "应有目录 themes/{theme}/templates/；检查 site.yaml 中的 theme 名称。"
                    )),
            ]);
        }
        let mut found = BTreeMap::new();
        let mut diags = Vec::new();
        collect_templates(root, &theme_templates, &mut found, &mut diags);
        let site_templates = root.join("templates");
        if site_templates.is_dir() {
            collect_templates(root, &site_templates, &mut found, &mut diags);
        }
        for name in REQUIRED_TEMPLATES {
            if !found.contains_key(name) {
                diags.push(
                    Diagnostic::error(format!("主题缺少模板 {name}。")).at(theme_templates
                        .strip_prefix(root)
                        .unwrap_or(&theme_templates)),
                );
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let mut tera = Tera::new();
        let result =
            tera.add_raw_templates(found.iter().map(|(k, (_, t))| (k.as_str(), t.as_str())));
        let renderer = Self {
            tera,
            templates: found,
            minified: None,
        };
        match result {
            Ok(()) => Ok(renderer),
            Err(e) => Err(vec![renderer.diagnose(&e, None)]),
        }
    }

    /// Minifies the theme's templates once, so that the pages they render need no
    /// minification of their own (see [`crate::output::minify`]). Does nothing, and says
    /// false, when a template has Tera syntax where that cannot be done; pages must then be
    /// minified one by one.
    pub fn minify_theme(&mut self) -> bool {
        use crate::output::minify;
        if !self
            .templates
            .values()
            .all(|(_, text)| minify::template_is_minifiable(text))
        {
            return false;
        }
        let minified: Option<Vec<(&str, String)>> = self
            .templates
            .iter()
            .map(|(name, (_, text))| minify::template(text).map(|t| (name.as_str(), t)))
            .collect();
        let Some(minified) = minified else {
            return false;
        };
        let mut tera = Tera::new();
        if tera
            .add_raw_templates(minified.iter().map(|(n, t)| (*n, t.as_str())))
            .is_err()
        {
            return false;
        }
        *tera.global_context() = self.tera.global_context().clone();
        self.minified = Some(tera);
        true
    }

    /// Sets the variables every page shares (`site`).
    pub fn set_globals(&mut self, site: &Site) {
        let view = views::site_view(site);
        self.tera.global_context().insert("site", &view);
        if let Some(minified) = &mut self.minified {
            minified.global_context().insert("site", &view);
        }
    }

    /// Renders one template to UTF-8 bytes (Tera's `render` would check the whole page's
    /// UTF-8 again to make a `String`; every consumer here wants bytes).
    ///
    /// From the minified templates when the theme was minified: a failure there is
    /// rendered again from the templates as written, so that its message names the line of
    /// the file the theme's author sees.
    pub fn render(&self, template: &str, context: &Context) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(16 * 1024);
        if let Some(minified) = &self.minified {
            if minified.render_to(template, context, &mut out).is_ok() {
                return Ok(out);
            }
            out.clear();
        }
        self.tera
            .render_to(template, context, &mut out)
            .map_err(|e| self.diagnose(&e, Some(template)))?;
        if self.minified.is_some() {
            // Unreachable in practice (minifying a template does not change what it
            // does); should it happen, the page is still minified.
            return Ok(crate::output::minify::html(&out));
        }
        Ok(out)
    }

    /// Turns a Tera error into a diagnostic naming the template file and line.
    fn diagnose(&self, e: &tera::Error, template: Option<&str>) -> Diagnostic {
        use tera::ErrorKind;
        let (name, line, message) = match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => (
                Some(r.filename().to_string()),
                Some(r.span().start_line),
                r.message().to_string(),
            ),
            other => (template.map(String::from), None, other.to_string()),
        };
        let kind = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
            "模板语法错误"
        } else {
            "模板出错"
        };
        let mut d = Diagnostic::error(format!("{kind}：{message}"))
            .hint("这是网站模板（themes/ 或 templates/ 目录）的问题，不是信息文件的问题；请改正模板或联系网站技术人员。");
        if let Some(name) = name {
            d = d.at(self
                .templates
                .get(&name)
                .map_or_else(|| PathBuf::from(&name), |(path, _)| path.clone()));
        }
        if let Some(line) = line {
            d = d.line(line);
        }
        d
    }
}
