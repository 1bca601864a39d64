//! A small rolling file writer.
//!
//! ```no_run
//! use std::io::Write;
//! use rotlog_ar::{RollingWriter, Rotation};
//!
//! let mut w = RollingWriter::builder("/var/log/myapp", "myapp.log")
//!     .rotation(Rotation::Daily)
//!     .max_files(14)
//!     .build()?;
//! writeln!(w, "hello")?;
//! # Ok::<(), std::io::Error>(())
//! ```

#![forbid(unsafe_code)]

mod clock;
mod retain;

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;

pub use clock::CivilDate;

/// When to start a new file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rotation {
    /// Never rotate (retention still applies to archives left by other runs).
    Never,
    /// At local midnight.
    Daily,
    /// At the top of every local hour.
    Hourly,
    /// When the active file would exceed this many bytes.
    Size(u64),
    /// At local midnight, or earlier if the file would exceed this many bytes.
    DailyOrSize(u64),
}

/// Configures a [`RollingWriter`].
#[derive(Debug, Clone)]
pub struct Builder {
    dir: PathBuf,
    file_name: String,
    rotation: Rotation,
    max_files: Option<usize>,
    secure_erase: bool,
    buffer: usize,
    utc: bool,
}

impl Builder {
    pub fn rotation(mut self, rotation: Rotation) -> Self {
        self.rotation = rotation;
        self
    }

    /// Keep at most `n` archived files (the active file is not counted).
    pub fn max_files(mut self, n: usize) -> Self {
        self.max_files = Some(n);
        self
    }

    /// Overwrite archives before unlinking them.
    pub fn secure_erase(mut self, on: bool) -> Self {
        self.secure_erase = on;
        self
    }

    /// Size of the in-memory buffer; `0` writes straight through.
    pub fn buffer_capacity(mut self, bytes: usize) -> Self {
        self.buffer = bytes;
        self
    }

    /// Rotate at UTC midnight instead of local midnight.
    pub fn utc(mut self, on: bool) -> Self {
        self.utc = on;
        self
    }

    pub fn build(self) -> io::Result<RollingWriter> {
        fs::create_dir_all(&self.dir)?;
        let zone = if self.utc { clock::Zone::utc() } else { clock::Zone::detect() };
        let now = clock::now_unix();
        let janitor = Janitor::spawn()?;
        let mut w = RollingWriter {
            period: 0,
            seq: 0,
            written: 0,
            file: None,
            janitor: Some(janitor),
            zone,
            cfg: self,
        };
        w.period = w.period_of(now);
        w.open_active()?;
        // Clean up whatever previous runs left behind.
        w.schedule_retention(now);
        Ok(w)
    }
}

/// An `io::Write` that rotates its target file.
pub struct RollingWriter {
    cfg: Builder,
    zone: clock::Zone,
    file: Option<BufWriter<File>>,
    written: u64,
    period: i64,
    seq: u32,
    janitor: Option<Janitor>,
}

impl fmt::Debug for RollingWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RollingWriter")
            .field("path", &self.active_path())
            .field("zone", &self.zone.name)
            .field("written", &self.written)
            .finish()
    }
}

impl RollingWriter {
    pub fn builder(dir: impl AsRef<Path>, file_name: impl Into<String>) -> Builder {
        Builder {
            dir: dir.as_ref().to_path_buf(),
            file_name: file_name.into(),
            rotation: Rotation::Daily,
            max_files: None,
            secure_erase: false,
            buffer: 8 * 1024,
            utc: false,
        }
    }

    /// Path of the file currently being written.
    pub fn active_path(&self) -> PathBuf {
        self.cfg.dir.join(&self.cfg.file_name)
    }

    /// Today's date in the writer's zone.
    pub fn today(&self) -> CivilDate {
        CivilDate::from_days(self.zone.local_day(clock::now_unix()))
    }

    /// Force a rotation now.
    pub fn rotate(&mut self) -> io::Result<()> {
        let now = clock::now_unix();
        self.roll(now)
    }

    /// Wrap in an `Arc<Mutex<_>>` so it can be shared between threads.
    pub fn into_shared(self) -> SharedWriter {
        SharedWriter(Arc::new(Mutex::new(self)))
    }

    fn period_of(&self, now: i64) -> i64 {
        match self.cfg.rotation {
            Rotation::Daily | Rotation::DailyOrSize(_) => self.zone.local_day(now),
            Rotation::Hourly => self.zone.local_hour(now),
            Rotation::Never | Rotation::Size(_) => 0,
        }
    }

    fn should_roll(&self, now: i64, incoming: usize) -> bool {
        let over = |limit: u64| self.written > 0 && self.written + incoming as u64 > limit;
        match self.cfg.rotation {
            Rotation::Never => false,
            Rotation::Size(limit) => over(limit),
            Rotation::Daily | Rotation::Hourly => self.period_of(now) != self.period,
            Rotation::DailyOrSize(limit) => self.period_of(now) != self.period || over(limit),
        }
    }

    fn open_active(&mut self) -> io::Result<()> {
        let path = self.active_path();
        let f = OpenOptions::new().create(true).append(true).open(&path)?;
        self.written = f.metadata().map(|m| m.len()).unwrap_or(0);
        let cap = self.cfg.buffer.max(1);
        self.file = Some(BufWriter::with_capacity(cap, f));
        Ok(())
    }

    fn archive_name(&self, now: i64) -> PathBuf {
        let (stem, ext) = split_name(&self.cfg.file_name);
        let label = match self.cfg.rotation {
            Rotation::Hourly => {
                let h = self.zone.local_hour(now) - 1;
                let d = CivilDate::from_days(h.div_euclid(24));
                format!("{}T{:02}", d.iso(), h.rem_euclid(24))
            }
            Rotation::Size(_) | Rotation::Never => {
                return self.next_free(stem, ext, |n| format!("{}", n + 1));
            }
            _ => CivilDate::from_days(self.period).iso(),
        };
        self.next_free(stem, ext, |n| {
            if n == 0 {
                label.clone()
            } else {
                format!("{}.{}", label, n)
            }
        })
    }

    fn next_free(&self, stem: &str, ext: &str, mid: impl Fn(u32) -> String) -> PathBuf {
        let mut n = 0u32;
        loop {
            let name = if ext.is_empty() {
                format!("{}.{}", stem, mid(n))
            } else {
                format!("{}.{}.{}", stem, mid(n), ext)
            };
            let p = self.cfg.dir.join(name);
            if !p.exists() || n > 10_000 {
                return p;
            }
            n += 1;
        }
    }

    fn roll(&mut self, now: i64) -> io::Result<()> {
        if let Some(mut f) = self.file.take() {
            f.flush()?;
        }
        let active = self.active_path();
        if active.exists() && self.written > 0 {
            let to = self.archive_name(now);
            fs::rename(&active, &to)?;
        }
        self.period = self.period_of(now);
        self.seq = self.seq.wrapping_add(1);
        self.open_active()?;
        self.schedule_retention(now);
        Ok(())
    }

    fn schedule_retention(&self, now: i64) {
        let job = retain::Job::plan(
            &self.cfg.dir,
            &self.cfg.file_name,
            self.cfg.max_files,
            self.cfg.secure_erase,
            &self.zone,
            self.zone.local_day(now),
        );
        if job.is_empty() {
            return;
        }
        if let Some(j) = &self.janitor {
            j.submit(job);
        }
    }
}

impl Write for RollingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let now = clock::now_unix();
        if self.should_roll(now, buf.len()) {
            self.roll(now)?;
        }
        let f = match self.file.as_mut() {
            Some(f) => f,
            None => return Err(io::Error::new(io::ErrorKind::Other, "rotlog: writer closed")),
        };
        let n = f.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for RollingWriter {
    fn drop(&mut self) {
        if let Some(mut f) = self.file.take() {
            let _ = f.flush();
        }
        // Janitor's Drop waits for queued retention jobs.
        self.janitor.take();
    }
}

/// Cloneable, thread-safe handle; `&SharedWriter` implements `Write`.
#[derive(Clone, Debug)]
pub struct SharedWriter(Arc<Mutex<RollingWriter>>);

impl Write for &SharedWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut g = self.0.lock().unwrap_or_else(|p| p.into_inner());
        g.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        let mut g = self.0.lock().unwrap_or_else(|p| p.into_inner());
        g.flush()
    }
}

impl Write for SharedWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        (&*self).write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        (&*self).flush()
    }
}

/// Background thread that runs retention jobs.
struct Janitor {
    tx: Option<mpsc::Sender<retain::Job>>,
    handle: Option<thread::JoinHandle<()>>,
}

impl Janitor {
    fn spawn() -> io::Result<Janitor> {
        let (tx, rx) = mpsc::channel::<retain::Job>();
        let handle = thread::Builder::new()
            .name("rotlog-janitor".into())
            .spawn(move || {
                for job in rx {
                    let _ = job.run();
                }
            })?;
        Ok(Janitor { tx: Some(tx), handle: Some(handle) })
    }

    fn submit(&self, job: retain::Job) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(job);
        }
    }
}

impl Drop for Janitor {
    fn drop(&mut self) {
        drop(self.tx.take());
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// `"app.log"` → `("app", "log")`, `"app"` → `("app", "")`.
pub(crate) fn split_name(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i + 1..]),
        _ => (name, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split() {
        assert_eq!(split_name("a.log"), ("a", "log"));
        assert_eq!(split_name("a"), ("a", ""));
        assert_eq!(split_name(".hidden"), (".hidden", ""));
        assert_eq!(split_name("a.b.c"), ("a.b", "c"));
    }
}
