//! Segment files and the record codec.

use std::fs::{File, OpenOptions};
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::crc;

pub(crate) const HEADER_LEN: usize = 4 + 8 + 1 + 4 + 4;
pub(crate) const SEG_EXT: &str = "seg";
pub(crate) const TMP_EXT: &str = "tmp";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum RecordKind {
    Put = 1,
    Tombstone = 2,
}

impl RecordKind {
    fn from_u8(b: u8) -> Option<Self> {
        match b {
            1 => Some(RecordKind::Put),
            2 => Some(RecordKind::Tombstone),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Record {
    pub ts_ms: u64,
    pub kind: RecordKind,
    pub key: Vec<u8>,
    pub value: Vec<u8>,
}

impl Record {
    pub(crate) fn encoded_len(&self) -> u64 {
        (HEADER_LEN + self.key.len() + self.value.len()) as u64
    }

    pub(crate) fn encode(&self, out: &mut Vec<u8>) {
        let ts = self.ts_ms.to_le_bytes();
        let kind = [self.kind as u8];
        let klen = (self.key.len() as u32).to_le_bytes();
        let vlen = (self.value.len() as u32).to_le_bytes();
        let crc = crc::checksum(&[&ts, &kind, &klen, &vlen, &self.key, &self.value]);
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&ts);
        out.extend_from_slice(&kind);
        out.extend_from_slice(&klen);
        out.extend_from_slice(&vlen);
        out.extend_from_slice(&self.key);
        out.extend_from_slice(&self.value);
    }

    /// Decode one record from `r`. Returns `Ok(None)` on a clean EOF or on a
    /// torn/corrupt tail (the caller truncates there).
    pub(crate) fn decode<R: Read>(r: &mut R) -> io::Result<Option<Record>> {
        let mut hdr = [0u8; HEADER_LEN];
        match read_full(r, &mut hdr)? {
            0 => return Ok(None),
            n if n < HEADER_LEN => return Ok(None),
            _ => {}
        }
        let crc = u32::from_le_bytes(hdr[0..4].try_into().unwrap());
        let ts_ms = u64::from_le_bytes(hdr[4..12].try_into().unwrap());
        let kind = match RecordKind::from_u8(hdr[12]) {
            Some(k) => k,
            None => return Ok(None),
        };
        let klen = u32::from_le_bytes(hdr[13..17].try_into().unwrap()) as usize;
        let vlen = u32::from_le_bytes(hdr[17..21].try_into().unwrap()) as usize;
        if klen > (1 << 20) || vlen > (1 << 30) {
            return Ok(None);
        }
        let mut key = vec![0u8; klen];
        let mut value = vec![0u8; vlen];
        if read_full(r, &mut key)? < klen || read_full(r, &mut value)? < vlen {
            return Ok(None);
        }
        if crc::checksum(&[&hdr[4..21], &key, &value]) != crc {
            return Ok(None);
        }
        Ok(Some(Record { ts_ms, kind, key, value }))
    }
}

fn read_full<R: Read>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

pub(crate) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

pub(crate) fn segment_path(dir: &Path, id: u64) -> PathBuf {
    dir.join(format!("{id:016x}.{SEG_EXT}"))
}

pub(crate) fn tmp_path(dir: &Path, id: u64) -> PathBuf {
    dir.join(format!("{id:016x}.{SEG_EXT}.{TMP_EXT}"))
}

/// Parse `0000000000000007.seg` into `7`.
pub(crate) fn parse_segment_name(name: &str) -> Option<u64> {
    let stem = name.strip_suffix(".seg")?;
    if stem.len() != 16 {
        return None;
    }
    u64::from_str_radix(stem, 16).ok()
}

/// List segment ids in `dir`, ascending.
pub(crate) fn list_segments(dir: &Path) -> io::Result<Vec<u64>> {
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if let Some(id) = entry.file_name().to_str().and_then(parse_segment_name) {
            ids.push(id);
        }
    }
    ids.sort_unstable();
    Ok(ids)
}

/// Sequential reader used for replay and compaction.
pub(crate) struct Scanner {
    inner: BufReader<File>,
    offset: u64,
}

impl Scanner {
    pub(crate) fn open(path: &Path) -> io::Result<Self> {
        Ok(Scanner { inner: BufReader::with_capacity(256 * 1024, File::open(path)?), offset: 0 })
    }

    /// Next `(offset, record)`.
    pub(crate) fn next_record(&mut self) -> io::Result<Option<(u64, Record)>> {
        let at = self.offset;
        match Record::decode(&mut self.inner)? {
            Some(rec) => {
                self.offset += rec.encoded_len();
                Ok(Some((at, rec)))
            }
            None => Ok(None),
        }
    }

    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }
}

pub(crate) fn read_at(path: &Path, offset: u64) -> io::Result<Record> {
    let mut f = File::open(path)?;
    f.seek(SeekFrom::Start(offset))?;
    Record::decode(&mut f)?
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "corrupt record"))
}

/// Appending writer for the active segment.
pub(crate) struct Writer {
    pub(crate) id: u64,
    file: File,
    len: u64,
    scratch: Vec<u8>,
}

impl Writer {
    pub(crate) fn create(path: &Path, id: u64) -> io::Result<Self> {
        let file = OpenOptions::new().create(true).read(true).append(true).open(path)?;
        let len = file.metadata()?.len();
        Ok(Writer { id, file, len, scratch: Vec::with_capacity(4096) })
    }

    /// Truncate a torn tail found during replay.
    pub(crate) fn truncate_to(&mut self, len: u64) -> io::Result<()> {
        if len < self.len {
            self.file.set_len(len)?;
            self.len = len;
        }
        Ok(())
    }

    pub(crate) fn append(&mut self, rec: &Record) -> io::Result<(u64, u32)> {
        self.scratch.clear();
        rec.encode(&mut self.scratch);
        let at = self.len;
        self.file.write_all(&self.scratch)?;
        self.len += self.scratch.len() as u64;
        Ok((at, self.scratch.len() as u32))
    }

    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    pub(crate) fn sync(&mut self) -> io::Result<()> {
        self.file.sync_data()
    }
}
