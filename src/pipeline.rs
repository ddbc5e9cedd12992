//! The build: config → content → site model → render (parallel) → staged output → atomic
//! swap. Every user error from every stage is collected before failing, and a failed build
//! leaves the previous output untouched.

use crate::config::SiteConfig;
use crate::content::{self, Bodies, LoadOptions};
use crate::diagnostics::Diagnostic;
use crate::fs_util::FsError;
use crate::output::Writer;
use crate::output::staging::Staging;
use crate::render::{self, Renderer, pages};
use crate::site::Site;
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// What to build and how.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// Site root (holds site.yaml, content/, themes/).
    pub root: PathBuf,
    /// Output directory; `public/` under the root when None.
    pub output_dir: Option<PathBuf>,
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Include items dated after today.
    pub future: bool,
    /// Today's date; today in Asia/Shanghai when None.
    pub today: Option<Date>,
    /// Show a progress bar on a terminal.
    pub progress: bool,
    /// Build the search page and index the site with Pagefind (`--search`); None: no search.
    pub search: Option<crate::search::SearchOptions>,
    /// How pages are minified with minify-html.
    pub minify: Minify,
}

/// How pages are minified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Minify {
    /// Not at all (`--no-minify`: to read a theme's output as rendered, or to measure what
    /// minification costs).
    Off,
    /// Every rendered page.
    EveryPage,
    /// The theme's templates once and each body, when the theme allows it (see
    /// [`crate::output::minify`]); otherwise every page. The default.
    ThemeOnce,
}

impl BuildOptions {
    /// Default options for a site root.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            output_dir: None,
            base_url: None,
            drafts: false,
            future: false,
            today: None,
            progress: false,
            search: None,
            minify: Minify::ThemeOnce,
        }
    }

    /// The output directory these options write to.
    pub fn output(&self) -> PathBuf {
        self.output_dir
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildOutcome {
    /// HTML pages rendered.
    pub pages: usize,
    /// Files in the output (pages, feeds, assets).
    pub files: usize,
    /// Files whose bytes changed since the previous build.
    pub changed: usize,
    /// Items left out (drafts, scheduled).
    pub skipped: usize,
    /// Warnings to show.
    pub warnings: Vec<Diagnostic>,
    /// Where the site is.
    pub output: PathBuf,
    /// Wall time.
    pub elapsed: Duration,
    /// Where the time went: wall time per stage, and CPU time summed over threads for the
    /// parallel render, minify and write steps.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Thread-summed time of one parallel step.
#[derive(Default)]
struct Meter(AtomicU64);

impl Meter {
    fn time<T>(&self, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let out = f();
        self.0
            .fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
        out
    }

    fn total(&self) -> Duration {
        Duration::from_nanos(self.0.load(Ordering::Relaxed))
    }
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Problems in the site's files (exit 1).
    #[error("网站文件有 {} 个错误", .0.iter().filter(|d| d.is_error()).count())]
    Site(Vec<Diagnostic>),
    /// A file-system failure.
    #[error(transparent)]
    Io(#[from] FsError),
}

/// Today's date in Asia/Shanghai, whatever the machine's time zone.
pub fn today_in_china() -> Date {
    let tz = jiff::tz::TimeZone::get("Asia/Shanghai")
        .unwrap_or(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)));
    jiff::Timestamp::now().to_zoned_datetime(tz).date()
}

/// A loaded, checked site: the model, its warnings and how many items were left out.
pub type LoadedSite = (Site, Vec<Diagnostic>, usize);

/// Loads config, content (and, if `with_templates`, the theme) and builds the site model,
/// collecting every error of every stage. Reports use it without templates.
pub fn load_site(
    opts: &BuildOptions,
    today: Date,
    with_templates: bool,
) -> Result<(LoadedSite, Option<Renderer>), BuildError> {
    let root = &opts.root;
    let config = SiteConfig::load(root, opts.base_url.as_deref()).map_err(BuildError::Site)?;
    let renderer = with_templates.then(|| Renderer::load(root, &config.theme));
    let loaded = content::load(
        root,
        &config,
        LoadOptions {
            drafts: opts.drafts,
            future: opts.future,
            today,
            bodies: if with_templates {
                Bodies::Check
            } else {
                Bodies::Skip
            },
        },
    );
    let skipped = loaded.skipped;
    match (renderer, Site::build(config, loaded)) {
        (None, Ok((site, warnings))) => Ok(((site, warnings, skipped), None)),
        (Some(Ok(r)), Ok((site, warnings))) => Ok(((site, warnings, skipped), Some(r))),
        (r, s) => {
            let mut all = s.err().unwrap_or_default();
            all.extend(r.and_then(Result::err).unwrap_or_default());
            Err(BuildError::Site(all))
        }
    }
}

/// Builds the site.
pub fn build(opts: &BuildOptions) -> Result<BuildOutcome, BuildError> {
    let start = Instant::now();
    let root = &opts.root;
    let output = opts.output();
    check_output_dir(root, &output)?;
    let today = opts.today.unwrap_or_else(today_in_china);
    let mut timings = Vec::new();
    let mut lap = Instant::now();
    let mut stage = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, lap.elapsed()));
        lap = Instant::now();
    };
    let (loaded, renderer) = load_site(opts, today, true)?;
    stage(
        "load: read, front matter, Markdown, site model (wall)",
        &mut timings,
    );
    let (mut site, mut warnings, skipped) = loaded;
    let mut renderer = renderer.ok_or_else(|| BuildError::Site(Vec::new()))?;
    let theme_minified = opts.minify == Minify::ThemeOnce && renderer.minify_theme();
    if theme_minified {
        minify_inserted_html(&mut site);
    }
    let report = crate::freshness::report::evaluate(&site, today);
    if let Some(line) = crate::freshness::report::summary_line(&report) {
        warnings.push(Diagnostic::warning(line));
    }
    renderer.set_globals(&site);
    let plan = pages::plan_with_search(&site, opts.search.is_some());
    let copies = copy_plan(root, &site);
    check_collisions(&plan, &copies)?;
    let pagefind = match &opts.search {
        Some(search) => Some(crate::search::prepare(root, search, &plan, &copies)?),
        None => None,
    };

    let staging = Staging::new(&output)?;
    let writer = Writer::new(staging.path(), Some(&output));
    let bar = progress_bar(opts.progress, plan.len());
    stage("plan, freshness, staging (wall)", &mut timings);
    let (minify_cpu, write_cpu) = (Meter::default(), Meter::default());
    let render_cpu = render_pages(&renderer, &site, &plan, &|p, html| {
        bar.inc(1);
        let whole_page = match opts.minify {
            Minify::Off => false,
            Minify::EveryPage => true,
            // Pages from minified templates need nothing more; the few built without a
            // template (`page/1/` redirects) are minified as pages.
            Minify::ThemeOnce => !theme_minified || matches!(p.page, pages::Page::FirstPage(_)),
        };
        let bytes = if whole_page {
            minify_cpu.time(|| crate::output::minify::html(&html))
        } else {
            html
        };
        write_cpu
            .time(|| writer.write(&p.path, &bytes))
            .map_err(|e| Diagnostic::error(e.to_string()))
    })
    .map_err(BuildError::Site)?;
    bar.finish_and_clear();
    stage("render + minify + write pages (wall)", &mut timings);
    timings.push((
        "  templates, each body read, rendered (and minified) again (CPU, all threads)",
        render_cpu,
    ));
    timings.push((
        "  minify whole pages (CPU, all threads)",
        minify_cpu.total(),
    ));
    timings.push(("  write (CPU, all threads)", write_cpu.total()));
    for (rel, bytes) in feed_files(&site, &plan) {
        writer.write(rel, &bytes)?;
    }
    copies
        .par_iter()
        .try_for_each(|(rel, src)| writer.copy(rel, src))?;
    stage("feeds and copied files (wall)", &mut timings);
    if let Some(pagefind) = &pagefind {
        let notes = crate::search::index(pagefind, &site, staging.path(), &writer)
            .map_err(BuildError::Site)?;
        warnings.extend(notes);
        stage("search index: Pagefind (wall)", &mut timings);
    }
    let (files, changed) = (writer.written(), writer.changed());
    staging.publish()?;
    stage("publish: swap and remove the old tree (wall)", &mut timings);
    Ok(BuildOutcome {
        pages: plan.len(),
        files,
        changed,
        skipped,
        warnings,
        output,
        elapsed: start.elapsed(),
        timings,
    })
}

/// With the theme minified once, the HTML that pages insert as it is (bodies, introductions)
/// must be minified on its own: bodies as each is rendered again, introductions here.
fn minify_inserted_html(site: &mut Site) {
    use crate::output::minify::fragment;
    site.body_source.minify = true;
    site.home.html = fragment(&site.home.html);
    for c in &mut site.categories {
        c.intro.html = fragment(&c.intro.html);
    }
}

/// Where [`render_pages`] hands each rendered page (its plan entry and HTML bytes).
pub type PageSink<'a> = dyn Fn(&pages::Planned, Vec<u8>) -> Result<(), Diagnostic> + Sync + 'a;

/// Renders the planned pages in parallel over the shared model, handing each page's HTML
/// to `sink` (the disk writer for `build`, memory for `serve`); every failure is collected.
pub fn render_pages(
    renderer: &Renderer,
    site: &Site,
    plan: &[pages::Planned],
    sink: &PageSink<'_>,
) -> Result<Duration, Vec<Diagnostic>> {
    let render_cpu = Meter::default();
    let failures: Vec<Diagnostic> = plan
        .par_iter()
        .filter_map(|p| {
            render_cpu
                .time(|| pages::render(renderer, site, p))
                .and_then(|html| sink(p, html))
                .err()
        })
        .collect();
    if failures.is_empty() {
        Ok(render_cpu.total())
    } else {
        Err(dedupe(failures))
    }
}

/// The generated non-HTML files: the Atom feed and sitemap.xml.
pub fn feed_files(site: &Site, plan: &[pages::Planned]) -> [(&'static str, Vec<u8>); 2] {
    [
        ("atom.xml", render::feeds::atom(site).into_bytes()),
        (
            "sitemap.xml",
            render::feeds::sitemap_xml(site, plan).into_bytes(),
        ),
    ]
}

/// Template errors repeat on every page; show each once.
fn dedupe(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    crate::diagnostics::sort(&mut diags);
    diags.dedup();
    diags
}

fn progress_bar(enabled: bool, len: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !enabled || len < 500 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("生成页面 {bar:40} {pos}/{len}")
    {
        bar.set_style(style);
    }
    bar
}

/// Files copied as they are: the theme's static files, the site's `static/`, and the
/// attachments under `content/`, each with its output path.
pub fn copy_plan(root: &Path, site: &Site) -> Vec<(String, PathBuf)> {
    let mut out: BTreeMap<String, PathBuf> = BTreeMap::new();
    for dir in [
        render::theme_dir(root, &site.config.theme).join("static"),
        root.join("static"),
    ] {
        for entry in walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || content::is_ignored_name(&name) {
                continue;
            }
            if let Ok(rel) = entry.path().strip_prefix(&dir) {
                out.insert(
                    rel.to_string_lossy().replace('\\', "/"),
                    entry.path().to_path_buf(),
                );
            }
        }
    }
    let content_dir = root.join(content::CONTENT_DIR);
    let mut list: Vec<(String, PathBuf)> = out.into_iter().collect();
    list.extend(site.assets.iter().map(|a| (a.clone(), content_dir.join(a))));
    list
}

pub fn check_collisions(
    plan: &[pages::Planned],
    copies: &[(String, PathBuf)],
) -> Result<(), BuildError> {
    let mut owner: BTreeMap<&str, Option<&Path>> =
        plan.iter().map(|p| (p.path.as_str(), None)).collect();
    owner.insert("atom.xml", None);
    owner.insert("sitemap.xml", None);
    let mut diags = Vec::new();
    for (rel, src) in copies {
        match owner.insert(rel.as_str(), Some(src.as_path())) {
            None => {}
            Some(None) => diags.push(
                Diagnostic::error(format!("这个文件会覆盖网站自动生成的 {rel}。"))
                    .at(src)
                    .hint("请给这个文件改名或移到别的目录。"),
            ),
            Some(Some(other)) => diags.push(
                Diagnostic::error(format!(
                    "这个文件和 {} 会写到同一个位置 {rel}。",
                    other.display()
                ))
                .at(src)
                .hint("请给其中一个文件改名。"),
            ),
        }
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(BuildError::Site(diags))
    }
}

/// Refuses output directories that would replace the site's own files.
fn check_output_dir(root: &Path, output: &Path) -> Result<(), BuildError> {
    let abs = |p: &Path| -> PathBuf {
        std::path::absolute(p)
            .map(|a| normalise(&a))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let (root_abs, out_abs) = (abs(root), abs(output));
    let protected = ["content", "themes", "templates", "static", "site.yaml"];
    let bad = root_abs.starts_with(&out_abs)
        || protected
            .iter()
            .any(|p| out_abs.starts_with(root_abs.join(p)));
    if bad {
        return Err(BuildError::Site(vec![
            Diagnostic::error(format!(
                "输出目录 {} 会覆盖网站的源文件。",
                output.display()
            ))
            .hint("请把输出目录设在网站源文件之外，例如默认的 public/。"),
        ]));
    }
    if output.exists() && !output.is_dir() {
        return Err(BuildError::Site(vec![
            Diagnostic::error(format!(
                "输出路径 {} 是一个文件，不是目录。",
                output.display()
            ))
            .hint("请删除该文件或换一个输出目录。"),
        ]));
    }
    Ok(())
}

fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
