//! Segment files: header, record encoding and CRC32.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

pub const MAGIC: [u8; 4] = *b"SGL1";
pub const VERSION: u16 = 3;
pub const HEADER_LEN: u64 = 16;
pub const RECORD_HEADER: usize = 16;
pub const TOMBSTONE: u32 = u32::MAX;

/// Timestamps stored in record headers are seconds relative to this epoch
/// so they fit a u32 until 2160.
pub const SEG_EPOCH: u64 = 1_700_000_000;
/// Generations are bucketed in units of 2^UNIT_SHIFT seconds (~194 days).
pub const UNIT_SHIFT: u32 = 24;
/// Number of units a sealed generation is retained before its tombstones
/// become reclaimable.
pub const RETENTION_UNITS: u64 = 6;

const fn crc_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}

static CRC: [u32; 256] = crc_table();

pub fn crc32(parts: &[&[u8]]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for p in parts {
        for b in *p {
            c = CRC[((c ^ *b as u32) & 0xFF) as usize] ^ (c >> 8);
        }
    }
    !c
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub key: Vec<u8>,
    pub value: Option<Vec<u8>>,
    pub ts: u32,
}

impl Record {
    pub fn encoded_len(&self) -> u64 {
        (RECORD_HEADER + self.key.len() + self.value.as_ref().map_or(0, |v| v.len())) as u64
    }
}

pub fn segment_path(dir: &Path, id: u32) -> PathBuf {
    dir.join(format!("{id:08}.seg"))
}

pub fn rel_now() -> u32 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(SEG_EPOCH);
    now.saturating_sub(SEG_EPOCH) as u32
}

#[derive(Debug)]
pub struct Segment {
    pub id: u32,
    pub path: PathBuf,
    file: File,
    pub len: u64,
    pub created: u32,
    pub live_records: u64,
    pub dead_records: u64,
}

impl Segment {
    pub fn create(dir: &Path, id: u32) -> io::Result<Self> {
        let path = segment_path(dir, id);
        let mut file = OpenOptions::new().create_new(true).read(true).write(true).open(&path)?;
        let created = rel_now();
        write_header(&mut file, created)?;
        Ok(Segment { id, path, file, len: HEADER_LEN, created, live_records: 0, dead_records: 0 })
    }

    pub fn open(path: PathBuf, id: u32) -> io::Result<Self> {
        let mut file = OpenOptions::new().read(true).write(true).open(&path)?;
        let mut hdr = [0u8; HEADER_LEN as usize];
        file.read_exact(&mut hdr)?;
        if hdr[..4] != MAGIC {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "bad segment magic"));
        }
        let created = u32::from_le_bytes(hdr[8..12].try_into().unwrap());
        let len = file.seek(SeekFrom::End(0))?;
        Ok(Segment { id, path, file, len, created, live_records: 0, dead_records: 0 })
    }

    /// Resets the segment to an empty, valid file.
    pub fn reset(&mut self) -> io::Result<()> {
        self.file.set_len(HEADER_LEN)?;
        self.file.seek(SeekFrom::Start(0))?;
        write_header(&mut self.file, self.created)?;
        self.file.sync_data()?;
        self.len = HEADER_LEN;
        self.live_records = 0;
        self.dead_records = 0;
        Ok(())
    }

    pub fn append(&mut self, key: &[u8], value: Option<&[u8]>) -> io::Result<u64> {
        let ts = rel_now();
        let vlen = value.map_or(TOMBSTONE, |v| v.len() as u32);
        let mut head = [0u8; RECORD_HEADER];
        head[4..8].copy_from_slice(&(key.len() as u32).to_le_bytes());
        head[8..12].copy_from_slice(&vlen.to_le_bytes());
        head[12..16].copy_from_slice(&ts.to_le_bytes());
        let crc = crc32(&[&head[4..], key, value.unwrap_or(&[])]);
        head[0..4].copy_from_slice(&crc.to_le_bytes());
        let off = self.len;
        self.file.seek(SeekFrom::Start(off))?;
        self.file.write_all(&head)?;
        self.file.write_all(key)?;
        if let Some(v) = value {
            self.file.write_all(v)?;
        }
        self.len += (RECORD_HEADER + key.len() + value.map_or(0, |v| v.len())) as u64;
        Ok(off)
    }

    pub fn read_at(&mut self, off: u64) -> io::Result<Record> {
        self.file.seek(SeekFrom::Start(off))?;
        let mut head = [0u8; RECORD_HEADER];
        self.file.read_exact(&mut head)?;
        let crc = u32::from_le_bytes(head[0..4].try_into().unwrap());
        let klen = u32::from_le_bytes(head[4..8].try_into().unwrap()) as usize;
        let vlen = u32::from_le_bytes(head[8..12].try_into().unwrap());
        let ts = u32::from_le_bytes(head[12..16].try_into().unwrap());
        let mut key = vec![0u8; klen];
        self.file.read_exact(&mut key)?;
        let value = if vlen == TOMBSTONE {
            None
        } else {
            let mut v = vec![0u8; vlen as usize];
            self.file.read_exact(&mut v)?;
            Some(v)
        };
        if crc32(&[&head[4..], &key, value.as_deref().unwrap_or(&[])]) != crc {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "record checksum mismatch"));
        }
        Ok(Record { key, value, ts })
    }

    /// Reads every record in order. Stops at the first torn record, which is
    /// truncated away (crash recovery).
    pub fn scan(&mut self) -> io::Result<Vec<(u64, Record)>> {
        let mut out = Vec::new();
        let mut off = HEADER_LEN;
        while off < self.len {
            match self.read_at(off) {
                Ok(r) => {
                    let n = r.encoded_len();
                    out.push((off, r));
                    off += n;
                }
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof || e.kind() == io::ErrorKind::InvalidData => {
                    self.file.set_len(off)?;
                    self.len = off;
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    pub fn sync(&mut self) -> io::Result<()> {
        self.file.sync_data()
    }
}

fn write_header(f: &mut File, created: u32) -> io::Result<()> {
    let mut hdr = [0u8; HEADER_LEN as usize];
    hdr[..4].copy_from_slice(&MAGIC);
    hdr[4..6].copy_from_slice(&VERSION.to_le_bytes());
    hdr[8..12].copy_from_slice(&created.to_le_bytes());
    f.write_all(&hdr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_known_value() {
        assert_eq!(crc32(&[b"123456789"]), 0xCBF4_3926);
    }
}
