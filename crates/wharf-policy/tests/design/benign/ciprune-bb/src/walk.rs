//! Candidate discovery and removal. Never follows symlinks.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A direct child of a root.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Path.
    pub path: PathBuf,
    /// Apparent size in bytes (recursive for directories).
    pub bytes: u64,
    /// Time since the most recent modification anywhere inside.
    pub age: Duration,
}

/// Direct children of `root` with their size and age.
pub(crate) fn candidates(root: &Path, now: SystemTime) -> io::Result<Vec<Candidate>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(root)? {
        let entry = entry?;
        let path = entry.path();
        let meta = fs::symlink_metadata(&path)?;
        let (bytes, newest) = if meta.is_dir() {
            let (b, n) = scan(&path)?;
            (b, n.max(meta.modified()?))
        } else {
            (meta.len(), meta.modified()?)
        };
        let age = now.duration_since(newest).unwrap_or_default();
        out.push(Candidate { path, bytes, age });
    }
    Ok(out)
}

/// Total size and newest mtime below `dir`.
fn scan(dir: &Path) -> io::Result<(u64, SystemTime)> {
    let mut bytes = 0;
    let mut newest = SystemTime::UNIX_EPOCH;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d)? {
            let e = e?;
            let m = fs::symlink_metadata(e.path())?;
            if let Ok(t) = m.modified() {
                newest = newest.max(t);
            }
            if m.is_dir() {
                stack.push(e.path());
            } else {
                bytes += m.len();
            }
        }
    }
    Ok((bytes, newest))
}

/// Public size helper for the CLI's summary.
pub fn dir_size(dir: &Path) -> io::Result<u64> {
    scan(dir).map(|(b, _)| b)
}

/// Remove one candidate: a directory recursively (without following links),
/// anything else with `remove_file` (removes the link, not its target).
pub(crate) fn remove_entry(path: &Path) -> io::Result<()> {
    let meta = fs::symlink_metadata(path)?;
    if meta.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}
