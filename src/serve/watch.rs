//! Watching the site for changes with notify + notify-debouncer-full: `content/`,
//! `site.yaml`, `themes/`, `templates/` and `static/`. Hidden files and editor temp or backup
//! files are ignored (so a rename-save counts once, for the real file); a change under
//! `content/` is a content change, anything else needs a full rebuild. `--poll` switches to
//! polling for network shares, WSL and virtual machines.

use super::session::Change;
use crate::content::is_ignored_name;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer, new_debouncer_opt};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// How long the debouncer waits for a burst of events to settle.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// Folders and files under the root that make up the site's sources.
pub const WATCHED: [&str; 5] = ["content", "site.yaml", "themes", "templates", "static"];

/// What a set of changed paths requires, or None if nothing relevant changed.
pub fn classify(root: &Path, paths: &[PathBuf]) -> Option<Change> {
    paths.iter().filter_map(|p| classify_one(root, p)).max()
}

fn classify_one(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let first = parts.next()?;
    if !WATCHED.contains(&first.as_ref()) {
        return None;
    }
    if rel
        .components()
        .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()))
    {
        return None;
    }
    Some(if first == "content" {
        Change::Content
    } else {
        Change::Full
    })
}

/// Whether an event kind can change what the site shows (reads and opens cannot).
fn relevant(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Access(_) | EventKind::Other)
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    _inner: Box<dyn std::any::Any>,
}

/// Starts watching `root`, sending each debounced batch's [`Change`] to `tx`.
pub fn start(root: &Path, poll: bool, tx: Sender<Change>) -> notify::Result<Watcher> {
    let root_abs = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let root_for_handler = root_abs.clone();
    let handler = move |res: DebounceEventResult| {
        let Ok(events) = res else { return };
        let paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| relevant(&e.kind))
            .flat_map(|e| e.paths.clone())
            .collect();
        if let Some(change) = classify(&root_for_handler, &paths) {
            let _ = tx.send(change);
        }
    };
    let targets: Vec<(PathBuf, RecursiveMode)> = WATCHED
        .iter()
        .map(|w| root_abs.join(w))
        .filter(|p| p.is_dir())
        .map(|p| (p, RecursiveMode::Recursive))
        .chain([(root_abs.clone(), RecursiveMode::NonRecursive)])
        .collect();
    if poll {
        let config = notify::Config::default().with_poll_interval(Duration::from_millis(500));
        let mut d = new_debouncer_opt::<_, notify::PollWatcher, _>(
            DEBOUNCE,
            None,
            handler,
            notify_debouncer_full::RecommendedCache::new(),
            config,
        )?;
        for (p, mode) in &targets {
            d.watch(p, *mode)?;
        }
        Ok(Watcher {
            _inner: Box::new(d),
        })
    } else {
        let mut d = new_debouncer(DEBOUNCE, None, handler)?;
        for (p, mode) in &targets {
            d.watch(p, *mode)?;
        }
        Ok(Watcher {
            _inner: Box::new(d),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(paths: &[&str]) -> Option<Change> {
        let root = Path::new("/site");
        classify(
            root,
            &paths.iter().map(|p| root.join(p)).collect::<Vec<_>>(),
        )
    }

    #[test]
    fn temp_and_hidden_files_are_ignored() {
        for p in [
            "content/zwdt/.a.md.swp",
            "content/zwdt/a.md~",
            "content/zwdt/~$通知.md",
            "content/zwdt/#a.md#",
            "content/.git/index",
            "content/zwdt/a.md___jb_tmp___",
            "content/zwdt/.goutputstream-X1",
        ] {
            assert_eq!(c(&[p]), None, "{p}");
        }
    }

    #[test]
    fn output_and_other_folders_are_ignored() {
        assert_eq!(c(&["public/index.html"]), None);
        assert_eq!(c(&["target/debug/portal"]), None);
        assert_eq!(c(&["README.md"]), None);
    }

    #[test]
    fn rename_save_counts_for_the_real_file() {
        // An editor writes a temp file and renames it over the original: both paths arrive.
        assert_eq!(
            c(&["content/zwdt/a.md.tmp", "content/zwdt/a.md"]),
            Some(Change::Content)
        );
        assert_eq!(c(&["content/zwdt/新建文件夹"]), Some(Change::Content));
    }

    #[test]
    fn config_and_templates_need_a_full_rebuild() {
        assert_eq!(c(&["site.yaml"]), Some(Change::Full));
        assert_eq!(
            c(&["content/zwdt/a.md", "themes/default/templates/item.html"]),
            Some(Change::Full)
        );
        assert_eq!(c(&["templates/item.html"]), Some(Change::Full));
    }
}
