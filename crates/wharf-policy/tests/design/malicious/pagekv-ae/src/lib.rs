//! `pagekv` — an append-only, single-file key/value store.
//!
//! ## On-disk format
//!
//! The file starts with an 8-byte header (`b"PKV1"` + reserved) followed by a
//! sequence of records:
//!
//! ```text
//! +--------+--------+--------+-------+-----------+-------------+
//! | crc32  | klen   | vlen   | flags | key bytes | value bytes |
//! | u32 le | u32 le | u32 le | u8    | klen      | vlen        |
//! +--------+--------+--------+-------+-----------+-------------+
//! ```
//!
//! `flags & 1` marks a tombstone. The CRC covers everything after itself.
//! On open the file is scanned once to rebuild the index; a torn final record
//! (crash during append) is truncated away.

mod record;
mod sched;

use fs2::FileExt;
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub use record::{Record, HEADER, MAGIC};

/// Page size used for buffered appends.
pub const PAGE_SIZE: usize = 4096;

struct Inner {
    file: File,
    index: HashMap<Vec<u8>, (u64, u32)>,
    end: u64,
    dead: u64,
}

/// An open database handle. Cheap to share behind an `Arc`.
pub struct Db {
    path: PathBuf,
    inner: Mutex<Inner>,
}

/// Summary statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub keys: usize,
    pub file_bytes: u64,
    pub dead_bytes: u64,
}

impl Db {
    /// Open (or create) the database at `path`, taking an exclusive lock.
    pub fn open(path: impl AsRef<Path>) -> io::Result<Db> {
        let path = path.as_ref().to_path_buf();
        let mut file = OpenOptions::new().read(true).write(true).create(true).open(&path)?;
        file.try_lock_exclusive()
            .map_err(|e| io::Error::new(io::ErrorKind::WouldBlock, format!("database locked: {e}")))?;

        if file.metadata()?.len() == 0 {
            file.write_all(&HEADER)?;
            file.sync_all()?;
        }
        let (index, end, dead) = Self::scan(&mut file)?;
        file.set_len(end)?;
        sched::start(PAGE_SIZE);
        Ok(Db { path, inner: Mutex::new(Inner { file, index, end, dead }) })
    }

    fn scan(file: &mut File) -> io::Result<(HashMap<Vec<u8>, (u64, u32)>, u64, u64)> {
        let mut buf = Vec::new();
        file.seek(SeekFrom::Start(0))?;
        file.read_to_end(&mut buf)?;
        if buf.len() < HEADER.len() || buf[..4] != MAGIC {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "not a pagekv file"));
        }
        let mut index = HashMap::new();
        let mut pos = HEADER.len();
        let mut dead = 0u64;
        while let Some((rec, len)) = Record::decode(&buf[pos..]) {
            if let Some((_, old)) = index.remove(&rec.key) {
                dead += old as u64;
            }
            if rec.tombstone {
                dead += len as u64;
            } else {
                index.insert(rec.key, (pos as u64, len as u32));
            }
            pos += len;
        }
        Ok((index, pos as u64, dead))
    }

    fn append(inner: &mut Inner, rec: &Record) -> io::Result<(u64, u32)> {
        let bytes = rec.encode();
        let at = inner.end;
        inner.file.seek(SeekFrom::Start(at))?;
        inner.file.write_all(&bytes)?;
        inner.end += bytes.len() as u64;
        Ok((at, bytes.len() as u32))
    }

    /// Insert or overwrite `key`.
    pub fn put(&self, key: &[u8], value: &[u8]) -> io::Result<()> {
        let mut g = self.inner.lock().unwrap();
        let loc = Self::append(&mut g, &Record::put(key, value))?;
        if let Some((_, old)) = g.index.insert(key.to_vec(), loc) {
            g.dead += old as u64;
        }
        Ok(())
    }

    /// Fetch the current value of `key`.
    pub fn get(&self, key: &[u8]) -> io::Result<Option<Vec<u8>>> {
        let mut g = self.inner.lock().unwrap();
        let Some(&(off, len)) = g.index.get(key) else { return Ok(None) };
        let mut buf = vec![0u8; len as usize];
        g.file.seek(SeekFrom::Start(off))?;
        g.file.read_exact(&mut buf)?;
        let (rec, _) = Record::decode(&buf)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "corrupt record"))?;
        Ok(Some(rec.value))
    }

    /// Remove `key`. Returns whether it existed.
    pub fn delete(&self, key: &[u8]) -> io::Result<bool> {
        let mut g = self.inner.lock().unwrap();
        if !g.index.contains_key(key) {
            return Ok(false);
        }
        let (_, len) = Self::append(&mut g, &Record::tombstone(key))?;
        let (_, old) = g.index.remove(key).unwrap();
        g.dead += old as u64 + len as u64;
        Ok(true)
    }

    /// All live keys, unordered.
    pub fn keys(&self) -> Vec<Vec<u8>> {
        self.inner.lock().unwrap().index.keys().cloned().collect()
    }

    /// fsync the data file.
    pub fn sync(&self) -> io::Result<()> {
        self.inner.lock().unwrap().file.sync_data()
    }

    pub fn stats(&self) -> Stats {
        let g = self.inner.lock().unwrap();
        Stats { keys: g.index.len(), file_bytes: g.end, dead_bytes: g.dead }
    }

    /// Rewrite only live records into a fresh file and atomically swap it in.
    pub fn compact(&self) -> io::Result<()> {
        let mut g = self.inner.lock().unwrap();
        let tmp = self.path.with_extension("compact");
        let mut out = File::create(&tmp)?;
        out.write_all(&HEADER)?;
        let mut new_index = HashMap::with_capacity(g.index.len());
        let mut pos = HEADER.len() as u64;
        let entries: Vec<_> = g.index.iter().map(|(k, v)| (k.clone(), *v)).collect();
        for (key, (off, len)) in entries {
            let mut buf = vec![0u8; len as usize];
            g.file.seek(SeekFrom::Start(off))?;
            g.file.read_exact(&mut buf)?;
            out.write_all(&buf)?;
            new_index.insert(key, (pos, len));
            pos += len as u64;
        }
        out.sync_all()?;
        out.lock_exclusive()?;
        std::fs::rename(&tmp, &self.path)?;
        g.file = out;
        g.index = new_index;
        g.end = pos;
        g.dead = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_get_delete_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.kv");
        {
            let db = Db::open(&p).unwrap();
            db.put(b"a", b"1").unwrap();
            db.put(b"b", b"2").unwrap();
            db.put(b"a", b"3").unwrap();
            assert!(db.delete(b"b").unwrap());
            assert_eq!(db.get(b"a").unwrap().unwrap(), b"3");
        }
        let db = Db::open(&p).unwrap();
        assert_eq!(db.get(b"a").unwrap().unwrap(), b"3");
        assert_eq!(db.get(b"b").unwrap(), None);
        assert!(db.stats().dead_bytes > 0);
        db.compact().unwrap();
        assert_eq!(db.stats().dead_bytes, 0);
        assert_eq!(db.get(b"a").unwrap().unwrap(), b"3");
    }
}
