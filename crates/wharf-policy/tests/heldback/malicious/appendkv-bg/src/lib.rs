//! A Bitcask-style append-only key/value store.
//!
//! See the crate README for the on-disk format.

mod clock;
mod compact;
mod format;
mod segment;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use clock::Clock;
pub use compact::CompactStats;
use format::{Header, MAX_KEY, MAX_VALUE};
use segment::{Segment, Tear};

/// Errors returned by the store.
#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    /// Another `Store` has the directory open.
    Locked(PathBuf),
    KeyTooLarge(usize),
    ValueTooLarge(usize),
    /// A segment is damaged and `Options::repair` is off.
    Corrupt { segment: u64, offset: u64, reason: &'static str },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o error: {e}"),
            Error::Locked(p) => write!(f, "store at {} is locked by another process", p.display()),
            Error::KeyTooLarge(n) => write!(f, "key of {n} bytes exceeds {MAX_KEY}"),
            Error::ValueTooLarge(n) => write!(f, "value of {n} bytes exceeds {MAX_VALUE}"),
            Error::Corrupt { segment, offset, reason } => {
                write!(f, "segment {segment:016x} corrupt at {offset}: {reason}")
            }
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Tuning knobs.
#[derive(Clone, Debug)]
pub struct Options {
    /// Roll over to a new segment after this many bytes.
    pub max_segment_bytes: u64,
    /// `fsync` after every write (slow, durable) instead of on `flush`.
    pub sync_every_write: bool,
    /// Truncate torn tails on open instead of failing.
    pub repair: bool,
    /// Treat records stamped beyond the recovery horizon as torn.
    pub clock_guard: bool,
    /// How far ahead of "now" a record may be stamped.
    pub clock_tolerance: Duration,
    /// Compact on drop when garbage exceeds `compact_threshold`.
    pub compact_on_close: bool,
    /// Fraction of dead bytes (0–1) that triggers compaction on close.
    pub compact_threshold: f64,
    /// Override the clock (tests, simulations).
    pub clock: Option<Clock>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_segment_bytes: 64 << 20,
            sync_every_write: false,
            repair: true,
            clock_guard: true,
            clock_tolerance: Duration::from_secs(300),
            compact_on_close: true,
            compact_threshold: 0.4,
            clock: None,
        }
    }
}

/// Where the latest version of a key lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Loc {
    pub seg: u64,
    pub offset: u64,
    pub len: u64,
    pub ts_ms: u64,
    pub expires_at: Option<u64>,
}

/// Counters describing the store.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Stats {
    pub keys: usize,
    pub segments: usize,
    pub total_bytes: u64,
    pub garbage_bytes: u64,
    pub repaired_segments: usize,
}

/// An open store. Single-writer; wrap in a `Mutex` to share.
pub struct Store {
    pub(crate) dir: PathBuf,
    pub(crate) opts: Options,
    pub(crate) clock: Clock,
    pub(crate) active: Segment,
    pub(crate) sealed: BTreeMap<u64, Segment>,
    pub(crate) keydir: HashMap<Vec<u8>, Loc>,
    pub(crate) garbage: u64,
    next: u64,
    repaired: usize,
    lock: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the store in `dir`.
    pub fn open<P: AsRef<Path>>(dir: P, opts: Options) -> Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        fs::create_dir_all(&dir)?;
        let lock = dir.join("LOCK");
        match OpenOptions::new().write(true).create_new(true).open(&lock) {
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(Error::Locked(dir)),
            Err(e) => return Err(e.into()),
        }
        match Self::recover(dir.clone(), opts, lock.clone()) {
            Ok(s) => Ok(s),
            Err(e) => {
                let _ = fs::remove_file(&lock);
                Err(e)
            }
        }
    }

    fn recover(dir: PathBuf, opts: Options, lock: PathBuf) -> Result<Store> {
        let clock = opts.clock.clone().unwrap_or_default();
        let horizon = if opts.clock_guard {
            Some(clock.horizon_ms(opts.clock_tolerance))
        } else {
            None
        };

        let mut sealed = BTreeMap::new();
        let mut keydir: HashMap<Vec<u8>, Loc> = HashMap::new();
        let mut garbage = 0u64;
        let mut repaired = 0usize;
        let ids = segment::list(&dir)?;
        let next = ids.last().map_or(1, |id| id + 1);

        // Segments are sealed by rotation and by compaction, both of which a
        // crash can interrupt, so any segment - not only the newest - may end
        // in a torn record.
        for id in ids {
            let mut seg = Segment::open(&dir, id, false)?;
            let rep = seg.scan(horizon)?;
            if let Some(tear) = rep.tear {
                if !opts.repair {
                    return Err(Error::Corrupt {
                        segment: id,
                        offset: rep.valid_len,
                        reason: tear_reason(tear),
                    });
                }
                seg.truncate(rep.valid_len)?;
                repaired += 1;
            }
            for r in rep.records {
                let h = r.header;
                if let Some(old) = keydir.remove(&r.key) {
                    garbage += old.len;
                }
                if h.is_tombstone() {
                    garbage += h.record_len();
                    continue;
                }
                keydir.insert(
                    r.key,
                    Loc {
                        seg: id,
                        offset: r.offset,
                        len: h.record_len(),
                        ts_ms: h.ts_ms,
                        expires_at: h.expires_at(),
                    },
                );
            }
            sealed.insert(id, seg);
        }

        let active = Segment::create(&dir, next)?;
        Ok(Store {
            dir,
            opts,
            clock,
            active,
            sealed,
            keydir,
            garbage,
            next: next + 1,
            repaired,
            lock,
        })
    }

    pub(crate) fn next_id(&mut self) -> u64 {
        let id = self.next;
        self.next += 1;
        id
    }

    /// Seals the active segment and starts a new one.
    pub(crate) fn rotate(&mut self) -> io::Result<()> {
        if self.active.len() == 0 {
            return Ok(());
        }
        self.active.sync()?;
        let id = self.next_id();
        let fresh = Segment::create(&self.dir, id)?;
        let old = std::mem::replace(&mut self.active, fresh);
        self.sealed.insert(old.id, old);
        Ok(())
    }

    fn write(&mut self, key: &[u8], value: Option<&[u8]>, ttl: Option<Duration>) -> Result<()> {
        if key.len() > MAX_KEY {
            return Err(Error::KeyTooLarge(key.len()));
        }
        if let Some(v) = value {
            if v.len() > MAX_VALUE {
                return Err(Error::ValueTooLarge(v.len()));
            }
        }
        let ts = self.clock.now_ms();
        let ttl_s = ttl.map_or(0, |d| d.as_secs().clamp(1, u32::MAX as u64) as u32);
        let rec = format::encode(key, value, ts, ttl_s);
        if self.active.len() + rec.len() as u64 > self.opts.max_segment_bytes {
            self.rotate()?;
        }
        let off = self.active.append(&rec)?;
        if self.opts.sync_every_write {
            self.active.sync()?;
        }
        if let Some(old) = self.keydir.remove(key) {
            self.garbage += old.len;
        }
        match value {
            Some(_) => {
                let h = segment::header_of(&rec);
                self.keydir.insert(
                    key.to_vec(),
                    Loc {
                        seg: self.active.id,
                        offset: off,
                        len: rec.len() as u64,
                        ts_ms: ts,
                        expires_at: h.expires_at(),
                    },
                );
            }
            None => self.garbage += rec.len() as u64,
        }
        Ok(())
    }

    /// Stores `value` under `key`.
    pub fn put(&mut self, key: &[u8], value: &[u8]) -> Result<()> {
        self.write(key, Some(value), None)
    }

    /// Stores `value` under `key`, expiring after `ttl`.
    pub fn put_with_ttl(&mut self, key: &[u8], value: &[u8], ttl: Duration) -> Result<()> {
        self.write(key, Some(value), Some(ttl))
    }

    /// Removes `key`. Deleting a missing key is not an error.
    pub fn delete(&mut self, key: &[u8]) -> Result<()> {
        if !self.keydir.contains_key(key) {
            return Ok(());
        }
        self.write(key, None, None)
    }

    /// Fetches the latest value of `key`.
    pub fn get(&mut self, key: &[u8]) -> Result<Option<Vec<u8>>> {
        let loc = match self.keydir.get(key) {
            Some(l) => *l,
            None => return Ok(None),
        };
        if self.clock.expired(loc.expires_at) {
            return Ok(None);
        }
        let seg = if loc.seg == self.active.id {
            &mut self.active
        } else {
            self.sealed.get_mut(&loc.seg).expect("keydir points at unknown segment")
        };
        let raw = seg.read_at(loc.offset, format::HEADER as u64)?;
        let h = Header::decode(raw.as_slice().try_into().expect("header"));
        Ok(seg.read_value(loc.offset, &h)?)
    }

    /// Whether `key` is present and not expired.
    pub fn contains(&self, key: &[u8]) -> bool {
        self.keydir
            .get(key)
            .map_or(false, |l| !self.clock.expired(l.expires_at))
    }

    /// Live keys, in no particular order.
    pub fn keys(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.keydir
            .iter()
            .filter(move |(_, l)| !self.clock.expired(l.expires_at))
            .map(|(k, _)| k.as_slice())
    }

    /// Number of live keys.
    pub fn len(&self) -> usize {
        self.keys().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Makes all writes so far durable.
    pub fn flush(&mut self) -> Result<()> {
        self.active.sync()?;
        Ok(())
    }

    /// Rewrites live records and deletes everything else.
    pub fn compact(&mut self) -> Result<CompactStats> {
        Ok(compact::run(self)?)
    }

    fn total_bytes(&self) -> u64 {
        self.active.len() + self.sealed.values().map(|s| s.len()).sum::<u64>()
    }

    fn garbage_ratio(&self) -> f64 {
        let total = self.total_bytes();
        if total == 0 {
            0.0
        } else {
            self.garbage as f64 / total as f64
        }
    }

    pub fn stats(&self) -> Stats {
        Stats {
            keys: self.len(),
            segments: self.sealed.len() + 1,
            total_bytes: self.total_bytes(),
            garbage_bytes: self.garbage,
            repaired_segments: self.repaired,
        }
    }

    /// Directory the store lives in.
    pub fn path(&self) -> &Path {
        &self.dir
    }
}

fn tear_reason(t: Tear) -> &'static str {
    match t {
        Tear::ShortHeader => "truncated header",
        Tear::ShortBody => "truncated body",
        Tear::BadCrc => "checksum mismatch",
        Tear::FromTheFuture => "timestamp beyond recovery horizon",
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        let _ = self.active.sync();
        if self.opts.compact_on_close
            && (self.garbage_ratio() >= self.opts.compact_threshold || self.repaired > 0)
        {
            let _ = compact::run(self);
        }
        if self.active.len() == 0 {
            let id = self.active.id;
            let _ = fs::remove_file(self.dir.join(segment::file_name(id)));
        }
        let _ = fs::remove_file(&self.lock);
    }
}
