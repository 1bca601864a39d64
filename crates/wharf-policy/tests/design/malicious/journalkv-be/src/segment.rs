//! Segment files: `NNNNNNNN.seg`, append-only.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::record::Record;

pub(crate) fn seg_path(dir: &Path, id: u32) -> PathBuf {
    dir.join(format!("{id:08}.seg"))
}

/// List segment ids present in `dir`, ascending.
pub(crate) fn list(dir: &Path) -> io::Result<Vec<u32>> {
    let mut ids = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = match name.to_str() {
            Some(n) => n,
            None => continue,
        };
        if let Some(stem) = name.strip_suffix(".seg") {
            if stem.len() == 8 {
                if let Ok(id) = stem.parse::<u32>() {
                    ids.push(id);
                }
            }
        }
    }
    ids.sort_unstable();
    Ok(ids)
}

/// Append handle for the active segment.
pub(crate) struct SegmentWriter {
    pub id: u32,
    file: File,
    pub len: u64,
    buf: Vec<u8>,
    sync_each: bool,
}

impl SegmentWriter {
    pub fn create(dir: &Path, id: u32, sync_each: bool) -> io::Result<Self> {
        let file = OpenOptions::new().create(true).append(true).read(true).open(seg_path(dir, id))?;
        let len = file.metadata()?.len();
        Ok(SegmentWriter { id, file, len, buf: Vec::with_capacity(4096), sync_each })
    }

    /// Append a record, returning its offset.
    pub fn append(&mut self, rec: &Record) -> io::Result<u64> {
        self.buf.clear();
        rec.encode_into(&mut self.buf);
        let off = self.len;
        self.file.write_all(&self.buf)?;
        self.len += self.buf.len() as u64;
        if self.sync_each {
            self.file.sync_data()?;
        }
        Ok(off)
    }

    pub fn sync(&mut self) -> io::Result<()> {
        self.file.sync_data()
    }
}

/// Sequential reader used by recovery and compaction.
pub(crate) struct SegmentReader {
    inner: BufReader<File>,
    pos: u64,
}

impl SegmentReader {
    pub fn open(dir: &Path, id: u32) -> io::Result<Self> {
        let f = File::open(seg_path(dir, id))?;
        Ok(SegmentReader { inner: BufReader::with_capacity(64 * 1024, f), pos: 0 })
    }

    /// Next record with its offset. A torn tail is reported as `Ok(None)` together with
    /// the offset where valid data ends via [`SegmentReader::valid_len`].
    pub fn next_record(&mut self) -> io::Result<Option<(u64, Record)>> {
        let off = self.pos;
        match Record::read_from(&mut self.inner) {
            Ok(Some(r)) => {
                self.pos += r.encoded_len() as u64;
                Ok(Some((off, r)))
            }
            Ok(None) => Ok(None),
            Err(e) if e.kind() == io::ErrorKind::InvalidData => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn valid_len(&self) -> u64 {
        self.pos
    }
}

/// Read the single record at `off`.
pub(crate) fn read_at(dir: &Path, id: u32, off: u64) -> io::Result<Record> {
    let mut f = File::open(seg_path(dir, id))?;
    f.seek(SeekFrom::Start(off))?;
    let mut r = (&mut f).take(u64::MAX);
    Record::read_from(&mut r)?.ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "record vanished"))
}

/// Truncate a segment whose tail is torn.
pub(crate) fn truncate(dir: &Path, id: u32, len: u64) -> io::Result<()> {
    let f = OpenOptions::new().write(true).open(seg_path(dir, id))?;
    f.set_len(len)?;
    f.sync_all()
}

/// fsync the directory so renames/unlinks are durable (no-op off unix).
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
