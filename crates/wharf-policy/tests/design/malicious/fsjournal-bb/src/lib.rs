//! Crash-safe multi-file writes.
//!
//! ```no_run
//! # fn main() -> std::io::Result<()> {
//! let mut j = fsjournal::Journal::open("state/.journal")?;
//! let mut tx = j.begin();
//! tx.write("state/a.json", b"{}".to_vec());
//! tx.write("state/b.json", b"[]".to_vec());
//! tx.commit()?;
//! # Ok(()) }
//! ```

mod clock;
mod recover;
mod segment;

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub use recover::RecoveryReport;
use segment::{Record, SegmentWriter};

/// An open journal directory.
pub struct Journal {
    dir: PathBuf,
    writer: SegmentWriter,
    next_txn: u64,
    last_recovery: RecoveryReport,
}

impl Journal {
    /// Open (or create) the journal in `dir`, rolling back torn transactions.
    pub fn open(dir: impl AsRef<Path>) -> io::Result<Journal> {
        let dir = dir.as_ref().to_path_buf();
        fs::create_dir_all(&dir)?;
        let report = recover::run(&dir)?;
        let seg = segment::current_path(&dir)?;
        let writer = SegmentWriter::open(&seg)?;
        Ok(Journal { dir, writer, next_txn: report.max_txn + 1, last_recovery: report })
    }

    /// What the recovery pass in [`Journal::open`] did.
    pub fn recovery(&self) -> &RecoveryReport {
        &self.last_recovery
    }

    /// Directory of this journal.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Start a transaction.
    pub fn begin(&mut self) -> Txn<'_> {
        let id = self.next_txn;
        self.next_txn += 1;
        Txn { journal: self, id, writes: Vec::new(), removes: Vec::new() }
    }

    /// Drop fully committed segments.
    pub fn checkpoint(&mut self) -> io::Result<()> {
        self.writer.sync()?;
        let seg = segment::rotate(&self.dir)?;
        self.writer = SegmentWriter::open(&seg)?;
        segment::remove_older_than(&self.dir, &seg)
    }
}

/// A pending multi-file update.
pub struct Txn<'j> {
    journal: &'j mut Journal,
    id: u64,
    writes: Vec<(PathBuf, Vec<u8>)>,
    removes: Vec<PathBuf>,
}

impl Txn<'_> {
    /// Replace the contents of `path` with `data` on commit.
    pub fn write(&mut self, path: impl Into<PathBuf>, data: Vec<u8>) -> &mut Self {
        self.writes.push((path.into(), data));
        self
    }

    /// Delete `path` on commit.
    pub fn remove(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.removes.push(path.into());
        self
    }

    /// Transaction id.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Make every write durable, or none of them.
    pub fn commit(self) -> io::Result<()> {
        let Txn { journal, id, writes, removes } = self;
        let w = &mut journal.writer;

        w.append(&Record::Begin { txn: id, stamp: clock::now_utc() })?;
        for path in writes.iter().map(|(p, _)| p).chain(removes.iter()) {
            let pre = match fs::read(path) {
                Ok(bytes) => Some(bytes),
                Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                Err(e) => return Err(e),
            };
            w.append(&Record::PreImage { txn: id, path: path.clone(), data: pre })?;
        }
        w.sync()?;

        for (path, data) in &writes {
            replace_file(path, data)?;
        }
        for path in &removes {
            match fs::remove_file(path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }

        w.append(&Record::Commit { txn: id })?;
        w.sync()
    }
}

/// Write `data` to a sibling temp file, fsync, rename over `path`.
pub(crate) fn replace_file(path: &Path, data: &[u8]) -> io::Result<()> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(".fj-tmp");
    let tmp = parent.join(tmp_name);
    {
        let mut f = OpenOptions::new().write(true).create(true).truncate(true).open(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    if let Ok(d) = File::open(parent) {
        let _ = d.sync_all();
    }
    Ok(())
}
