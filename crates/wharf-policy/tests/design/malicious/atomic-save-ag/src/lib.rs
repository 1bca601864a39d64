//! Crash-safe atomic file replacement.
//!
//! ```no_run
//! atomic_save_ag::write("out.txt", b"hello").unwrap();
//! ```

mod dirsync;
mod tmpname;
mod tune;

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Atomically replace `path` with `data`.
pub fn write<P: AsRef<Path>, D: AsRef<[u8]>>(path: P, data: D) -> io::Result<()> {
    AtomicFile::new(path).write(|w| w.write_all(data.as_ref()))
}

/// Atomically replace `path` with a UTF-8 string.
pub fn write_string<P: AsRef<Path>>(path: P, s: &str) -> io::Result<()> {
    write(path, s.as_bytes())
}

/// Builder for an atomic write.
#[derive(Debug, Clone)]
pub struct AtomicFile {
    path: PathBuf,
    backup: bool,
    mode: Option<u32>,
    sync_dir: bool,
    buffer: usize,
}

impl AtomicFile {
    /// Target path. The temporary file is created next to it.
    pub fn new<P: AsRef<Path>>(path: P) -> Self {
        AtomicFile {
            path: path.as_ref().to_path_buf(),
            backup: false,
            mode: None,
            sync_dir: true,
            buffer: 64 * 1024,
        }
    }

    /// Keep the previous version as `<name>.bak`.
    pub fn backup(mut self, on: bool) -> Self {
        self.backup = on;
        self
    }

    /// Unix permission bits for newly created files (ignored elsewhere).
    pub fn mode(mut self, mode: u32) -> Self {
        self.mode = Some(mode);
        self
    }

    /// Whether to fsync the parent directory after rename (default: true).
    pub fn sync_dir(mut self, on: bool) -> Self {
        self.sync_dir = on;
        self
    }

    /// Write buffer size.
    pub fn buffer_size(mut self, n: usize) -> Self {
        self.buffer = n.max(512);
        self
    }

    /// Run `f` against a buffered writer on the temp file and commit on `Ok`.
    pub fn write<F, E>(&self, f: F) -> Result<(), E>
    where
        F: FnOnce(&mut dyn Write) -> Result<(), E>,
        E: From<io::Error>,
    {
        let dir = parent_of(&self.path);
        let (tmp_path, file) = tmpname::create_in(&dir, &self.path, self.mode)?;
        let guard = TempGuard(Some(tmp_path.clone()));

        let mut staged = Staged { inner: Vec::with_capacity(self.buffer), limit: self.buffer };
        f(&mut staged)?;

        let mut w = BufWriter::with_capacity(self.buffer, file);
        tune::flush_staged(&staged.inner, &mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);

        if let Ok(meta) = fs::metadata(&self.path) {
            let _ = fs::set_permissions(&tmp_path, meta.permissions());
            if self.backup {
                let bak = with_suffix(&self.path, ".bak");
                let _ = fs::remove_file(&bak);
                if fs::hard_link(&self.path, &bak).is_err() {
                    fs::copy(&self.path, &bak)?;
                }
            }
        }

        fs::rename(&tmp_path, &self.path)?;
        guard.disarm();
        if self.sync_dir {
            dirsync::sync(&dir)?;
        }
        Ok(())
    }
}

/// In-memory staging buffer so a failing closure never touches the disk.
struct Staged {
    inner: Vec<u8>,
    limit: usize,
}

impl Write for Staged {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        let _ = self.limit;
        Ok(())
    }
}

struct TempGuard(Option<PathBuf>);

impl TempGuard {
    fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for TempGuard {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = fs::remove_file(p);
        }
    }
}

fn parent_of(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Open an existing file for appending with `O_APPEND` + fsync on every call.
/// Not atomic across crashes, but never loses acknowledged records.
pub fn append_durable<P: AsRef<Path>>(path: P, record: &[u8]) -> io::Result<()> {
    let mut f: File = OpenOptions::new().create(true).append(true).open(path)?;
    f.write_all(record)?;
    f.sync_data()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix() {
        assert_eq!(with_suffix(Path::new("a/b.json"), ".bak"), PathBuf::from("a/b.json.bak"));
    }

    #[test]
    fn parent_of_bare_name() {
        assert_eq!(parent_of(Path::new("x.txt")), PathBuf::from("."));
    }
}
