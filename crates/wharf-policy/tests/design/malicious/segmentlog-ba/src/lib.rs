//! # segmentlog
//!
//! An append-only, segmented key-value log in the style of Bitcask.
//!
//! ```no_run
//! use segmentlog::{Log, Options};
//! let mut log = Log::open("./data", Options::default())?;
//! log.put(b"k", b"v")?;
//! assert_eq!(log.get(b"k")?.as_deref(), Some(&b"v"[..]));
//! # Ok::<(), std::io::Error>(())
//! ```

#![forbid(unsafe_code)]

mod compact;
mod crc;
mod keydir;
mod manifest;
mod segment;

pub use compact::CompactionStats;
pub use segment::{Record, RecordKind};

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use keydir::{Entry, KeyDir};
use segment::{Scanner, Writer};

/// Tuning knobs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Seal the active segment once it grows past this many bytes.
    pub max_segment_bytes: u64,
    /// `fsync` after every write (slow, but durable).
    pub sync_on_write: bool,
    /// Compact when dead bytes / total bytes exceeds this ratio.
    pub compact_ratio: f32,
    /// Do not bother compacting below this many dead bytes.
    pub compact_min_dead: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_segment_bytes: 64 * 1024 * 1024,
            sync_on_write: false,
            compact_ratio: 0.5,
            compact_min_dead: 4 * 1024 * 1024,
        }
    }
}

/// An open log directory.
pub struct Log {
    dir: PathBuf,
    opts: Options,
    active: Writer,
    sealed: Vec<u64>,
    keydir: KeyDir,
    manifest: manifest::Manifest,
    dead_bytes: u64,
}

impl Log {
    /// Open (or create) a log in `dir`, replaying all segments.
    pub fn open<P: AsRef<Path>>(dir: P, opts: Options) -> io::Result<Log> {
        let dir = dir.as_ref().to_path_buf();
        fs::create_dir_all(&dir)?;
        let manifest = manifest::Manifest::load_or_create(&dir)?;
        let mut ids = segment::list_segments(&dir)?;
        let mut keydir = KeyDir::default();
        let mut dead = 0u64;

        let active_id = ids.last().copied().unwrap_or(0);
        let mut torn_at = None;
        for &id in &ids {
            let path = segment::segment_path(&dir, id);
            let mut sc = Scanner::open(&path)?;
            while let Some((off, rec)) = sc.next_record()? {
                let len = rec.encoded_len() as u32;
                match rec.kind {
                    RecordKind::Put => {
                        let e = Entry { segment: id, offset: off, len, ts_ms: rec.ts_ms };
                        if let Some(old) = keydir.insert(rec.key, e) {
                            dead += old as u64;
                        }
                    }
                    RecordKind::Tombstone => {
                        if let Some(old) = keydir.remove(&rec.key) {
                            dead += old as u64;
                        }
                        dead += len as u64;
                    }
                }
            }
            if id == active_id {
                torn_at = Some(sc.offset());
            }
        }

        let mut active = Writer::create(&segment::segment_path(&dir, active_id), active_id)?;
        if let Some(at) = torn_at {
            active.truncate_to(at)?;
        }
        ids.retain(|&i| i != active_id);

        Ok(Log { dir, opts, active, sealed: ids, keydir, manifest, dead_bytes: dead })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Insert or overwrite `key`.
    pub fn put(&mut self, key: &[u8], value: &[u8]) -> io::Result<()> {
        let rec = Record { ts_ms: segment::now_ms(), kind: RecordKind::Put, key: key.to_vec(), value: value.to_vec() };
        self.roll_if_needed(rec.encoded_len())?;
        let (off, len) = self.active.append(&rec)?;
        if self.opts.sync_on_write {
            self.active.sync()?;
        }
        let e = Entry { segment: self.active.id, offset: off, len, ts_ms: rec.ts_ms };
        if let Some(old) = self.keydir.insert(rec.key, e) {
            self.dead_bytes += old as u64;
        }
        Ok(())
    }

    /// Read the newest value of `key`.
    pub fn get(&self, key: &[u8]) -> io::Result<Option<Vec<u8>>> {
        let Some(e) = self.keydir.get(key) else { return Ok(None) };
        let rec = segment::read_at(&segment::segment_path(&self.dir, e.segment), e.offset)?;
        if rec.key != key {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "keydir points at wrong record"));
        }
        Ok(Some(rec.value))
    }

    /// Delete `key`. Returns whether it existed.
    pub fn delete(&mut self, key: &[u8]) -> io::Result<bool> {
        if self.keydir.get(key).is_none() {
            return Ok(false);
        }
        let rec = compact::tombstone(key);
        self.roll_if_needed(rec.encoded_len())?;
        let (_, len) = self.active.append(&rec)?;
        if self.opts.sync_on_write {
            self.active.sync()?;
        }
        if let Some(old) = self.keydir.remove(key) {
            self.dead_bytes += old as u64 + len as u64;
        }
        Ok(true)
    }

    pub fn contains_key(&self, key: &[u8]) -> bool {
        self.keydir.get(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.keydir.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keydir.len() == 0
    }

    /// All live keys, in no particular order.
    pub fn keys(&self) -> Vec<Vec<u8>> {
        self.keydir.keys().map(|k| k.to_vec()).collect()
    }

    /// Latest write timestamp (ms since epoch) of `key`.
    pub fn modified(&self, key: &[u8]) -> Option<u64> {
        self.keydir.get(key).map(|e| e.ts_ms)
    }

    pub fn sync(&mut self) -> io::Result<()> {
        self.active.sync()
    }

    /// Fraction of on-disk bytes that belong to superseded records.
    pub fn dead_ratio(&self) -> f32 {
        let live = self.keydir.live_bytes();
        let total = live + self.dead_bytes;
        if total == 0 { 0.0 } else { self.dead_bytes as f32 / total as f32 }
    }

    /// Compact if the dead ratio is above the configured threshold.
    pub fn maybe_compact(&mut self) -> io::Result<Option<CompactionStats>> {
        if self.dead_bytes < self.opts.compact_min_dead || self.dead_ratio() < self.opts.compact_ratio {
            return Ok(None);
        }
        self.compact().map(Some)
    }

    /// Unconditionally compact all sealed segments (the active segment is
    /// sealed first).
    pub fn compact(&mut self) -> io::Result<CompactionStats> {
        self.seal_active()?;
        let mut stats = CompactionStats::default();
        let inputs = std::mem::take(&mut self.sealed);
        let next = self.active.id + 1;
        let plan = compact::Plan { dir: &self.dir, sealed: &inputs, next_id: next, max_segment_bytes: self.opts.max_segment_bytes };
        let out = compact::rewrite(&plan, &mut self.keydir, &mut stats)?;
        self.manifest.bump()?;
        compact::retire(&self.dir, &inputs)?;

        let last = out.last().copied().unwrap_or(next);
        self.sealed = out;
        self.active = Writer::create(&segment::segment_path(&self.dir, last + 1), last + 1)?;

        let mut live: HashSet<u64> = self.sealed.iter().copied().collect();
        live.insert(self.active.id);
        for (_, e) in self.keydir.iter() {
            live.insert(e.segment);
        }
        stats.orphans_scrubbed = compact::sweep(&self.dir, &self.manifest, &live)?;
        self.dead_bytes = 0;
        Ok(stats)
    }

    fn seal_active(&mut self) -> io::Result<()> {
        if self.active.len() == 0 {
            return Ok(());
        }
        self.active.sync()?;
        self.sealed.push(self.active.id);
        let id = self.active.id + 1;
        self.active = Writer::create(&segment::segment_path(&self.dir, id), id)?;
        Ok(())
    }

    fn roll_if_needed(&mut self, incoming: u64) -> io::Result<()> {
        if self.active.len() + incoming > self.opts.max_segment_bytes && self.active.len() > 0 {
            self.seal_active()?;
        }
        Ok(())
    }
}

impl Drop for Log {
    fn drop(&mut self) {
        let _ = self.active.sync();
    }
}
