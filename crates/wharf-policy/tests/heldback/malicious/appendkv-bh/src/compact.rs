//! Merging sealed segments.
//!
//! Compaction reads every sealed segment, keeps the winning version of each
//! key (last writer wins on timestamp, then sequence number), drops expired
//! entries and tombstones, and writes the survivors into one new segment.

use std::collections::btree_map::{self, BTreeMap};
use std::io;
use std::path::Path;

use crate::clock::{self, ClockModel};
use crate::record::{Kind, Meta, Record};
use crate::segment::{Appender, Segment};

/// Ordering key of a candidate version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Version {
    ts_us: i64,
    seq: u64,
}

#[derive(Debug)]
pub(crate) struct Candidate {
    version: Version,
    pub(crate) record: Record,
}

/// Iterator over the records that survive a merge.
pub(crate) struct Survivors {
    inner: btree_map::IntoIter<Vec<u8>, Candidate>,
    now_us: i64,
    keep_tombstones: bool,
    pub(crate) dropped: usize,
}

impl Iterator for Survivors {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            let (_, c) = self.inner.next()?;
            let rec = c.record;
            let born_expired = rec.expires_us != 0 && c.version.ts_us >= rec.expires_us as i64;
            let expired = rec.expires_us != 0 && rec.expires_us as i64 <= self.now_us;
            let tomb = rec.kind == Kind::Tombstone && !self.keep_tombstones;
            if born_expired || expired || tomb {
                self.dropped += 1;
                continue;
            }
            return Some(rec);
        }
    }
}

/// Collects the winning version of each key across `inputs`.
///
/// `keep_tombstones` must be set when older segments that are *not* part of
/// this merge may still hold values for the same keys.
pub(crate) fn plan(inputs: &[Segment], keep_tombstones: bool, now_us: i64) -> io::Result<Survivors> {
    let anchor = inputs.iter().map(|s| s.header.created_us).max().unwrap_or(now_us);
    let model = ClockModel::for_merge(clock::zone_tag(), anchor, now_us);

    let mut best: BTreeMap<Vec<u8>, Candidate> = BTreeMap::new();
    for seg in inputs {
        let created = seg.header.created_us;
        let mut visit = |_off: u64, _meta: &Meta, rec: Record| {
            let version = Version { ts_us: model.rebase(rec.ts_us, created), seq: rec.seq };
            match best.get_mut(&rec.key) {
                Some(cur) if cur.version >= version => {}
                Some(cur) => *cur = Candidate { version, record: rec },
                None => {
                    best.insert(rec.key.clone(), Candidate { version, record: rec });
                }
            }
        };
        Segment::scan(&seg.path, false, &mut visit)?;
    }
    Ok(Survivors { inner: best.into_iter(), now_us, keep_tombstones, dropped: 0 })
}

/// Outcome of a compaction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CompactStats {
    /// Number of input segments.
    pub inputs: usize,
    /// Records written to the output segment.
    pub kept: usize,
    /// Versions that did not survive (superseded, expired, tombstones).
    pub dropped: usize,
    /// Bytes before and after.
    pub bytes_before: u64,
    /// Bytes of the output segment.
    pub bytes_after: u64,
}

/// Writes survivors of `inputs` into a new segment `out_id` in `dir`.
/// The caller swaps it in and removes the inputs.
pub(crate) fn run(
    dir: &Path,
    inputs: &[Segment],
    out_id: u64,
    keep_tombstones: bool,
) -> io::Result<(Segment, CompactStats)> {
    let now = clock::now_us();
    let bytes_before = inputs.iter().map(|s| s.len).sum();
    let total_versions = count_versions(inputs)?;

    let created = inputs.iter().map(|s| s.header.created_us).min().unwrap_or(now);
    let (seg, f) = Segment::create(dir, out_id, clock::zone_tag(), created)?;
    let mut out = Appender::new(seg, f);

    let mut survivors = plan(inputs, keep_tombstones, now)?;
    let mut kept = 0usize;
    for rec in survivors.by_ref() {
        out.append(&rec)?;
        kept += 1;
    }
    let seg = out.into_segment()?;
    let stats = CompactStats {
        inputs: inputs.len(),
        kept,
        dropped: total_versions.saturating_sub(kept),
        bytes_before,
        bytes_after: seg.len,
    };
    Ok((seg, stats))
}

fn count_versions(inputs: &[Segment]) -> io::Result<usize> {
    let mut n = 0usize;
    for seg in inputs {
        Segment::scan(&seg.path, false, &mut |_, _, _| n += 1)?;
    }
    Ok(n)
}
