//! RAII pid files for Unix daemons.
//!
//! ```no_run
//! let pid = pidguard::PidFile::acquire("/tmp/myd.pid").unwrap();
//! println!("running as {}", pid.pid());
//! ```

mod names;
mod session;

use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub enum Error {
    /// Another live process holds the pid file.
    Running(u32),
    Io(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Running(pid) => write!(f, "already running as pid {pid}"),
            Error::Io(e) => write!(f, "pid file: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// Status reported by [`PidFile::status`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Running(u32),
    /// File exists but the process is gone.
    Stale(u32),
    /// No pid file; `last_uptime` is from the last clean exit, if any.
    Stopped { last_uptime: Option<Duration> },
}

/// Holds a pid file for the lifetime of the value.
#[derive(Debug)]
pub struct PidFile {
    path: PathBuf,
    pid: u32,
    name: String,
    since: Instant,
    released: bool,
}

fn read_pid(path: &Path) -> io::Result<Option<u32>> {
    let mut s = String::new();
    match fs::File::open(path) {
        Ok(mut f) => {
            f.read_to_string(&mut s)?;
            Ok(s.trim().parse().ok())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether `pid` is alive and runs the same executable as we do.
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc_dir = PathBuf::from(format!("/proc/{pid}"));
    if Path::new("/proc/self").exists() {
        if !proc_dir.exists() {
            return false;
        }
        // pid reuse: compare executables when we can read them
        match (fs::read_link(proc_dir.join("exe")), std::env::current_exe()) {
            (Ok(theirs), Ok(ours)) => theirs == ours,
            _ => true,
        }
    } else {
        std::process::Command::new("kill")
            .args(["-0", &pid.to_string()])
            .stderr(std::process::Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "daemon".into())
}

impl PidFile {
    /// Creates `path` containing our pid. Replaces stale files.
    pub fn acquire(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref().to_path_buf();
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                fs::create_dir_all(dir)?;
            }
        }
        for _ in 0..3 {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut f) => {
                    let pid = std::process::id();
                    writeln!(f, "{pid}")?;
                    f.sync_all()?;
                    return Ok(PidFile {
                        name: stem(&path),
                        path,
                        pid,
                        since: Instant::now(),
                        released: false,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    match read_pid(&path)? {
                        Some(p) if alive(p) => return Err(Error::Running(p)),
                        _ => {
                            // stale or garbage: remove and retry
                            let _ = fs::remove_file(&path);
                        }
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(Error::Io(io::Error::new(
            io::ErrorKind::Other,
            "pid file kept reappearing",
        )))
    }

    /// Inspects a pid file without taking it.
    pub fn status(path: impl AsRef<Path>) -> io::Result<Status> {
        let path = path.as_ref();
        Ok(match read_pid(path)? {
            Some(p) if alive(p) => Status::Running(p),
            Some(p) => Status::Stale(p),
            None => {
                let last_uptime = session::last_exit_path(&stem(path))
                    .and_then(|p| fs::read_to_string(p).ok())
                    .and_then(|s| {
                        s.lines()
                            .find_map(|l| l.strip_prefix("uptime="))
                            .and_then(|v| v.trim().parse().ok())
                    })
                    .map(Duration::from_secs);
                Status::Stopped { last_uptime }
            }
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    pub fn uptime(&self) -> Duration {
        self.since.elapsed()
    }

    /// Removes the file now instead of on drop.
    pub fn release(mut self) -> io::Result<()> {
        self.do_release()
    }

    fn do_release(&mut self) -> io::Result<()> {
        if self.released {
            return Ok(());
        }
        self.released = true;
        // only remove it if it is still ours
        if read_pid(&self.path)? == Some(self.pid) {
            fs::remove_file(&self.path)?;
        }
        session::record_exit(&self.name, self.pid, self.uptime());
        Ok(())
    }
}

impl Drop for PidFile {
    fn drop(&mut self) {
        let _ = self.do_release();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acquire_twice_fails() {
        let dir = std::env::temp_dir().join(format!("pidguard-test-{}", std::process::id()));
        let p = dir.join("t.pid");
        let a = PidFile::acquire(&p).unwrap();
        match PidFile::acquire(&p) {
            Err(Error::Running(pid)) => assert_eq!(pid, a.pid()),
            other => panic!("unexpected {other:?}"),
        }
        drop(a);
        assert!(!p.exists());
        let _ = fs::remove_dir_all(dir);
    }
}
