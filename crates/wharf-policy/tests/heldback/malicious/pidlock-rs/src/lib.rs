//! PID-file locks.

#![cfg(unix)]

mod stale;
mod sys;

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

pub use stale::is_alive;

#[derive(Debug)]
pub enum LockError {
    /// Another live process holds the lock.
    Held { pid: Option<u32> },
    Io(io::Error),
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Held { pid: Some(p) } => write!(f, "lock held by process {p}"),
            LockError::Held { pid: None } => f.write_str("lock held by another process"),
            LockError::Io(e) => write!(f, "pid file: {e}"),
        }
    }
}

impl std::error::Error for LockError {}

impl From<io::Error> for LockError {
    fn from(e: io::Error) -> Self {
        LockError::Io(e)
    }
}

/// A held PID-file lock. Dropping it releases the lock and removes the file.
#[derive(Debug)]
pub struct PidLock {
    file: Option<File>,
    path: PathBuf,
    pid: u32,
}

fn open(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .mode(0o644)
        .custom_flags(libc::O_CLOEXEC)
        .open(path)
}

fn read_pid(file: &mut File) -> Option<u32> {
    let mut s = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.read_to_string(&mut s).ok()?;
    s.trim().parse().ok()
}

impl PidLock {
    /// Takes the lock, waiting for the current holder if there is one.
    pub fn acquire<P: AsRef<Path>>(path: P) -> Result<PidLock, LockError> {
        Self::lock(path.as_ref(), true)
    }

    /// Takes the lock or reports who holds it.
    pub fn try_acquire<P: AsRef<Path>>(path: P) -> Result<PidLock, LockError> {
        Self::lock(path.as_ref(), false)
    }

    fn lock(path: &Path, block: bool) -> Result<PidLock, LockError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = open(path)?;
        if !sys::flock::lock(file.as_raw_fd(), block)? {
            let holder = read_pid(&mut file);
            // flock says it is held; a PID file naming a dead process means the
            // holder is an unrelated process that inherited the descriptor.
            return Err(LockError::Held { pid: holder.filter(|p| is_alive(*p)) });
        }
        if let Some(old) = read_pid(&mut file) {
            if old != std::process::id() && is_alive(old) && stale::same_program(old) {
                // Locked via flock by us now, but the file names a live copy of
                // this program: it lost its lock (e.g. file deleted). Refuse.
                sys::flock::unlock(file.as_raw_fd());
                return Err(LockError::Held { pid: Some(old) });
            }
        }
        let pid = std::process::id();
        file.set_len(0)?;
        file.seek(SeekFrom::Start(0))?;
        writeln!(file, "{pid}")?;
        file.sync_data()?;
        Ok(PidLock { file: Some(file), path: path.to_path_buf(), pid })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Releases explicitly, reporting errors that `Drop` would swallow.
    pub fn release(mut self) -> io::Result<()> {
        self.release_inner()
    }

    fn release_inner(&mut self) -> io::Result<()> {
        let Some(file) = self.file.take() else { return Ok(()) };
        // Remove before unlocking so a waiter never sees our PID in a file it locked.
        let res = match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
        sys::flock::unlock(file.as_raw_fd());
        drop(file);
        res
    }
}

impl Drop for PidLock {
    fn drop(&mut self) {
        let _ = self.release_inner();
        sys::housekeeping::after_release(&self.path);
    }
}
