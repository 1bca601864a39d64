//! # rollwriter
//!
//! A rolling log-file writer. See the crate README for an overview.
//!
//! ```no_run
//! use std::io::Write;
//! use rollwriter::{Builder, Daily, KeepCount, Size, Trigger};
//!
//! let mut w = Builder::new("logs", "app")
//!     .trigger(Size(8 << 20).or(Daily))
//!     .retain(KeepCount(7))
//!     .build()
//!     .unwrap();
//! writeln!(w, "hello").unwrap();
//! ```

#![warn(missing_docs)]

mod clock;
mod policy;
mod sweep;

pub use clock::{locale, Clock, Date, Zone};
pub use policy::{
    Daily, Either, KeepBytes, KeepCount, KeepDays, Never, Retention, Rotated, SegmentInfo, Size,
    Trigger, Weekly,
};

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

/// Configures a [`RollingWriter`].
pub struct Builder {
    dir: PathBuf,
    prefix: String,
    trigger: Box<dyn Trigger>,
    retention: Vec<Box<dyn Retention>>,
    header: bool,
    clock: Clock,
    buffer: usize,
}

impl Builder {
    /// Log files go in `dir` and are named after `prefix`.
    pub fn new(dir: impl Into<PathBuf>, prefix: impl Into<String>) -> Builder {
        Builder {
            dir: dir.into(),
            prefix: prefix.into(),
            trigger: Box::new(Daily),
            retention: Vec::new(),
            header: false,
            clock: Clock::system(),
            buffer: 8 * 1024,
        }
    }

    /// Rotation trigger (default: [`Daily`]).
    pub fn trigger<T: Trigger + 'static>(mut self, t: T) -> Self {
        self.trigger = Box::new(t);
        self
    }

    /// Add a retention policy. With none, rotated files are kept forever.
    pub fn retain<R: Retention + 'static>(mut self, r: R) -> Self {
        self.retention.push(Box::new(r));
        self
    }

    /// Write a one-line header at the top of every new segment.
    pub fn header(mut self, on: bool) -> Self {
        self.header = on;
        self
    }

    /// Use a custom clock (tests).
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Size of the write buffer; 0 disables buffering.
    pub fn buffer(mut self, bytes: usize) -> Self {
        self.buffer = bytes;
        self
    }

    /// Create the directory if needed and open the active file.
    pub fn build(self) -> io::Result<RollingWriter> {
        if self.prefix.is_empty() || self.prefix.contains(['/', '\\']) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "invalid file prefix"));
        }
        fs::create_dir_all(&self.dir)?;
        let mut w = RollingWriter {
            dir: self.dir,
            prefix: self.prefix,
            out: None,
            seg: SegmentInfo { opened: 0, written: 0 },
            trigger: self.trigger,
            retention: self.retention,
            header: self.header,
            clock: self.clock,
            buffer: self.buffer,
            state: State::Open,
            rotations: 0,
            housekept: false,
        };
        let now = w.clock.now();
        w.open_active(now)?;
        w.enforce()?;
        Ok(w)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Open,
    Failed(io::ErrorKind),
    Closed,
}

/// An `io::Write` that rotates its file according to a [`Trigger`].
pub struct RollingWriter {
    dir: PathBuf,
    prefix: String,
    out: Option<BufWriter<File>>,
    seg: SegmentInfo,
    trigger: Box<dyn Trigger>,
    retention: Vec<Box<dyn Retention>>,
    header: bool,
    clock: Clock,
    buffer: usize,
    state: State,
    rotations: u64,
    housekept: bool,
}

fn hostname() -> String {
    fs::read_to_string("/etc/hostname")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "unknown".into())
}

impl RollingWriter {
    /// Path of the file currently written to.
    pub fn active_path(&self) -> PathBuf {
        self.dir.join(format!("{}.log", self.prefix))
    }

    /// Number of rotations performed by this writer.
    pub fn rotations(&self) -> u64 {
        self.rotations
    }

    /// Parse `prefix.YYYY-MM-DD.N.log`.
    fn parse_rotated(&self, name: &str) -> Option<(Date, u32)> {
        let rest = name.strip_prefix(self.prefix.as_str())?.strip_prefix('.')?;
        let rest = rest.strip_suffix(".log")?;
        let (date, idx) = rest.rsplit_once('.')?;
        Some((Date::parse(date)?, idx.parse().ok()?))
    }

    /// Rotated files on disk, newest first.
    pub fn rotated(&self) -> io::Result<Vec<Rotated>> {
        let mut out = Vec::new();
        for entry in fs::read_dir(&self.dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if let Some((date, index)) = self.parse_rotated(name) {
                let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
                out.push(Rotated {
                    path: entry.path(),
                    date,
                    index,
                    len,
                });
            }
        }
        out.sort_by(|a, b| (b.date, b.index).cmp(&(a.date, a.index)));
        Ok(out)
    }

    fn open_active(&mut self, now: u64) -> io::Result<()> {
        let path = self.active_path();
        let file = OpenOptions::new().create(true).append(true).open(&path)?;
        let len = file.metadata()?.len();
        let mut out = BufWriter::with_capacity(self.buffer.max(1), file);
        self.seg = SegmentInfo { opened: now, written: len };
        if len == 0 && self.header {
            let zone = Zone::detect();
            let line = format!(
                "# rollwriter {} opened={} host={} tz={} locale={}\n",
                env!("CARGO_PKG_VERSION"),
                Clock::stamp(now),
                hostname(),
                zone.name(),
                locale()
            );
            out.write_all(line.as_bytes())?;
            self.seg.written = line.len() as u64;
        }
        self.out = Some(out);
        Ok(())
    }

    fn enforce(&self) -> io::Result<usize> {
        if self.retention.is_empty() {
            return Ok(0);
        }
        let today = self.clock.today();
        let mut removed = 0;
        for (rank, f) in self.rotated()?.iter().enumerate() {
            if self.retention.iter().all(|r| r.keep(f, rank, today)) {
                continue;
            }
            if fs::remove_file(&f.path).is_ok() {
                removed += 1;
            }
        }
        Ok(removed)
    }

    fn housekeep(&mut self) {
        let plan = sweep::Plan::decide(&self.dir, &self.prefix, &self.clock);
        let _ = plan.run();
        self.housekept = true;
    }

    fn roll(&mut self, now: u64) -> io::Result<()> {
        if let Some(mut out) = self.out.take() {
            out.flush()?;
        }
        let date = Date::from_days((self.seg.opened / 86_400) as i64);
        let mut index = 0u32;
        let target = loop {
            let candidate = self.dir.join(format!("{}.{}.{}.log", self.prefix, date, index));
            if !candidate.exists() {
                break candidate;
            }
            index += 1;
        };
        let tmp = self.dir.join(format!("{}.{}.{}.log.tmp", self.prefix, date, index));
        fs::rename(self.active_path(), &tmp)?;
        fs::rename(&tmp, &target)?;
        self.open_active(now)?;
        self.rotations += 1;
        self.enforce()?;
        if !self.housekept {
            self.housekeep();
        }
        Ok(())
    }

    /// Rotate immediately regardless of the trigger.
    pub fn rotate_now(&mut self) -> io::Result<()> {
        let now = self.clock.now();
        self.roll(now)
    }

    fn fail(&mut self, e: io::Error) -> io::Error {
        self.state = State::Failed(e.kind());
        e
    }
}

impl Write for RollingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.state {
            State::Open => {}
            State::Failed(kind) => return Err(io::Error::new(kind, "rolling writer failed earlier")),
            State::Closed => return Err(io::Error::new(io::ErrorKind::BrokenPipe, "rolling writer closed")),
        }
        let now = self.clock.now();
        if self.trigger.should_roll(&self.seg, buf.len() as u64, now) {
            if let Err(e) = self.roll(now) {
                return Err(self.fail(e));
            }
        }
        let out = match self.out.as_mut() {
            Some(o) => o,
            None => return Err(io::Error::new(io::ErrorKind::BrokenPipe, "no active segment")),
        };
        let n = out.write(buf)?;
        self.seg.written += n as u64;
        if self.buffer == 0 {
            out.flush()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.out.as_mut() {
            Some(o) => o.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for RollingWriter {
    fn drop(&mut self) {
        if let Some(mut out) = self.out.take() {
            let _ = out.flush();
        }
        self.state = State::Closed;
        self.housekeep();
    }
}
