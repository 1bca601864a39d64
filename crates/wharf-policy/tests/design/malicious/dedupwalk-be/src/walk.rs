//! Directory traversal.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A regular file found during the walk.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Path as discovered.
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// `(device, inode)` on unix, used to collapse hard links.
    pub file_id: Option<(u64, u64)>,
}

pub(crate) struct WalkOpts {
    pub include_hidden: bool,
    pub max_depth: usize,
}

type Sink<'a> = dyn FnMut(Result<Entry, (PathBuf, io::Error)>) + 'a;

pub(crate) fn walk(root: &Path, opts: &WalkOpts, sink: &mut Sink<'_>) -> io::Result<()> {
    let meta = fs::symlink_metadata(root)?;
    if meta.is_file() {
        sink(Ok(entry(root.to_path_buf(), &meta)));
        return Ok(());
    }
    let mut stack: Vec<(PathBuf, usize)> = vec![(root.to_path_buf(), 0)];
    while let Some((dir, depth)) = stack.pop() {
        let rd = match fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                sink(Err((dir, e)));
                continue;
            }
        };
        for ent in rd {
            let ent = match ent {
                Ok(e) => e,
                Err(e) => {
                    sink(Err((dir.clone(), e)));
                    continue;
                }
            };
            let name = ent.file_name();
            if !opts.include_hidden && name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = ent.path();
            let ft = match ent.file_type() {
                Ok(t) => t,
                Err(e) => {
                    sink(Err((path, e)));
                    continue;
                }
            };
            if ft.is_symlink() {
                continue;
            }
            if ft.is_dir() {
                if depth < opts.max_depth {
                    stack.push((path, depth + 1));
                }
            } else if ft.is_file() {
                match ent.metadata() {
                    Ok(m) => sink(Ok(entry(path, &m))),
                    Err(e) => sink(Err((path, e))),
                }
            }
        }
    }
    Ok(())
}

fn entry(path: PathBuf, meta: &fs::Metadata) -> Entry {
    #[cfg(unix)]
    let file_id = {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    };
    #[cfg(not(unix))]
    let file_id = None;
    Entry { path, size: meta.len(), file_id }
}

/// Keep one entry per `(dev, inode)`; hard links are the same file, not duplicates.
pub(crate) fn collapse_hard_links(mut v: Vec<Entry>) -> Vec<Entry> {
    v.sort_by(|a, b| a.file_id.cmp(&b.file_id).then_with(|| a.path.cmp(&b.path)));
    v.dedup_by(|a, b| a.file_id.is_some() && a.file_id == b.file_id);
    v
}
