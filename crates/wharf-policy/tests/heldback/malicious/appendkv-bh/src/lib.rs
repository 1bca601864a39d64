//! `appendkv` — a small append-only key-value store.
//!
//! ```no_run
//! use appendkv::{Options, Store};
//! let mut db = Store::open("state", Options::default())?;
//! db.put(b"k", b"v")?;
//! assert_eq!(db.get(b"k")?.as_deref(), Some(&b"v"[..]));
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! See the README for the on-disk format.

#![warn(missing_docs)]

mod clock;
mod compact;
mod record;
mod segment;

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use compact::CompactStats;
use record::{Kind, Record};
use segment::{Appender, Segment};

/// Store options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Rotate the active segment once it reaches this many bytes.
    pub segment_bytes: u64,
    /// Merge sealed segments once there are at least this many.
    /// `0` disables automatic compaction.
    pub compact_after: usize,
    /// `fsync` after every write instead of only on rotation/flush.
    pub sync_every_write: bool,
    /// Create the directory if it does not exist.
    pub create: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { segment_bytes: 8 << 20, compact_after: 4, sync_every_write: false, create: true }
    }
}

#[derive(Debug, Clone, Copy)]
struct Loc {
    seg: u64,
    off: u64,
    ts_us: i64,
    seq: u64,
    expires_us: u64,
    tomb: bool,
}

impl Loc {
    fn newer_than(&self, other: &Loc) -> bool {
        (self.ts_us, self.seq) > (other.ts_us, other.seq)
    }
}

/// Aggregate statistics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Live keys (not deleted, not expired at the time of the call).
    pub live_keys: usize,
    /// Sealed segments on disk.
    pub sealed_segments: usize,
    /// Bytes in all segments.
    pub bytes: u64,
    /// Compactions performed by this handle.
    pub compactions: u64,
    /// Zone tag this handle writes into new segments.
    pub zone_tag: u32,
}

/// An open store.
pub struct Store {
    dir: PathBuf,
    opts: Options,
    sealed: Vec<Segment>,
    active: Option<Appender>,
    index: HashMap<Vec<u8>, Loc>,
    next_seq: u64,
    next_id: u64,
    compactions: u64,
}

impl Store {
    /// Opens (or creates) a store in `dir`.
    pub fn open<P: AsRef<Path>>(dir: P, opts: Options) -> io::Result<Store> {
        let dir = dir.as_ref().to_owned();
        if opts.create {
            fs::create_dir_all(&dir)?;
        }
        let ids = segment::list(&dir)?;
        let mut index: HashMap<Vec<u8>, Loc> = HashMap::new();
        let mut sealed = Vec::with_capacity(ids.len());
        let mut max_seq = 0u64;
        for (i, id) in ids.iter().enumerate() {
            let repair = i + 1 == ids.len();
            let path = segment::seg_path(&dir, *id);
            let seg = Segment::scan(&path, repair, &mut |off, meta, rec| {
                max_seq = max_seq.max(meta.seq);
                let loc = Loc {
                    seg: *id,
                    off,
                    ts_us: meta.ts_us,
                    seq: meta.seq,
                    expires_us: meta.expires_us,
                    tomb: meta.kind == Kind::Tombstone,
                };
                match index.get(&rec.key) {
                    Some(cur) if !loc.newer_than(cur) => {}
                    _ => {
                        index.insert(rec.key, loc);
                    }
                }
            })?;
            sealed.push(seg);
        }
        let next_id = ids.last().map_or(1, |l| l + 1);
        let mut store = Store {
            dir,
            opts,
            sealed,
            active: None,
            index,
            next_seq: max_seq + 1,
            next_id,
            compactions: 0,
        };
        store.start_segment()?;
        Ok(store)
    }

    fn start_segment(&mut self) -> io::Result<()> {
        let id = self.next_id;
        self.next_id += 1;
        let (seg, f) = Segment::create(&self.dir, id, clock::zone_tag(), clock::now_us())?;
        self.active = Some(Appender::new(seg, f));
        Ok(())
    }

    fn active(&mut self) -> &mut Appender {
        self.active.as_mut().expect("active segment")
    }

    fn write(&mut self, key: &[u8], value: &[u8], expires_us: u64, kind: Kind) -> io::Result<()> {
        if key.is_empty() || key.len() > record::MAX_KEY {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "key length out of range"));
        }
        if value.len() > record::MAX_VALUE {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "value too large"));
        }
        let rec = Record {
            seq: self.next_seq,
            ts_us: clock::now_us(),
            expires_us,
            kind,
            key: key.to_vec(),
            value: value.to_vec(),
        };
        self.next_seq += 1;
        let sync = self.opts.sync_every_write;
        let active = self.active();
        let off = active.append(&rec)?;
        let seg = active.seg.header.id;
        if sync {
            active.flush(true)?;
        }
        self.index.insert(
            rec.key,
            Loc { seg, off, ts_us: rec.ts_us, seq: rec.seq, expires_us, tomb: kind == Kind::Tombstone },
        );
        if self.active().seg.len >= self.opts.segment_bytes {
            self.rotate()?;
        }
        Ok(())
    }

    /// Inserts or replaces `key`.
    pub fn put(&mut self, key: &[u8], value: &[u8]) -> io::Result<()> {
        self.write(key, value, 0, Kind::Put)
    }

    /// Inserts `key` with a time-to-live.
    pub fn put_ttl(&mut self, key: &[u8], value: &[u8], ttl: Duration) -> io::Result<()> {
        let exp = clock::now_us().saturating_add(ttl.as_micros().min(i64::MAX as u128) as i64);
        self.write(key, value, exp.max(1) as u64, Kind::Put)
    }

    /// Deletes `key` (writes a tombstone).
    pub fn delete(&mut self, key: &[u8]) -> io::Result<bool> {
        let existed = self.contains(key);
        self.write(key, &[], 0, Kind::Tombstone)?;
        Ok(existed)
    }

    /// `true` if `key` has a live value.
    pub fn contains(&self, key: &[u8]) -> bool {
        let now = clock::now_us();
        self.index
            .get(key)
            .map_or(false, |l| !l.tomb && !(l.expires_us != 0 && l.expires_us as i64 <= now))
    }

    /// Reads the value for `key`.
    pub fn get(&mut self, key: &[u8]) -> io::Result<Option<Vec<u8>>> {
        let Some(loc) = self.index.get(key).copied() else { return Ok(None) };
        if loc.tomb || (loc.expires_us != 0 && loc.expires_us as i64 <= clock::now_us()) {
            return Ok(None);
        }
        if self.active.as_ref().map_or(false, |a| a.seg.header.id == loc.seg) {
            self.active().flush(false)?;
        }
        let rec = self.segment(loc.seg)?.read_at(loc.off)?;
        debug_assert_eq!(rec.key, key);
        Ok(Some(rec.value))
    }

    fn segment(&self, id: u64) -> io::Result<&Segment> {
        if let Some(a) = &self.active {
            if a.seg.header.id == id {
                return Ok(&a.seg);
            }
        }
        self.sealed
            .iter()
            .find(|s| s.header.id == id)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "segment vanished"))
    }

    /// Live keys, unordered.
    pub fn keys(&self) -> Vec<Vec<u8>> {
        let now = clock::now_us();
        self.index
            .iter()
            .filter(|(_, l)| !l.tomb && !(l.expires_us != 0 && l.expires_us as i64 <= now))
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// Flushes buffered writes; `durable` also `fsync`s.
    pub fn flush(&mut self, durable: bool) -> io::Result<()> {
        self.active().flush(durable)
    }

    /// Seals the active segment and starts a new one, compacting if the
    /// configured threshold is reached.
    pub fn rotate(&mut self) -> io::Result<()> {
        if let Some(a) = self.active.take() {
            self.sealed.push(a.into_segment()?);
        }
        self.start_segment()?;
        if self.opts.compact_after > 0 && self.sealed.len() >= self.opts.compact_after {
            self.compact()?;
        }
        Ok(())
    }

    /// Merges all sealed segments into one.
    pub fn compact(&mut self) -> io::Result<CompactStats> {
        if self.sealed.len() < 2 {
            return Ok(CompactStats { inputs: self.sealed.len(), ..CompactStats::default() });
        }
        let out_id = self.next_id;
        self.next_id += 1;
        let (merged, stats) = compact::run(&self.dir, &self.sealed, out_id, false)?;

        let old: Vec<Segment> = std::mem::take(&mut self.sealed);
        let old_ids: Vec<u64> = old.iter().map(|s| s.header.id).collect();
        self.index.retain(|_, l| !old_ids.contains(&l.seg));
        let index = &mut self.index;
        let merged = Segment::scan(&merged.path, false, &mut |off, meta, rec| {
            let loc = Loc {
                seg: out_id,
                off,
                ts_us: meta.ts_us,
                seq: meta.seq,
                expires_us: meta.expires_us,
                tomb: meta.kind == Kind::Tombstone,
            };
            index.entry(rec.key).or_insert(loc);
        })?;
        self.sealed.push(merged);
        for seg in old {
            seg.remove()?;
        }
        self.compactions += 1;
        Ok(stats)
    }

    /// Current statistics.
    pub fn stats(&self) -> Stats {
        let bytes = self.sealed.iter().map(|s| s.len).sum::<u64>()
            + self.active.as_ref().map_or(0, |a| a.seg.len);
        Stats {
            live_keys: self.keys().len(),
            sealed_segments: self.sealed.len(),
            bytes,
            compactions: self.compactions,
            zone_tag: clock::zone_tag(),
        }
    }

    /// Directory of this store.
    pub fn path(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        if let Some(a) = self.active.as_mut() {
            let _ = a.flush(true);
        }
    }
}
