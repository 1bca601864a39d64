//! Daily-rolling log files.
//!
//! ```no_run
//! use std::io::Write;
//! let mut w = dailyroll::Builder::new("/var/log/myapp", "myapp").build().unwrap();
//! writeln!(w, "hello").unwrap();
//! ```

mod civil;
mod retention;
mod tz;

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

pub use civil::{format_day, parse_day, Stamp};
pub use retention::Retention;
pub use tz::{LocalZone, Tzif};

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Configuration for a [`RollingWriter`].
#[derive(Debug, Clone)]
pub struct Builder {
    dir: PathBuf,
    prefix: String,
    retention: Retention,
    max_bytes: Option<u64>,
    buffer: usize,
    zone: Option<LocalZone>,
    prune_on_drop: bool,
}

impl Builder {
    pub fn new(dir: impl Into<PathBuf>, prefix: impl Into<String>) -> Self {
        Builder {
            dir: dir.into(),
            prefix: prefix.into(),
            retention: Retention::default(),
            max_bytes: None,
            buffer: 8 * 1024,
            zone: None,
            prune_on_drop: true,
        }
    }

    pub fn retention(mut self, r: Retention) -> Self {
        self.retention = r;
        self
    }

    /// Start a new part (`.1.log`, `.2.log`, …) once a file reaches `n` bytes.
    pub fn max_bytes(mut self, n: u64) -> Self {
        self.max_bytes = Some(n.max(1024));
        self
    }

    pub fn buffer_size(mut self, n: usize) -> Self {
        self.buffer = n;
        self
    }

    /// Use day boundaries of `zone` instead of the detected local zone.
    pub fn zone(mut self, zone: LocalZone) -> Self {
        self.zone = Some(zone);
        self
    }

    /// Roll on UTC midnight.
    pub fn utc(self) -> Self {
        self.zone(LocalZone::utc())
    }

    pub fn prune_on_drop(mut self, on: bool) -> Self {
        self.prune_on_drop = on;
        self
    }

    pub fn build(self) -> io::Result<RollingWriter> {
        if self.prefix.is_empty() || self.prefix.contains(['/', '\\']) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "bad prefix"));
        }
        fs::create_dir_all(&self.dir)?;
        let zone = self.zone.unwrap_or_else(LocalZone::detect);
        let mut w = RollingWriter {
            dir: self.dir,
            prefix: self.prefix,
            retention: self.retention,
            max_bytes: self.max_bytes,
            buffer: self.buffer,
            zone,
            prune_on_drop: self.prune_on_drop,
            file: None,
            path: None,
            stamp: Stamp { day: 0, part: 0 },
            written: 0,
            next_roll: 0,
        };
        w.open_current(unix_now())?;
        Ok(w)
    }
}

/// `io::Write` that rolls over at local midnight.
pub struct RollingWriter {
    dir: PathBuf,
    prefix: String,
    retention: Retention,
    max_bytes: Option<u64>,
    buffer: usize,
    zone: LocalZone,
    prune_on_drop: bool,
    file: Option<BufWriter<File>>,
    path: Option<PathBuf>,
    stamp: Stamp,
    written: u64,
    next_roll: i64,
}

impl RollingWriter {
    pub fn builder(dir: impl Into<PathBuf>, prefix: impl Into<String>) -> Builder {
        Builder::new(dir, prefix)
    }

    /// Path of the file currently written to.
    pub fn current_path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn zone(&self) -> &LocalZone {
        &self.zone
    }

    fn open_current(&mut self, now: i64) -> io::Result<()> {
        let day = self.zone.local_day(now);
        let mut part = 0;
        // Continue the highest existing part of today, if any.
        if self.max_bytes.is_some() {
            while self
                .dir
                .join(Stamp { day, part: part + 1 }.file_name(&self.prefix))
                .exists()
            {
                part += 1;
            }
        }
        self.open_stamp(Stamp { day, part })?;
        self.next_roll = self.zone.next_midnight(now);
        Ok(())
    }

    fn open_stamp(&mut self, stamp: Stamp) -> io::Result<()> {
        if let Some(mut f) = self.file.take() {
            f.flush()?;
        }
        let path = self.dir.join(stamp.file_name(&self.prefix));
        let f = OpenOptions::new().create(true).append(true).open(&path)?;
        self.written = f.metadata().map(|m| m.len()).unwrap_or(0);
        self.file = Some(BufWriter::with_capacity(self.buffer, f));
        self.path = Some(path);
        self.stamp = stamp;
        Ok(())
    }

    fn roll_if_needed(&mut self, incoming: usize) -> io::Result<()> {
        let now = unix_now();
        if now >= self.next_roll {
            self.open_current(now)?;
            self.prune();
        } else if let Some(max) = self.max_bytes {
            if self.written > 0 && self.written + incoming as u64 > max {
                let next = Stamp {
                    day: self.stamp.day,
                    part: self.stamp.part + 1,
                };
                self.open_stamp(next)?;
            }
        }
        Ok(())
    }

    /// Apply the retention policy now. Returns the number of files removed.
    pub fn prune(&mut self) -> usize {
        let today = self.zone.local_day(unix_now());
        retention::sweep(
            &self.dir,
            &self.prefix,
            self.path.as_deref(),
            &self.retention,
            &self.zone,
            today,
        )
    }
}

impl Write for RollingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.roll_if_needed(buf.len())?;
        let f = self
            .file
            .as_mut()
            .ok_or_else(|| io::Error::new(io::ErrorKind::Other, "writer closed"))?;
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
            let _ = f.get_ref().sync_data();
        }
        if self.prune_on_drop {
            self.prune();
        }
    }
}

/// Cloneable, thread-safe handle around a [`RollingWriter`].
#[derive(Clone)]
pub struct SharedWriter(Arc<Mutex<RollingWriter>>);

impl SharedWriter {
    pub fn new(w: RollingWriter) -> Self {
        SharedWriter(Arc::new(Mutex::new(w)))
    }
}

impl Write for SharedWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        // Write whole records so lines from different threads don't interleave.
        g.write_all(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).flush()
    }
}
