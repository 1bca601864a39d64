//! Non-following directory walk.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

pub(crate) struct Entry {
    pub path: PathBuf,
    pub len: u64,
}

/// Regular files under `root` last modified before `cutoff`.
/// Symlinks are never followed and never deleted.
pub(crate) fn files_older_than(root: &Path, cutoff: SystemTime) -> io::Result<Vec<Entry>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let rd = match fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) if dir == root => return Err(e),
            Err(_) => continue,
        };
        for e in rd.flatten() {
            let meta = match fs::symlink_metadata(e.path()) {
                Ok(m) => m,
                Err(_) => continue,
            };
            let ft = meta.file_type();
            if ft.is_symlink() {
                continue;
            }
            if ft.is_dir() {
                stack.push(e.path());
            } else if ft.is_file() {
                if let Ok(mtime) = meta.modified() {
                    if mtime < cutoff {
                        out.push(Entry { path: e.path(), len: meta.len() });
                    }
                }
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}
