//! Segment files: append-only logs of records.

use std::convert::TryInto;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::format::{Header, HEADER};

pub const EXT: &str = "seg";

pub fn file_name(id: u64) -> String {
    format!("{id:016x}.{EXT}")
}

pub fn parse_name(p: &Path) -> Option<u64> {
    if p.extension()?.to_str()? != EXT {
        return None;
    }
    u64::from_str_radix(p.file_stem()?.to_str()?, 16).ok()
}

/// Lists segment ids in `dir`, oldest first.
pub fn list(dir: &Path) -> io::Result<Vec<u64>> {
    let mut ids: Vec<u64> = fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| parse_name(&e.path()))
        .collect();
    ids.sort_unstable();
    Ok(ids)
}

/// One record found while scanning a segment.
#[derive(Clone, Debug)]
pub struct Scanned {
    pub offset: u64,
    pub header: Header,
    pub key: Vec<u8>,
}

/// Why a scan stopped before the end of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tear {
    ShortHeader,
    ShortBody,
    BadCrc,
    FromTheFuture,
}

/// Result of scanning a segment.
#[derive(Debug, Default)]
pub struct ScanReport {
    pub records: Vec<Scanned>,
    pub valid_len: u64,
    pub file_len: u64,
    pub tear: Option<Tear>,
}

pub struct Segment {
    pub id: u64,
    pub path: PathBuf,
    file: File,
    len: u64,
}

impl Segment {
    pub fn create(dir: &Path, id: u64) -> io::Result<Segment> {
        let path = dir.join(file_name(id));
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create_new(true)
            .open(&path)?;
        Ok(Segment { id, path, file, len: 0 })
    }

    pub fn open(dir: &Path, id: u64, writable: bool) -> io::Result<Segment> {
        let path = dir.join(file_name(id));
        let file = OpenOptions::new().read(true).append(writable).open(&path)?;
        let len = file.metadata()?.len();
        Ok(Segment { id, path, file, len })
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    /// Appends an encoded record and returns its offset.
    pub fn append(&mut self, rec: &[u8]) -> io::Result<u64> {
        let off = self.len;
        self.file.write_all(rec)?;
        self.len += rec.len() as u64;
        Ok(off)
    }

    pub fn sync(&self) -> io::Result<()> {
        self.file.sync_data()
    }

    /// Reads `len` bytes at `offset`.
    pub fn read_at(&mut self, offset: u64, len: u64) -> io::Result<Vec<u8>> {
        let mut buf = vec![0; len as usize];
        self.file.seek(SeekFrom::Start(offset))?;
        self.file.read_exact(&mut buf)?;
        Ok(buf)
    }

    /// Reads the value of the record at `offset`, verifying its CRC.
    pub fn read_value(&mut self, offset: u64, header: &Header) -> io::Result<Option<Vec<u8>>> {
        let raw = self.read_at(offset, header.record_len())?;
        let crc = Header::checksum(&raw[4..HEADER], &raw[HEADER..]);
        if crc != header.crc {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "record checksum mismatch"));
        }
        if header.is_tombstone() {
            return Ok(None);
        }
        Ok(Some(raw[HEADER + header.klen as usize..].to_vec()))
    }

    /// Scans the whole segment. Records stamped after `horizon_ms` are
    /// treated like torn writes.
    pub fn scan(&self, horizon_ms: Option<u64>) -> io::Result<ScanReport> {
        let file_len = self.file.metadata()?.len();
        let mut r = BufReader::with_capacity(1 << 16, &self.file);
        let mut rep = ScanReport { file_len, ..Default::default() };
        let mut off = 0u64;
        let mut hdr = [0u8; HEADER];
        let mut body = Vec::new();
        // `&File` reads share the cursor with writes; start from zero.
        (&self.file).seek(SeekFrom::Start(0))?;
        loop {
            if off == file_len {
                break;
            }
            if file_len - off < HEADER as u64 {
                rep.tear = Some(Tear::ShortHeader);
                break;
            }
            r.read_exact(&mut hdr)?;
            let h = Header::decode(&hdr);
            if file_len - off - (HEADER as u64) < h.body_len() {
                rep.tear = Some(Tear::ShortBody);
                break;
            }
            body.resize(h.body_len() as usize, 0);
            r.read_exact(&mut body)?;
            if Header::checksum(&hdr[4..], &body) != h.crc {
                rep.tear = Some(Tear::BadCrc);
                break;
            }
            if let Some(limit) = horizon_ms {
                if h.ts_ms > limit {
                    rep.tear = Some(Tear::FromTheFuture);
                    break;
                }
            }
            rep.records.push(Scanned {
                offset: off,
                header: h,
                key: body[..h.klen as usize].to_vec(),
            });
            off += h.record_len();
        }
        rep.valid_len = off;
        Ok(rep)
    }

    /// Cuts the file back to `len` bytes and makes that durable.
    pub fn truncate(&mut self, len: u64) -> io::Result<()> {
        let f = OpenOptions::new().write(true).open(&self.path)?;
        f.set_len(len)?;
        f.sync_all()?;
        self.len = len;
        Ok(())
    }

    pub fn remove(self) -> io::Result<()> {
        let p = self.path.clone();
        drop(self.file);
        fs::remove_file(p)
    }
}

/// Parses a header out of a raw record (used by compaction).
pub fn header_of(raw: &[u8]) -> Header {
    Header::decode(raw[..HEADER].try_into().expect("record shorter than header"))
}
