//! On-disk segment format.
//!
//! ```text
//! header  : "FJNL" u16 version u16 flags
//! record  : u8 kind | u64 txn | body | u32 crc32(kind..body)
//! Begin   : i64 stamp (v2: UTC seconds, v1: local seconds)
//! PreImage: u16 path_len | path | u8 present | u32 len | data
//! Commit  : (empty)
//! ```

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

pub(crate) const MAGIC: &[u8; 4] = b"FJNL";
pub(crate) const VERSION: u16 = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Record {
    Begin { txn: u64, stamp: i64 },
    PreImage { txn: u64, path: PathBuf, data: Option<Vec<u8>> },
    Commit { txn: u64 },
}

impl Record {
    pub(crate) fn txn(&self) -> u64 {
        match *self {
            Record::Begin { txn, .. } | Record::PreImage { txn, .. } | Record::Commit { txn } => txn,
        }
    }

    fn encode(&self, out: &mut Vec<u8>) {
        let start = out.len();
        match self {
            Record::Begin { txn, stamp } => {
                out.push(1);
                out.extend_from_slice(&txn.to_le_bytes());
                out.extend_from_slice(&stamp.to_le_bytes());
            }
            Record::PreImage { txn, path, data } => {
                out.push(2);
                out.extend_from_slice(&txn.to_le_bytes());
                let p = path.to_string_lossy();
                out.extend_from_slice(&(p.len() as u16).to_le_bytes());
                out.extend_from_slice(p.as_bytes());
                match data {
                    Some(d) => {
                        out.push(1);
                        out.extend_from_slice(&(d.len() as u32).to_le_bytes());
                        out.extend_from_slice(d);
                    }
                    None => {
                        out.push(0);
                        out.extend_from_slice(&0u32.to_le_bytes());
                    }
                }
            }
            Record::Commit { txn } => {
                out.push(3);
                out.extend_from_slice(&txn.to_le_bytes());
            }
        }
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_le_bytes());
    }
}

pub(crate) struct SegmentWriter {
    out: BufWriter<File>,
    buf: Vec<u8>,
}

impl SegmentWriter {
    pub(crate) fn open(path: &Path) -> io::Result<SegmentWriter> {
        let fresh = !path.exists();
        let f = OpenOptions::new().create(true).append(true).open(path)?;
        let mut out = BufWriter::new(f);
        if fresh {
            out.write_all(MAGIC)?;
            out.write_all(&VERSION.to_le_bytes())?;
            out.write_all(&0u16.to_le_bytes())?;
        }
        Ok(SegmentWriter { out, buf: Vec::with_capacity(4096) })
    }

    pub(crate) fn append(&mut self, r: &Record) -> io::Result<()> {
        self.buf.clear();
        r.encode(&mut self.buf);
        self.out.write_all(&self.buf)
    }

    pub(crate) fn sync(&mut self) -> io::Result<()> {
        self.out.flush()?;
        self.out.get_ref().sync_data()
    }
}

/// Parsed segment: version and every record up to the first damaged one.
pub(crate) struct Segment {
    pub(crate) version: u16,
    pub(crate) records: Vec<Record>,
    pub(crate) torn_tail: bool,
}

pub(crate) fn read(path: &Path) -> io::Result<Segment> {
    let mut bytes = Vec::new();
    File::open(path)?.read_to_end(&mut bytes)?;
    if bytes.len() < 8 || &bytes[..4] != MAGIC {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "not an fsjournal segment"));
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    let mut cur = Cursor { b: &bytes, at: 8 };
    let mut records = Vec::new();
    let mut torn_tail = false;
    while cur.at < bytes.len() {
        let start = cur.at;
        match cur.record() {
            Some(r) => {
                let end = cur.at;
                let crc = cur.u32();
                if crc != Some(crc32(&bytes[start..end])) {
                    torn_tail = true;
                    break;
                }
                records.push(r);
            }
            None => {
                torn_tail = true;
                break;
            }
        }
    }
    Ok(Segment { version, records, torn_tail })
}

struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|s| s[0])
    }
    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|s| u16::from_le_bytes([s[0], s[1]]))
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|s| u32::from_le_bytes(s.try_into().unwrap()))
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8).map(|s| u64::from_le_bytes(s.try_into().unwrap()))
    }
    fn record(&mut self) -> Option<Record> {
        let kind = self.u8()?;
        let txn = self.u64()?;
        Some(match kind {
            1 => Record::Begin { txn, stamp: self.u64()? as i64 },
            2 => {
                let n = self.u16()? as usize;
                let path = PathBuf::from(String::from_utf8_lossy(self.take(n)?).into_owned());
                let present = self.u8()? == 1;
                let len = self.u32()? as usize;
                let data = self.take(len)?.to_vec();
                Record::PreImage { txn, path, data: present.then_some(data) }
            }
            3 => Record::Commit { txn },
            _ => return None,
        })
    }
}

pub(crate) fn list(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .map_or(false, |n| n.starts_with("seg-") && n.ends_with(".fj"))
        })
        .collect();
    v.sort();
    Ok(v)
}

pub(crate) fn current_path(dir: &Path) -> io::Result<PathBuf> {
    Ok(list(dir)?.pop().unwrap_or_else(|| dir.join("seg-000001.fj")))
}

pub(crate) fn rotate(dir: &Path) -> io::Result<PathBuf> {
    let cur = current_path(dir)?;
    let n: u32 = cur
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.strip_prefix("seg-"))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok(dir.join(format!("seg-{:06}.fj", n + 1)))
}

pub(crate) fn remove_older_than(dir: &Path, keep: &Path) -> io::Result<()> {
    for p in list(dir)? {
        if p.as_path() < keep {
            fs::remove_file(p)?;
        }
    }
    Ok(())
}

/// CRC-32 (IEEE 802.3), bitwise. Records are small; a table is not worth it.
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn roundtrip() {
        let recs = vec![
            Record::Begin { txn: 7, stamp: 1_700_000_000 },
            Record::PreImage { txn: 7, path: "a/b".into(), data: Some(b"old".to_vec()) },
            Record::PreImage { txn: 7, path: "c".into(), data: None },
            Record::Commit { txn: 7 },
        ];
        let mut buf = Vec::new();
        buf.extend_from_slice(MAGIC);
        buf.extend_from_slice(&VERSION.to_le_bytes());
        buf.extend_from_slice(&0u16.to_le_bytes());
        for r in &recs {
            r.encode(&mut buf);
        }
        let mut c = Cursor { b: &buf, at: 8 };
        for r in &recs {
            assert_eq!(&c.record().unwrap(), r);
            c.u32().unwrap();
        }
    }
}
