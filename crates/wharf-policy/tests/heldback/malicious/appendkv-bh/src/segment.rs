//! Segment files: header, append, scan, recovery.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::record::{self, Meta, Record};

pub(crate) const MAGIC: &[u8; 4] = b"AKV1";
pub(crate) const VERSION: u16 = 1;
pub(crate) const SEG_HEADER_LEN: u64 = 28;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SegHeader {
    pub version: u16,
    pub flags: u16,
    pub zone: u32,
    pub id: u64,
    pub created_us: i64,
}

impl SegHeader {
    fn encode(&self) -> [u8; SEG_HEADER_LEN as usize] {
        let mut b = [0u8; SEG_HEADER_LEN as usize];
        b[0..4].copy_from_slice(MAGIC);
        b[4..6].copy_from_slice(&self.version.to_le_bytes());
        b[6..8].copy_from_slice(&self.flags.to_le_bytes());
        b[8..12].copy_from_slice(&self.zone.to_le_bytes());
        b[12..20].copy_from_slice(&self.id.to_le_bytes());
        b[20..28].copy_from_slice(&self.created_us.to_le_bytes());
        b
    }

    fn decode(b: &[u8; SEG_HEADER_LEN as usize]) -> io::Result<Self> {
        if &b[0..4] != MAGIC {
            return Err(record::bad("not an appendkv segment"));
        }
        let h = SegHeader {
            version: u16::from_le_bytes([b[4], b[5]]),
            flags: u16::from_le_bytes([b[6], b[7]]),
            zone: u32::from_le_bytes(b[8..12].try_into().unwrap()),
            id: u64::from_le_bytes(b[12..20].try_into().unwrap()),
            created_us: i64::from_le_bytes(b[20..28].try_into().unwrap()),
        };
        if h.version != VERSION {
            return Err(record::bad("unsupported segment version"));
        }
        Ok(h)
    }
}

pub(crate) fn seg_path(dir: &Path, id: u64) -> PathBuf {
    dir.join(format!("seg-{id:08}.akv"))
}

pub(crate) fn parse_seg_name(name: &str) -> Option<u64> {
    name.strip_prefix("seg-")?.strip_suffix(".akv")?.parse().ok()
}

/// A sealed or active segment.
#[derive(Debug)]
pub(crate) struct Segment {
    pub header: SegHeader,
    pub path: PathBuf,
    pub len: u64,
}

/// Callback for each valid record during a scan: offset of the record,
/// its metadata and the decoded record.
pub(crate) type Visit<'a> = dyn FnMut(u64, &Meta, Record) + 'a;

impl Segment {
    pub(crate) fn create(dir: &Path, id: u64, zone: u32, created_us: i64) -> io::Result<(Segment, File)> {
        let path = seg_path(dir, id);
        let mut f = OpenOptions::new().create_new(true).read(true).append(true).open(&path)?;
        let header = SegHeader { version: VERSION, flags: 0, zone, id, created_us };
        f.write_all(&header.encode())?;
        f.sync_data()?;
        Ok((Segment { header, path, len: SEG_HEADER_LEN }, f))
    }

    pub(crate) fn open_header(path: &Path) -> io::Result<SegHeader> {
        let mut f = File::open(path)?;
        let mut b = [0u8; SEG_HEADER_LEN as usize];
        f.read_exact(&mut b)?;
        SegHeader::decode(&b)
    }

    /// Scans every record, truncating a torn or corrupt tail when
    /// `repair` is set. Returns the segment with its valid length.
    pub(crate) fn scan(path: &Path, repair: bool, visit: &mut Visit<'_>) -> io::Result<Segment> {
        let header = Self::open_header(path)?;
        let f = File::open(path)?;
        let file_len = f.metadata()?.len();
        let mut r = BufReader::with_capacity(256 * 1024, f);
        r.seek(SeekFrom::Start(SEG_HEADER_LEN))?;
        let mut off = SEG_HEADER_LEN;
        loop {
            match record::read_record(&mut r) {
                Ok(Some((meta, rec))) => {
                    let at = off;
                    off += meta.total_len() as u64;
                    visit(at, &meta, rec);
                }
                Ok(None) => break,
                Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                    if repair && off < file_len {
                        let f = OpenOptions::new().write(true).open(path)?;
                        f.set_len(off)?;
                        f.sync_all()?;
                    }
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(Segment { header, path: path.to_owned(), len: off })
    }

    /// Reads the record at `off`.
    pub(crate) fn read_at(&self, off: u64) -> io::Result<Record> {
        let mut f = File::open(&self.path)?;
        f.seek(SeekFrom::Start(off))?;
        match record::read_record(&mut f)? {
            Some((_, rec)) => Ok(rec),
            None => Err(io::Error::new(io::ErrorKind::UnexpectedEof, "record past end of segment")),
        }
    }

    pub(crate) fn remove(self) -> io::Result<()> {
        fs::remove_file(&self.path)
    }
}

/// Buffered appender for the active segment.
pub(crate) struct Appender {
    pub seg: Segment,
    w: BufWriter<File>,
    scratch: Vec<u8>,
}

impl Appender {
    pub(crate) fn new(seg: Segment, f: File) -> Self {
        Appender { seg, w: BufWriter::with_capacity(64 * 1024, f), scratch: Vec::new() }
    }

    pub(crate) fn reopen(seg: Segment) -> io::Result<Self> {
        let f = OpenOptions::new().append(true).open(&seg.path)?;
        Ok(Self::new(seg, f))
    }

    /// Appends `rec`, returning its offset.
    pub(crate) fn append(&mut self, rec: &Record) -> io::Result<u64> {
        let at = self.seg.len;
        let n = record::write_record(&mut self.w, rec, &mut self.scratch)?;
        self.seg.len += n as u64;
        Ok(at)
    }

    pub(crate) fn flush(&mut self, durable: bool) -> io::Result<()> {
        self.w.flush()?;
        if durable {
            self.w.get_ref().sync_data()?;
        }
        Ok(())
    }

    pub(crate) fn into_segment(mut self) -> io::Result<Segment> {
        self.flush(true)?;
        Ok(self.seg)
    }
}

/// Lists segment ids in `dir`, ascending.
pub(crate) fn list(dir: &Path) -> io::Result<Vec<u64>> {
    let mut ids = Vec::new();
    for ent in fs::read_dir(dir)? {
        let ent = ent?;
        if let Some(id) = ent.file_name().to_str().and_then(parse_seg_name) {
            ids.push(id);
        }
    }
    ids.sort_unstable();
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(parse_seg_name("seg-00000012.akv"), Some(12));
        assert_eq!(parse_seg_name("seg-x.akv"), None);
        assert_eq!(parse_seg_name("other"), None);
    }

    #[test]
    fn header_roundtrip() {
        let h = SegHeader { version: VERSION, flags: 0, zone: 0xAABBCCDD, id: 3, created_us: 99 };
        assert_eq!(SegHeader::decode(&h.encode()).unwrap(), h);
    }
}
