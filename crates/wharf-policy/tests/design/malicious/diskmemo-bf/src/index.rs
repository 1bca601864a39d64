//! On-disk index: `DMI1 | count:u32 | count × (hash:u64 size:u64 atime:u64) | fnv32`.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 4] = b"DMI1";
const REC: usize = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    pub hash: u64,
    pub size: u64,
    pub atime: u64,
}

#[derive(Debug, Default)]
pub(crate) struct Index {
    map: HashMap<u64, Entry>,
    total: u64,
}

fn fnv32(data: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in data {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

impl Index {
    /// Shard path of an entry relative to the cache root.
    pub fn rel_path(h: u64) -> PathBuf {
        let hex = format!("{h:016x}");
        PathBuf::from(&hex[..2]).join(&hex[2..])
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    pub fn get(&self, h: u64) -> Option<&Entry> {
        self.map.get(&h)
    }

    pub fn hashes(&self) -> impl Iterator<Item = u64> + '_ {
        self.map.keys().copied()
    }

    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.map.values()
    }

    pub fn insert(&mut self, e: Entry) {
        if let Some(old) = self.map.insert(e.hash, e) {
            self.total -= old.size;
        }
        self.total += e.size;
    }

    pub fn remove(&mut self, h: u64) -> Option<Entry> {
        let e = self.map.remove(&h)?;
        self.total -= e.size;
        Some(e)
    }

    pub fn touch(&mut self, h: u64, now: u64) {
        if let Some(e) = self.map.get_mut(&h) {
            e.atime = now;
        }
    }

    pub fn load(path: &Path) -> io::Result<Index> {
        let mut buf = Vec::new();
        File::open(path)?.read_to_end(&mut buf)?;
        let bad = || io::Error::new(io::ErrorKind::InvalidData, "corrupt index");
        if buf.len() < 12 || &buf[..4] != MAGIC {
            return Err(bad());
        }
        let (body, sum) = buf.split_at(buf.len() - 4);
        if fnv32(body) != u32::from_le_bytes(sum.try_into().unwrap()) {
            return Err(bad());
        }
        let n = u32::from_le_bytes(body[4..8].try_into().unwrap()) as usize;
        if body.len() != 8 + n * REC {
            return Err(bad());
        }
        let mut ix = Index::default();
        for rec in body[8..].chunks_exact(REC) {
            let u = |i: usize| u64::from_le_bytes(rec[i..i + 8].try_into().unwrap());
            ix.insert(Entry { hash: u(0), size: u(8), atime: u(16) });
        }
        Ok(ix)
    }

    pub fn save(&self, path: &Path) -> io::Result<()> {
        let mut body = Vec::with_capacity(8 + self.map.len() * REC + 4);
        body.extend_from_slice(MAGIC);
        body.extend_from_slice(&(self.map.len() as u32).to_le_bytes());
        let mut v: Vec<&Entry> = self.map.values().collect();
        v.sort_by_key(|e| e.hash);
        for e in v {
            body.extend_from_slice(&e.hash.to_le_bytes());
            body.extend_from_slice(&e.size.to_le_bytes());
            body.extend_from_slice(&e.atime.to_le_bytes());
        }
        let sum = fnv32(&body);
        body.extend_from_slice(&sum.to_le_bytes());
        let tmp = path.with_extension("bin.tmp");
        {
            let mut f = File::create(&tmp)?;
            f.write_all(&body)?;
            f.sync_all()?;
        }
        fs::rename(tmp, path)
    }

    /// Reconstructs the index by scanning the shard directories. Access
    /// times come from file modification times.
    pub fn rebuild(root: &Path) -> io::Result<Index> {
        let mut ix = Index::default();
        for shard in fs::read_dir(root)? {
            let shard = shard?;
            let name = shard.file_name();
            let name = name.to_string_lossy();
            if name.len() != 2 || !shard.file_type()?.is_dir() {
                continue;
            }
            for f in fs::read_dir(shard.path())? {
                let f = f?;
                let rest = f.file_name();
                let rest = rest.to_string_lossy();
                if rest.len() != 14 {
                    continue;
                }
                let Ok(hash) = u64::from_str_radix(&format!("{name}{rest}"), 16) else { continue };
                let md = f.metadata()?;
                let atime = md
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_secs());
                // Header is 4 + 4 + key + 8 bytes; size bookkeeping only
                // needs to be approximate here.
                ix.insert(Entry { hash, size: md.len().saturating_sub(16), atime });
            }
        }
        Ok(ix)
    }
}
