//! The one writer every output file goes through: it checks each path stays inside the
//! output directory, minifies HTML, and writes into the staging directory. A file whose
//! bytes equal the previous build's is hard-linked from it instead, so its mtime stays and
//! rsync or a CDN sync uploads only what changed.

pub mod minify;
pub mod staging;

use crate::fs_util::{self, FsError};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// True if `rel` is a plain relative path that cannot leave the output directory.
pub fn is_safe_relative(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.contains('\\')
        && !rel.contains('\0')
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Writes files into a staging directory, reusing unchanged files of the previous output.
pub struct Writer {
    root: PathBuf,
    previous: Option<PathBuf>,
    written: AtomicUsize,
    changed: AtomicUsize,
}

impl Writer {
    /// A writer into `root` that compares with `previous` (the current output, if any).
    pub fn new(root: &Path, previous: Option<&Path>) -> Self {
        Self {
            root: root.to_path_buf(),
            previous: previous.filter(|p| p.is_dir()).map(Path::to_path_buf),
            written: AtomicUsize::new(0),
            changed: AtomicUsize::new(0),
        }
    }

    fn target(&self, rel: &str) -> Result<PathBuf, FsError> {
        if !is_safe_relative(rel) {
            return Err(FsError {
                action: "拒绝写入",
                path: PathBuf::from(rel),
                source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "路径会超出输出目录"),
            });
        }
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            // Most parents are new leaf folders (`zwdt/x/`): one mkdir, and the full walk
            // up the tree only when a grandparent is missing too.
            match std::fs::create_dir(parent) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(_) => fs_util::create_dir_all(parent)?,
            }
        }
        Ok(path)
    }

    /// Links the previous build's copy of `rel` if it has exactly `bytes`.
    fn reuse(&self, rel: &str, path: &Path, same: impl FnOnce(&Path) -> bool) -> bool {
        let Some(prev) = self.previous.as_ref().map(|p| p.join(rel)) else {
            return false;
        };
        prev.is_file() && same(&prev) && std::fs::hard_link(&prev, path).is_ok()
    }

    /// Writes `bytes` to `rel`.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), FsError> {
        let path = self.target(rel)?;
        self.written.fetch_add(1, Ordering::Relaxed);
        let same = |prev: &Path| {
            std::fs::metadata(prev).is_ok_and(|m| m.len() == bytes.len() as u64)
                && std::fs::read(prev).is_ok_and(|old| old == bytes)
        };
        if !self.reuse(rel, &path, same) {
            self.changed.fetch_add(1, Ordering::Relaxed);
            fs_util::write(&path, bytes)?;
        }
        Ok(())
    }

    /// Copies the file at `source` to `rel`.
    pub fn copy(&self, rel: &str, source: &Path) -> Result<(), FsError> {
        let path = self.target(rel)?;
        self.written.fetch_add(1, Ordering::Relaxed);
        let same = |prev: &Path| match (std::fs::metadata(prev), std::fs::metadata(source)) {
            (Ok(a), Ok(b)) if a.len() == b.len() => {
                std::fs::read(prev).ok() == std::fs::read(source).ok()
            }
            _ => false,
        };
        if !self.reuse(rel, &path, same) {
            self.changed.fetch_add(1, Ordering::Relaxed);
            fs_util::copy(source, &path)?;
        }
        Ok(())
    }

    /// Files written so far.
    pub fn written(&self) -> usize {
        self.written.load(Ordering::Relaxed)
    }

    /// Files whose bytes differ from the previous build (new files included).
    pub fn changed(&self) -> usize {
        self.changed.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_output() {
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\..\\b", "./a"] {
            assert!(!is_safe_relative(bad), "{bad}");
        }
        assert!(is_safe_relative("zwdt/通知/index.html"));
    }
}
