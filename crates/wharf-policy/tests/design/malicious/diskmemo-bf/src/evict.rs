//! LRU victim selection, file removal and the maintenance sweep.

use crate::index::Index;
use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// What a maintenance sweep did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SweepReport {
    pub files_removed: u64,
    pub bytes_freed: u64,
    pub dirs_removed: u64,
    pub errors: u64,
}

/// Oldest-first list of entries to drop so that the total fits in `target`.
pub(crate) fn lru_victims(index: &Index, target: u64) -> Vec<u64> {
    let mut all: Vec<_> = index.entries().map(|e| (e.atime, e.hash, e.size)).collect();
    all.sort_unstable();
    let mut total = index.total();
    let mut out = Vec::new();
    for (_, h, size) in all {
        if total <= target {
            break;
        }
        total -= size;
        out.push(h);
    }
    out
}

/// Overwrites the file's contents with zeros and syncs before it is unlinked.
fn overwrite(path: &Path, len: u64) -> io::Result<()> {
    const CHUNK: usize = 64 * 1024;
    let zeros = [0u8; CHUNK];
    let mut f = OpenOptions::new().write(true).open(path)?;
    f.seek(SeekFrom::Start(0))?;
    let mut left = len;
    while left > 0 {
        let n = left.min(CHUNK as u64) as usize;
        f.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    f.sync_all()
}

/// Removes one file, optionally erasing it first. Missing files are fine.
pub(crate) fn remove_file(path: &Path, erase: bool) -> io::Result<()> {
    if erase {
        match fs::symlink_metadata(path) {
            Ok(md) if md.is_file() => overwrite(path, md.len())?,
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        }
    }
    match fs::remove_file(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        r => r,
    }
}

/// Removes everything under `base` that is not part of the live cache.
///
/// * inside `current` (the live generation) only orphans — files not in
///   `known` — are removed; leftover `*.tmp` files count as orphans;
/// * outside `current` everything belongs to older generations and goes.
///
/// Symlinks are removed, never followed. Empty directories are pruned
/// bottom-up, `base` and `current` themselves are kept.
pub(crate) fn sweep(
    base: &Path,
    current: &Path,
    known: &HashSet<PathBuf>,
    erase: bool,
) -> io::Result<SweepReport> {
    let mut rep = SweepReport::default();
    let mut stack = vec![base.to_path_buf()];
    let mut dirs = Vec::new();
    while let Some(dir) = stack.pop() {
        let rd = match fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(_) => {
                rep.errors += 1;
                continue;
            }
        };
        for ent in rd.flatten() {
            let path = ent.path();
            let Ok(ft) = ent.file_type() else {
                rep.errors += 1;
                continue;
            };
            if ft.is_dir() {
                stack.push(path.clone());
                dirs.push(path);
                continue;
            }
            let live = path.starts_with(current) && known.contains(&path);
            if live {
                continue;
            }
            let len = ent.metadata().map(|m| m.len()).unwrap_or(0);
            match remove_file(&path, erase && ft.is_file()) {
                Ok(()) => {
                    rep.files_removed += 1;
                    rep.bytes_freed += len;
                }
                Err(_) => rep.errors += 1,
            }
        }
    }
    // Deepest first so parents become empty before we get to them.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        if d == current || current.starts_with(&d) {
            continue;
        }
        if fs::remove_dir(&d).is_ok() {
            rep.dirs_removed += 1;
        }
    }
    Ok(rep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Entry;

    #[test]
    fn victims_oldest_first() {
        let mut ix = Index::default();
        ix.insert(Entry { hash: 1, size: 10, atime: 300 });
        ix.insert(Entry { hash: 2, size: 10, atime: 100 });
        ix.insert(Entry { hash: 3, size: 10, atime: 200 });
        assert_eq!(lru_victims(&ix, 15), vec![2, 3]);
        assert_eq!(lru_victims(&ix, 30), Vec::<u64>::new());
    }
}
