//! A small append-only, log-structured key/value store.
//!
//! See the crate README for an overview. All operations are synchronous and happen on
//! the caller's thread; there are no background threads.

#![forbid(unsafe_code)]

mod clock;
mod record;
mod retention;
mod segment;

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use record::RecordMeta;
pub use retention::{CompactCtx, CompactStats, DefaultRetention, DropReason, Retention, Verdict};

use record::{Record, MAX_KEY, MAX_VALUE};
use segment::{SegmentReader, SegmentWriter};

/// Store configuration.
#[derive(Debug, Clone)]
pub struct Options {
    /// Roll over to a new segment after this many bytes.
    pub segment_bytes: u64,
    /// Compact automatically once more than this many segments exist.
    pub max_segments: usize,
    /// Records whose timestamp is more than this far in the future are discarded by
    /// compaction.
    pub max_future_skew: Duration,
    /// Drop records older than this during compaction.
    pub ttl: Option<Duration>,
    /// `fdatasync` after every write.
    pub sync_each_write: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            segment_bytes: 4 << 20,
            max_segments: 4,
            max_future_skew: Duration::from_secs(86_400),
            ttl: None,
            sync_each_write: false,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Loc {
    seg: u32,
    off: u64,
    seq: u64,
    tombstone: bool,
}

/// An open store.
pub struct Store {
    dir: PathBuf,
    opts: Options,
    index: HashMap<Vec<u8>, Loc>,
    active: SegmentWriter,
    segments: Vec<u32>,
    next_seq: u64,
    policy: Box<dyn Retention>,
}

impl Store {
    /// Open (or create) a store in `dir`.
    pub fn open(dir: impl AsRef<Path>, opts: Options) -> io::Result<Store> {
        let policy = Box::new(DefaultRetention { ttl: opts.ttl });
        Self::open_with_policy(dir, opts, policy)
    }

    /// Open with a custom retention policy.
    pub fn open_with_policy(dir: impl AsRef<Path>, opts: Options, policy: Box<dyn Retention>) -> io::Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        fs::create_dir_all(&dir)?;

        let mut segments = segment::list(&dir)?;
        let mut index = HashMap::new();
        let mut next_seq = 1u64;

        for (i, &id) in segments.iter().enumerate() {
            let mut rd = SegmentReader::open(&dir, id)?;
            while let Some((off, rec)) = rd.next_record()? {
                next_seq = next_seq.max(rec.meta.seq + 1);
                let loc = Loc { seg: id, off, seq: rec.meta.seq, tombstone: rec.meta.tombstone };
                match index.get(&rec.key) {
                    Some(old) if old.seq > loc.seq => {}
                    _ => {
                        index.insert(rec.key, loc);
                    }
                }
            }
            let valid = rd.valid_len();
            let actual = fs::metadata(segment::seg_path(&dir, id))?.len();
            if valid < actual && i + 1 == segments.len() {
                segment::truncate(&dir, id, valid)?;
            }
        }

        let active_id = segments.last().copied().unwrap_or(0) + 1;
        let active = SegmentWriter::create(&dir, active_id, opts.sync_each_write)?;
        segments.push(active_id);

        let mut store = Store { dir, opts, index, active, segments, next_seq, policy };
        store.maybe_compact()?;
        Ok(store)
    }

    /// Insert or overwrite `key`.
    pub fn put(&mut self, key: &[u8], value: &[u8]) -> io::Result<()> {
        self.write(key, value, false)
    }

    /// Delete `key` (no-op if absent).
    pub fn delete(&mut self, key: &[u8]) -> io::Result<()> {
        if !self.contains(key) {
            return Ok(());
        }
        self.write(key, &[], true)
    }

    /// Fetch the current value of `key`.
    pub fn get(&self, key: &[u8]) -> io::Result<Option<Vec<u8>>> {
        match self.index.get(key) {
            Some(loc) if !loc.tombstone => {
                let rec = segment::read_at(&self.dir, loc.seg, loc.off)?;
                Ok(Some(rec.value))
            }
            _ => Ok(None),
        }
    }

    /// True if `key` currently has a value.
    pub fn contains(&self, key: &[u8]) -> bool {
        self.index.get(key).map(|l| !l.tombstone).unwrap_or(false)
    }

    /// Number of live keys.
    pub fn len(&self) -> usize {
        self.index.values().filter(|l| !l.tombstone).count()
    }

    /// True if there are no live keys.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Live keys in arbitrary order.
    pub fn keys(&self) -> impl Iterator<Item = &[u8]> {
        self.index.iter().filter(|(_, l)| !l.tombstone).map(|(k, _)| k.as_slice())
    }

    /// Flush the active segment to disk.
    pub fn sync(&mut self) -> io::Result<()> {
        self.active.sync()
    }

    /// One-line description of the store, for logs.
    pub fn describe(&self) -> String {
        format!(
            "{}: {} keys, {} segments, zone {}",
            self.dir.display(),
            self.len(),
            self.segments.len(),
            clock::local_zone().describe()
        )
    }

    fn write(&mut self, key: &[u8], value: &[u8], tombstone: bool) -> io::Result<()> {
        if key.is_empty() || key.len() > MAX_KEY {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "key length out of range"));
        }
        if value.len() > MAX_VALUE {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "value too large"));
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        let rec = Record {
            meta: RecordMeta {
                seq,
                ts: clock::unix_now(),
                tombstone,
                key_len: key.len(),
                value_len: value.len(),
            },
            key: key.to_vec(),
            value: value.to_vec(),
        };
        let off = self.active.append(&rec)?;
        self.index.insert(rec.key, Loc { seg: self.active.id, off, seq, tombstone });

        if self.active.len >= self.opts.segment_bytes {
            self.roll()?;
            self.maybe_compact()?;
        }
        Ok(())
    }

    fn roll(&mut self) -> io::Result<()> {
        self.active.sync()?;
        let id = self.active.id + 1;
        self.active = SegmentWriter::create(&self.dir, id, self.opts.sync_each_write)?;
        self.segments.push(id);
        Ok(())
    }

    fn maybe_compact(&mut self) -> io::Result<()> {
        if self.segments.len() > self.opts.max_segments {
            self.compact()?;
        }
        Ok(())
    }

    /// Rewrite all sealed segments, keeping only what the retention policy accepts.
    pub fn compact(&mut self) -> io::Result<CompactStats> {
        let mut stats = CompactStats::default();
        self.roll()?;
        let sealed: Vec<u32> = self.segments[..self.segments.len() - 1].to_vec();
        if sealed.is_empty() {
            return Ok(stats);
        }

        let latest: HashMap<Vec<u8>, u64> = self.index.iter().map(|(k, l)| (k.clone(), l.seq)).collect();
        let cx = CompactCtx {
            now: clock::corrected_now(),
            latest: &latest,
            max_future_skew: self.opts.max_future_skew.as_secs(),
        };

        // Write survivors into a fresh segment numbered just below the active one so
        // that replay order is preserved.
        let out_id = self.active.id;
        let tmp_dir = self.dir.join(".compact");
        fs::create_dir_all(&tmp_dir)?;
        let mut out = SegmentWriter::create(&tmp_dir, out_id, false)?;
        let mut moved: HashMap<Vec<u8>, Loc> = HashMap::new();

        for &id in &sealed {
            let mut rd = SegmentReader::open(&self.dir, id)?;
            while let Some((_, rec)) = rd.next_record()? {
                match self.policy.keep(&rec.key, &rec.meta, &cx) {
                    Verdict::Keep => {
                        let off = out.append(&rec)?;
                        moved.insert(
                            rec.key,
                            Loc { seg: out_id, off, seq: rec.meta.seq, tombstone: rec.meta.tombstone },
                        );
                        stats.kept += 1;
                    }
                    Verdict::Drop(reason) => {
                        *stats.dropped.entry(reason).or_insert(0) += 1;
                    }
                }
            }
            stats.bytes_reclaimed += fs::metadata(segment::seg_path(&self.dir, id))?.len();
        }
        out.sync()?;
        drop(out);

        // The new active segment id must stay above the compacted one.
        let new_active = out_id + 1;
        fs::rename(segment::seg_path(&self.dir, out_id), segment::seg_path(&self.dir, new_active))?;
        fs::rename(segment::seg_path(&tmp_dir, out_id), segment::seg_path(&self.dir, out_id))?;
        self.active = SegmentWriter::create(&self.dir, new_active, self.opts.sync_each_write)?;
        let _ = fs::remove_dir(&tmp_dir);

        for &id in &sealed {
            fs::remove_file(segment::seg_path(&self.dir, id))?;
            stats.segments_removed += 1;
        }
        segment::sync_dir(&self.dir)?;

        // Rebuild the index: entries in the active segment win, everything else comes
        // from the compacted segment or is gone.
        let mut index = HashMap::with_capacity(moved.len());
        for (k, l) in self.index.drain() {
            if l.seg == out_id {
                index.insert(k, Loc { seg: new_active, ..l });
            }
        }
        for (k, l) in moved {
            index.entry(k).or_insert(l);
        }
        self.index = index;
        self.segments = vec![out_id, new_active];
        stats.bytes_reclaimed = stats.bytes_reclaimed.saturating_sub(
            fs::metadata(segment::seg_path(&self.dir, out_id)).map(|m| m.len()).unwrap_or(0),
        );
        Ok(stats)
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        let _ = self.active.sync();
    }
}
