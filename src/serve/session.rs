//! The preview's build state, kept between rebuilds: config, templates, parsed content and
//! the rendered pages, all in memory. A content change re-reads only the changed files and,
//! when no list, feed or neighbour can show the difference, re-renders only the changed
//! items; anything else (config, templates, static files, items added, removed, re-dated or
//! re-titled) renders the whole site again. A failed rebuild leaves the last good pages.

use crate::config::SiteConfig;
use crate::content::{self, Bodies, Cache, Item, LoadOptions};
use crate::diagnostics::Diagnostic;
use crate::pipeline::{self, BuildError, BuildOptions};
use crate::render::Renderer;
use crate::render::pages::{self, Page};
use crate::site::Site;
use jiff::civil::Date;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// What a change on disk requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Only files under `content/` changed.
    Content,
    /// Config, templates or static files changed: reload everything.
    Full,
}

/// The files the server serves: rendered pages in memory, copied files by source path.
#[derive(Default)]
pub struct Snapshot {
    /// Output path → bytes (pages, feeds).
    pub pages: HashMap<String, Arc<Vec<u8>>>,
    /// Output path → file to read (theme static files, attachments).
    pub files: HashMap<String, PathBuf>,
}

/// What a rebuild did.
#[derive(Debug, Clone, Copy)]
pub struct Rebuilt {
    /// Pages rendered this time.
    pub rendered: usize,
    /// Whether only some pages were rendered.
    pub partial: bool,
}

/// Build state for `portal serve`.
pub struct Session {
    opts: BuildOptions,
    today: Date,
    state: Option<Loaded>,
    pages: HashMap<String, Arc<Vec<u8>>>,
    files: HashMap<String, PathBuf>,
}

struct Loaded {
    config: SiteConfig,
    renderer: Renderer,
    cache: Cache,
    site: Site,
}

/// The fields of an item that show outside its own page (lists, home, feeds, neighbours).
fn shape(item: &Item) -> impl PartialEq + '_ {
    let m = &item.meta;
    (
        &item.source,
        item.category,
        &item.url_path,
        item.date,
        m.time,
        &m.title,
        &m.doc_no,
        &m.index_no,
        &m.summary,
        m.validity,
        &m.publisher,
    )
}

fn site_errors(e: BuildError) -> Vec<Diagnostic> {
    match e {
        BuildError::Site(d) => d,
        BuildError::Io(e) => vec![Diagnostic::error(e.to_string())],
    }
}

impl Session {
    /// A session for the site in `opts.root`, publishing under `opts.base_url`.
    pub fn new(opts: BuildOptions) -> Self {
        let today = opts.today.unwrap_or_else(pipeline::today_in_china);
        Self {
            opts,
            today,
            state: None,
            pages: HashMap::new(),
            files: HashMap::new(),
        }
    }

    /// The pages of the last good build.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            pages: self.pages.clone(),
            files: self.files.clone(),
        }
    }

    /// Rebuilds after `change`; on failure the previous pages stay.
    pub fn rebuild(&mut self, change: Change) -> Result<Rebuilt, Vec<Diagnostic>> {
        let load = LoadOptions {
            drafts: self.opts.drafts,
            future: self.opts.future,
            today: self.today,
            bodies: Bodies::Keep,
        };
        let (mut loaded, previous) = match (change, self.state.take()) {
            (Change::Content, Some(mut st)) => {
                let items =
                    content::load_with(&self.opts.root, &st.config, load, Some(&mut st.cache));
                match Site::build(st.config.clone(), items) {
                    Ok((site, _)) => {
                        let previous = std::mem::replace(&mut st.site, site);
                        (st, Some(previous))
                    }
                    Err(d) => {
                        self.state = Some(st);
                        return Err(d);
                    }
                }
            }
            _ => (self.load_all(load)?, None),
        };
        let changed = previous
            .as_ref()
            .and_then(|old| changed_items(old, &loaded.site));
        if changed.is_none() {
            loaded.renderer.set_globals(&loaded.site);
        }
        let result = self.render(&loaded, changed.as_deref());
        self.state = Some(loaded);
        result
    }

    fn load_all(&self, load: LoadOptions) -> Result<Loaded, Vec<Diagnostic>> {
        let root = &self.opts.root;
        let config = SiteConfig::load(root, self.opts.base_url.as_deref())?;
        let renderer = Renderer::load(root, &config.theme);
        let mut cache = Cache::default();
        let items = content::load_with(root, &config, load, Some(&mut cache));
        match (renderer, Site::build(config.clone(), items)) {
            (Ok(renderer), Ok((site, _))) => Ok(Loaded {
                config,
                renderer,
                cache,
                site,
            }),
            (r, s) => {
                let mut all = s.err().unwrap_or_default();
                all.extend(r.err().unwrap_or_default());
                Err(all)
            }
        }
    }

    /// Renders the pages of `changed` items only, or everything when None.
    fn render(
        &mut self,
        st: &Loaded,
        changed: Option<&[usize]>,
    ) -> Result<Rebuilt, Vec<Diagnostic>> {
        let plan = pages::plan(&st.site);
        let selected: Vec<pages::Planned> = match changed {
            Some(items) => plan
                .iter()
                .filter(|p| matches!(p.page, Page::Item(i) if items.contains(&i)))
                .cloned()
                .collect(),
            None => plan.clone(),
        };
        let out: Mutex<Vec<(String, Vec<u8>)>> = Mutex::new(Vec::with_capacity(selected.len()));
        pipeline::render_pages(&st.renderer, &st.site, &selected, &|p, html| {
            if let Ok(mut v) = out.lock() {
                v.push((p.path.clone(), html));
            }
            Ok(())
        })?;
        let rendered = out.into_inner().unwrap_or_default();
        let count = rendered.len();
        let copies = pipeline::copy_plan(&self.opts.root, &st.site);
        pipeline::check_collisions(&plan, &copies).map_err(site_errors)?;
        if changed.is_none() {
            self.pages.clear();
        }
        self.pages
            .extend(rendered.into_iter().map(|(k, v)| (k, Arc::new(v))));
        if changed.is_none() {
            for (rel, bytes) in pipeline::feed_files(&st.site, &plan) {
                self.pages.insert(rel.to_string(), Arc::new(bytes));
            }
        }
        self.files = copies.into_iter().collect();
        Ok(Rebuilt {
            rendered: count,
            partial: changed.is_some(),
        })
    }
}

/// Indices of items whose own page changed, if nothing else on the site can show the change.
fn changed_items(old: &Site, new: &Site) -> Option<Vec<usize>> {
    if old.items.len() != new.items.len() || old.home.html != new.home.html {
        return None;
    }
    let intros_same = old
        .categories
        .iter()
        .zip(&new.categories)
        .all(|(a, b)| a.intro.html == b.intro.html && a.intro.title == b.intro.title);
    let shapes_same = old
        .items
        .iter()
        .zip(&new.items)
        .all(|(a, b)| shape(a) == shape(b));
    (intros_same && shapes_same && old.assets == new.assets).then(|| {
        old.items
            .iter()
            .zip(&new.items)
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .map(|(i, _)| i)
            .collect()
    })
}
