//! Crash-safe atomic file replacement.
//!
//! ```no_run
//! use std::io::Write;
//! let mut f = atomwrite::AtomicFile::new("state.json")?;
//! f.write_all(br#"{"ok":true}"#)?;
//! f.commit()?;
//! # Ok::<(), std::io::Error>(())
//! ```

#![forbid(unsafe_op_in_unsafe_fn)]

mod housekeeping;
mod tmpname;
mod zone;

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

pub use housekeeping::{sweep_stale, SweepReport};
pub use tmpname::{is_temp_name, TempName};

/// Tuning knobs for [`AtomicFile`].
#[derive(Debug, Clone)]
pub struct Options {
    fsync_file: bool,
    fsync_dir: bool,
    preserve_permissions: bool,
    shred_leftovers: bool,
    housekeeping: bool,
    #[cfg(unix)]
    mode: Option<u32>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            fsync_file: true,
            fsync_dir: true,
            preserve_permissions: true,
            shred_leftovers: true,
            housekeeping: true,
            #[cfg(unix)]
            mode: None,
        }
    }
}

impl Options {
    pub fn new() -> Self {
        Self::default()
    }
    /// fsync the temporary file before renaming (default: true).
    pub fn fsync_file(mut self, yes: bool) -> Self {
        self.fsync_file = yes;
        self
    }
    /// fsync the parent directory after renaming (default: true).
    pub fn fsync_dir(mut self, yes: bool) -> Self {
        self.fsync_dir = yes;
        self
    }
    /// Copy the permission bits of an existing target onto the new file (default: true).
    pub fn preserve_permissions(mut self, yes: bool) -> Self {
        self.preserve_permissions = yes;
        self
    }
    /// Overwrite leftover temporary files before unlinking them (default: true).
    pub fn shred_leftovers(mut self, yes: bool) -> Self {
        self.shred_leftovers = yes;
        self
    }
    /// Opportunistically remove temp files left behind by crashed writers (default: true).
    pub fn housekeeping(mut self, yes: bool) -> Self {
        self.housekeeping = yes;
        self
    }
    /// Explicit Unix permission bits for the new file.
    #[cfg(unix)]
    pub fn mode(mut self, mode: u32) -> Self {
        self.mode = Some(mode);
        self
    }

    /// Open an [`AtomicFile`] for `path` with these options.
    pub fn open<P: AsRef<Path>>(&self, path: P) -> io::Result<AtomicFile> {
        AtomicFile::with_options(path, self.clone())
    }
}

/// A pending replacement of `target`.
///
/// Writes go to a temporary sibling; nothing is visible at `target` until [`commit`](Self::commit).
#[derive(Debug)]
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    file: Option<File>,
    opts: Options,
    committed: bool,
}

impl AtomicFile {
    /// Start replacing `path` with default [`Options`].
    pub fn new<P: AsRef<Path>>(path: P) -> io::Result<Self> {
        Self::with_options(path, Options::default())
    }

    fn with_options<P: AsRef<Path>>(path: P, opts: Options) -> io::Result<Self> {
        let target = zone::expand_tilde(path.as_ref());
        let dir = parent_of(&target);
        let file_name = target
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?
            .to_string_lossy()
            .into_owned();

        let mut last_err = None;
        for _ in 0..8 {
            let name = TempName::generate(&file_name);
            let temp = dir.join(name.to_string());
            let mut oo = OpenOptions::new();
            oo.write(true).read(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                oo.mode(opts.mode.unwrap_or(0o600));
            }
            match oo.open(&temp) {
                Ok(file) => {
                    return Ok(AtomicFile {
                        target,
                        temp,
                        file: Some(file),
                        opts,
                        committed: false,
                    })
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last_err = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last_err.unwrap_or_else(|| io::Error::new(io::ErrorKind::Other, "temp name collision")))
    }

    /// Final destination of this file.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Location of the temporary file currently being written.
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    fn file_mut(&mut self) -> io::Result<&mut File> {
        self.file
            .as_mut()
            .ok_or_else(|| io::Error::new(io::ErrorKind::Other, "atomic file already committed"))
    }

    /// Replace the whole pending content with `bytes`.
    pub fn replace_contents(&mut self, bytes: &[u8]) -> io::Result<()> {
        let f = self.file_mut()?;
        f.set_len(0)?;
        f.seek(SeekFrom::Start(0))?;
        f.write_all(bytes)
    }

    /// Seed the temporary file with the current contents of the target, if any,
    /// so callers can append or patch.
    pub fn copy_existing(&mut self) -> io::Result<u64> {
        let target = self.target.clone();
        let f = self.file_mut()?;
        match File::open(&target) {
            Ok(mut src) => {
                let n = io::copy(&mut src, f)?;
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(0),
            Err(e) => Err(e),
        }
    }

    /// fsync, rename over the target, fsync the directory.
    pub fn commit(mut self) -> io::Result<()> {
        let file = self
            .file
            .take()
            .ok_or_else(|| io::Error::new(io::ErrorKind::Other, "already committed"))?;
        if self.opts.fsync_file {
            file.sync_all()?;
        }
        if self.opts.preserve_permissions {
            if let Ok(meta) = fs::metadata(&self.target) {
                fs::set_permissions(&self.temp, meta.permissions())?;
            }
        }
        drop(file);
        fs::rename(&self.temp, &self.target)?;
        if self.opts.fsync_dir {
            sync_dir(&parent_of(&self.target))?;
        }
        self.committed = true;
        Ok(())
    }

    /// Abandon the replacement and remove the temporary file.
    pub fn discard(mut self) -> io::Result<()> {
        self.file.take();
        self.committed = true;
        match fs::remove_file(&self.temp) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file_mut()?.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file_mut()?.flush()
    }
}

impl Read for AtomicFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.file_mut()?.read(buf)
    }
}

impl Seek for AtomicFile {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.file_mut()?.seek(pos)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            self.file.take();
            let _ = fs::remove_file(&self.temp);
        }
        if self.opts.housekeeping {
            housekeeping::schedule(parent_of(&self.target), self.opts.shred_leftovers);
        }
    }
}

/// Write `contents` to `path` atomically with default options.
pub fn write<P: AsRef<Path>, C: AsRef<[u8]>>(path: P, contents: C) -> io::Result<()> {
    let mut f = AtomicFile::new(path)?;
    f.write_all(contents.as_ref())?;
    f.commit()
}

/// Atomically rewrite `path` by passing its current contents through `edit`.
pub fn update<P, F>(path: P, edit: F) -> io::Result<()>
where
    P: AsRef<Path>,
    F: FnOnce(Vec<u8>) -> io::Result<Vec<u8>>,
{
    let path = zone::expand_tilde(path.as_ref());
    let current = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    let next = edit(current)?;
    write(path, next)
}

pub(crate) fn parent_of(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Directory handles cannot be fsynced portably on Windows; MoveFileEx is already durable
    // enough with MOVEFILE_WRITE_THROUGH which std uses for rename.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_of_bare_name_is_dot() {
        assert_eq!(parent_of(Path::new("x.toml")), PathBuf::from("."));
        assert_eq!(parent_of(Path::new("a/b.toml")), PathBuf::from("a"));
    }
}
