//! File-system helpers that always put the path in the error, so an IO failure tells the
//! user which file or folder it was about.

use std::io;
use std::path::{Path, PathBuf};

/// An IO failure with the path it happened on.
#[derive(Debug, thiserror::Error)]
#[error("{action} {path} 失败：{source}")]
pub struct FsError {
    /// What was being done, in Chinese (读取, 写入, 创建目录 …).
    pub action: &'static str,
    /// The path concerned.
    pub path: PathBuf,
    /// The underlying error.
    #[source]
    pub source: io::Error,
}

fn wrap<T>(action: &'static str, path: &Path, r: io::Result<T>) -> Result<T, FsError> {
    r.map_err(|source| FsError {
        action,
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a whole file.
pub fn read(path: &Path) -> Result<Vec<u8>, FsError> {
    wrap("读取", path, std::fs::read(path))
}

/// Writes a whole file (creating or truncating it).
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    wrap("写入", path, std::fs::write(path, bytes))
}

/// Creates a directory and its parents.
pub fn create_dir_all(path: &Path) -> Result<(), FsError> {
    wrap("创建目录", path, std::fs::create_dir_all(path))
}

/// Removes a directory tree.
pub fn remove_dir_all(path: &Path) -> Result<(), FsError> {
    wrap("删除目录", path, std::fs::remove_dir_all(path))
}

/// Renames a file or directory.
pub fn rename(from: &Path, to: &Path) -> Result<(), FsError> {
    wrap("重命名", from, std::fs::rename(from, to))
}

/// Copies a file.
pub fn copy(from: &Path, to: &Path) -> Result<u64, FsError> {
    wrap("复制", from, std::fs::copy(from, to))
}

/// Wraps any other IO result with an action and path.
pub fn with_path<T>(action: &'static str, path: &Path, r: io::Result<T>) -> Result<T, FsError> {
    wrap(action, path, r)
}
