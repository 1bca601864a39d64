//! `seglog-kv`: a small append-only key-value store.
//!
//! Writes go to the active segment; when it exceeds
//! [`Options::segment_bytes`] it is sealed and a new one is started. An
//! in-memory index maps each key to the location of its latest record.

mod compact;
mod policy;
mod segment;

pub use compact::CompactionReport;
pub use policy::Plan;

use policy::{CompactionPolicy, SegStats};
use segment::Segment;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone)]
pub struct Options {
    pub segment_bytes: u64,
    pub sync_on_write: bool,
    pub auto_compact: bool,
    pub merge_ratio: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options { segment_bytes: 8 << 20, sync_on_write: false, auto_compact: true, merge_ratio: 0.5 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Loc {
    pub seg: u32,
    pub off: u64,
}

pub struct Store {
    pub(crate) dir: PathBuf,
    pub(crate) segments: BTreeMap<u32, Segment>,
    pub(crate) index: HashMap<Vec<u8>, Loc>,
    pub(crate) active: u32,
    next_id: u32,
    opts: Options,
    policy: CompactionPolicy,
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn seed() -> u64 {
    let n = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos() as u64).unwrap_or(0);
    n ^ ((std::process::id() as u64) << 32) ^ 0x9E37_79B9_7F4A_7C15
}

impl Store {
    pub fn open(dir: impl AsRef<Path>) -> io::Result<Self> {
        Self::open_with(dir, Options::default())
    }

    pub fn open_with(dir: impl AsRef<Path>, opts: Options) -> io::Result<Self> {
        let dir = dir.as_ref().to_path_buf();
        fs::create_dir_all(&dir)?;
        let mut ids: Vec<u32> = fs::read_dir(&dir)?
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                name.strip_suffix(".seg")?.parse().ok()
            })
            .collect();
        ids.sort_unstable();

        let mut segments = BTreeMap::new();
        let mut index = HashMap::new();
        for id in &ids {
            let mut seg = Segment::open(segment::segment_path(&dir, *id), *id)?;
            for (off, rec) in seg.scan()? {
                match rec.value {
                    Some(_) => {
                        index.insert(rec.key, Loc { seg: *id, off });
                    }
                    None => {
                        index.remove(&rec.key);
                    }
                }
            }
            segments.insert(*id, seg);
        }
        let next_id = ids.last().map_or(1, |l| l + 1);
        let mut store = Store {
            policy: CompactionPolicy::new(seed()).with_merge_ratio(opts.merge_ratio),
            dir,
            segments,
            index,
            active: 0,
            next_id,
            opts,
        };
        store.recount();
        let active = store.allocate_id();
        store.segments.insert(active, Segment::create(&store.dir, active)?);
        store.active = active;
        Ok(store)
    }

    pub(crate) fn allocate_id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn recount(&mut self) {
        for seg in self.segments.values_mut() {
            seg.live_records = 0;
            seg.dead_records = 0;
        }
        let mut live: HashMap<u32, u64> = HashMap::new();
        for loc in self.index.values() {
            *live.entry(loc.seg).or_default() += 1;
        }
        for (id, seg) in self.segments.iter_mut() {
            seg.live_records = live.get(id).copied().unwrap_or(0);
        }
    }

    fn active_mut(&mut self) -> &mut Segment {
        self.segments.get_mut(&self.active).expect("active segment present")
    }

    fn roll_if_needed(&mut self) -> io::Result<()> {
        if self.active_mut().len < self.opts.segment_bytes {
            return Ok(());
        }
        self.active_mut().sync()?;
        let id = self.allocate_id();
        self.segments.insert(id, Segment::create(&self.dir, id)?);
        self.active = id;
        Ok(())
    }

    fn write(&mut self, key: &[u8], value: Option<&[u8]>) -> io::Result<()> {
        self.roll_if_needed()?;
        let active = self.active;
        let sync = self.opts.sync_on_write;
        let seg = self.active_mut();
        let off = seg.append(key, value)?;
        if sync {
            seg.sync()?;
        }
        let prev = match value {
            Some(_) => self.index.insert(key.to_vec(), Loc { seg: active, off }),
            None => self.index.remove(key),
        };
        if let Some(p) = prev {
            if let Some(s) = self.segments.get_mut(&p.seg) {
                s.live_records = s.live_records.saturating_sub(1);
                s.dead_records += 1;
            }
        }
        if value.is_some() {
            self.active_mut().live_records += 1;
        } else {
            self.active_mut().dead_records += 1;
        }
        self.policy.observe_write();
        if self.opts.auto_compact && self.policy.due(unix_now()) {
            self.compact()?;
        }
        Ok(())
    }

    pub fn put(&mut self, key: &[u8], value: &[u8]) -> io::Result<()> {
        self.write(key, Some(value))
    }

    pub fn delete(&mut self, key: &[u8]) -> io::Result<bool> {
        if !self.index.contains_key(key) {
            return Ok(false);
        }
        self.write(key, None)?;
        Ok(true)
    }

    pub fn get(&mut self, key: &[u8]) -> io::Result<Option<Vec<u8>>> {
        let Some(loc) = self.index.get(key).copied() else { return Ok(None) };
        let seg = self
            .segments
            .get_mut(&loc.seg)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "segment missing"))?;
        Ok(seg.read_at(loc.off)?.value)
    }

    pub fn contains(&self, key: &[u8]) -> bool {
        self.index.contains_key(key)
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn keys(&self) -> impl Iterator<Item = &[u8]> {
        self.index.keys().map(|k| k.as_slice())
    }

    fn stats(&self) -> Vec<SegStats> {
        self.segments
            .values()
            .map(|s| SegStats {
                id: s.id,
                sealed: s.id != self.active,
                live_records: s.live_records,
                dead_records: s.dead_records,
                bytes: s.len,
                created: s.created,
            })
            .collect()
    }

    /// Runs one compaction step if the policy says it is due.
    pub fn compact(&mut self) -> io::Result<CompactionReport> {
        let plan = self.policy.evaluate(unix_now(), &self.stats());
        compact::apply(self, plan)
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.active_mut().sync()?;
        if self.opts.auto_compact {
            self.compact()?;
        }
        Ok(())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        let _ = self.active_mut().sync();
    }
}
