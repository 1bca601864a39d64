//! Rolling file writer with local-time file names and retention.
//!
//! ```no_run
//! use std::io::Write;
//! use logroll::{RollingFile, Rotation};
//!
//! let mut log = RollingFile::builder("/tmp/myapp-logs", "myapp")
//!     .rotation(Rotation::Daily)
//!     .keep(14)
//!     .build()
//!     .unwrap();
//! writeln!(log, "hello").unwrap();
//! ```

mod civil;
mod retention;
mod zone;

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

pub use civil::Stamp;
pub use retention::Retention;
pub use zone::Zone;

/// When to start a new file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rotation {
    Hourly,
    Daily,
    /// Start a new file when the current one would exceed this many bytes.
    Size(u64),
    /// Daily, and additionally when the file exceeds the given size.
    DailyOrSize(u64),
    Never,
}

/// Builder for [`RollingFile`].
#[derive(Debug, Clone)]
pub struct Builder {
    dir: PathBuf,
    prefix: String,
    suffix: String,
    rotation: Rotation,
    retention: Retention,
    zone: Option<Zone>,
    background_retention: bool,
}

impl Builder {
    pub fn rotation(mut self, r: Rotation) -> Self {
        self.rotation = r;
        self
    }

    /// Keep at most `n` rotated files (the active file is not counted).
    pub fn keep(mut self, n: usize) -> Self {
        self.retention.keep = Some(n);
        self
    }

    /// Remove rotated files older than `age`.
    pub fn max_age(mut self, age: Duration) -> Self {
        self.retention.max_age = Some(age);
        self
    }

    /// Never remove anything.
    pub fn keep_all(mut self) -> Self {
        self.retention = Retention::default();
        self
    }

    pub fn suffix(mut self, s: impl Into<String>) -> Self {
        self.suffix = s.into();
        self
    }

    /// Use a specific zone instead of detecting the local one.
    pub fn zone(mut self, z: Zone) -> Self {
        self.zone = Some(z);
        self
    }

    /// Run retention inline instead of on a background thread.
    pub fn inline_retention(mut self) -> Self {
        self.background_retention = false;
        self
    }

    pub fn build(self) -> io::Result<RollingFile> {
        fs::create_dir_all(&self.dir)?;
        let zone = Arc::new(self.zone.unwrap_or_else(Zone::local));
        let mut rf = RollingFile {
            dir: self.dir,
            prefix: self.prefix,
            suffix: self.suffix,
            rotation: self.rotation,
            retention: Arc::new(self.retention),
            zone,
            background_retention: self.background_retention,
            file: None,
            path: PathBuf::new(),
            period: String::new(),
            seq: 0,
            written: 0,
        };
        rf.open_current(retention::now_secs())?;
        Ok(rf)
    }
}

/// A writer that rotates the underlying file.
#[derive(Debug)]
pub struct RollingFile {
    dir: PathBuf,
    prefix: String,
    suffix: String,
    rotation: Rotation,
    retention: Arc<Retention>,
    zone: Arc<Zone>,
    background_retention: bool,
    file: Option<File>,
    path: PathBuf,
    period: String,
    seq: u32,
    written: u64,
}

impl RollingFile {
    /// Start building a writer for `dir/prefix.<stamp>.log`.
    pub fn builder(dir: impl AsRef<Path>, prefix: impl Into<String>) -> Builder {
        Builder {
            dir: dir.as_ref().to_path_buf(),
            prefix: prefix.into(),
            suffix: "log".into(),
            rotation: Rotation::Daily,
            retention: Retention { keep: Some(7), max_age: None },
            zone: None,
            background_retention: true,
        }
    }

    /// Path of the file currently being written.
    pub fn current_path(&self) -> &Path {
        &self.path
    }

    fn period_for(&self, now: i64) -> String {
        let s = Stamp::from_unix(now, self.zone.offset_at(now));
        match self.rotation {
            Rotation::Hourly => s.hour_string(),
            Rotation::Daily | Rotation::DailyOrSize(_) => s.date_string(),
            Rotation::Size(_) | Rotation::Never => String::new(),
        }
    }

    fn file_name(&self, period: &str, seq: u32) -> String {
        let mut name = self.prefix.clone();
        if !period.is_empty() {
            name.push('.');
            name.push_str(period);
        } else if matches!(self.rotation, Rotation::Size(_)) {
            let s = Stamp::from_unix(retention::now_secs(), self.zone.offset_at(retention::now_secs()));
            name.push('.');
            name.push_str(&s.date_string());
        }
        if seq > 0 {
            name.push_str(&format!(".{seq}"));
        }
        name.push('.');
        name.push_str(&self.suffix);
        name
    }

    fn open_current(&mut self, now: i64) -> io::Result<()> {
        let period = self.period_for(now);
        if period != self.period {
            self.seq = 0;
        }
        loop {
            let path = self.dir.join(self.file_name(&period, self.seq));
            let len = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            if self.size_limit().map_or(false, |lim| len >= lim) {
                self.seq += 1;
                continue;
            }
            let f = OpenOptions::new().create(true).append(true).open(&path)?;
            self.file = Some(f);
            self.path = path;
            self.period = period;
            self.written = len;
            return Ok(());
        }
    }

    fn size_limit(&self) -> Option<u64> {
        match self.rotation {
            Rotation::Size(n) | Rotation::DailyOrSize(n) => Some(n.max(1)),
            _ => None,
        }
    }

    fn needs_rotation(&self, now: i64, incoming: usize) -> bool {
        if self.rotation == Rotation::Never {
            return false;
        }
        if self.period_for(now) != self.period {
            return true;
        }
        self.size_limit()
            .map_or(false, |lim| self.written > 0 && self.written + incoming as u64 > lim)
    }

    fn rotate(&mut self, now: i64) -> io::Result<()> {
        if let Some(mut f) = self.file.take() {
            let _ = f.flush();
        }
        if self.period_for(now) == self.period {
            self.seq += 1;
        }
        self.open_current(now)?;
        self.run_retention(now);
        Ok(())
    }

    fn run_retention(&self, now: i64) {
        let (ret, zone) = (Arc::clone(&self.retention), Arc::clone(&self.zone));
        let (dir, prefix, suffix, active) =
            (self.dir.clone(), self.prefix.clone(), self.suffix.clone(), self.path.clone());
        let job = move || {
            let _ = ret.apply(&dir, &prefix, &suffix, &active, &zone, now);
        };
        if self.background_retention {
            let _ = thread::Builder::new().name("logroll-retention".into()).spawn(job);
        } else {
            job();
        }
    }

    /// Force a rotation now (e.g. on SIGHUP).
    pub fn force_rotate(&mut self) -> io::Result<()> {
        self.rotate(retention::now_secs())
    }
}

impl Write for RollingFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let now = retention::now_secs();
        if self.file.is_none() || self.needs_rotation(now, buf.len()) {
            self.rotate(now)?;
        }
        let f = self.file.as_mut().expect("file open after rotation");
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

impl Drop for RollingFile {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}
