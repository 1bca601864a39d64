//! Rolling file writer for `tracing-subscriber`.

mod prune;

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};
use tracing_subscriber::fmt::MakeWriter;

/// When to start a new file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rotation {
    Minutely,
    Hourly,
    Daily,
    /// Rotate once the current file exceeds this many bytes.
    Size(u64),
    Never,
}

impl Rotation {
    fn period_secs(self) -> Option<i64> {
        match self {
            Rotation::Minutely => Some(60),
            Rotation::Hourly => Some(3600),
            Rotation::Daily => Some(86_400),
            _ => None,
        }
    }
}

/// Configures a [`RollingFile`].
#[derive(Debug, Clone)]
pub struct Builder {
    dir: PathBuf,
    prefix: String,
    suffix: String,
    rotation: Rotation,
    max_files: Option<usize>,
    background_prune: bool,
}

impl Builder {
    pub fn new(dir: impl AsRef<Path>) -> Self {
        Builder {
            dir: dir.as_ref().to_path_buf(),
            prefix: "app".into(),
            suffix: "log".into(),
            rotation: Rotation::Daily,
            max_files: None,
            background_prune: true,
        }
    }

    pub fn prefix(mut self, p: impl Into<String>) -> Self {
        self.prefix = p.into();
        self
    }

    pub fn suffix(mut self, s: impl Into<String>) -> Self {
        self.suffix = s.into();
        self
    }

    pub fn rotation(mut self, r: Rotation) -> Self {
        self.rotation = r;
        self
    }

    /// Keep at most `n` files (including the current one).
    pub fn max_files(mut self, n: usize) -> Self {
        self.max_files = Some(n.max(1));
        self
    }

    /// Enforce retention even while the application is not running.
    pub fn background_prune(mut self, on: bool) -> Self {
        self.background_prune = on;
        self
    }

    pub fn build(self) -> io::Result<RollingFile> {
        fs::create_dir_all(&self.dir)?;
        if self.background_prune {
            prune::ensure_pruner(&self.dir);
        }
        let now = now_secs();
        let path = self.path_for(now, 0);
        let file = open_append(&path)?;
        let written = file.metadata().map(|m| m.len()).unwrap_or(0);
        let rf = RollingFile {
            state: Mutex::new(State {
                file,
                path,
                period: self.period_of(now),
                written,
                seq: 0,
            }),
            cfg: self,
        };
        rf.enforce_retention();
        Ok(rf)
    }

    fn period_of(&self, t: i64) -> i64 {
        match self.rotation.period_secs() {
            Some(p) => t - t.rem_euclid(p),
            None => 0,
        }
    }

    fn path_for(&self, t: i64, seq: u32) -> PathBuf {
        let stamp = match self.rotation {
            Rotation::Minutely => format_ts(t, "%Y-%m-%d-%H-%M"),
            Rotation::Hourly => format_ts(t, "%Y-%m-%d-%H"),
            Rotation::Daily => format_ts(t, "%Y-%m-%d"),
            Rotation::Size(_) => format!("{}-{}", format_ts(t, "%Y-%m-%d-%H-%M"), seq),
            Rotation::Never => String::new(),
        };
        let name = if stamp.is_empty() {
            format!("{}.{}", self.prefix, self.suffix)
        } else {
            format!("{}.{}.{}", self.prefix, stamp, self.suffix)
        };
        self.dir.join(name)
    }
}

struct State {
    file: File,
    path: PathBuf,
    period: i64,
    written: u64,
    seq: u32,
}

/// A rotating log file. Cheap to share; implements `MakeWriter`.
pub struct RollingFile {
    state: Mutex<State>,
    cfg: Builder,
}

impl RollingFile {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Path of the file currently being written.
    pub fn current_path(&self) -> PathBuf {
        self.lock().path.clone()
    }

    fn maybe_rotate(&self, st: &mut State) -> io::Result<()> {
        let now = now_secs();
        let due = match self.cfg.rotation {
            Rotation::Size(limit) => st.written >= limit,
            Rotation::Never => false,
            _ => self.cfg.period_of(now) != st.period,
        };
        if !due {
            return Ok(());
        }
        st.file.flush()?;
        st.seq = if matches!(self.cfg.rotation, Rotation::Size(_)) { st.seq + 1 } else { 0 };
        st.period = self.cfg.period_of(now);
        st.path = self.cfg.path_for(now, st.seq);
        st.file = open_append(&st.path)?;
        st.written = 0;
        drop_guarded(|| self.enforce_retention_locked(&st.path));
        Ok(())
    }

    fn enforce_retention(&self) {
        let p = self.current_path();
        self.enforce_retention_locked(&p);
    }

    fn enforce_retention_locked(&self, current: &Path) {
        if let Some(max) = self.cfg.max_files {
            let _ = prune::prune_dir(&self.cfg.dir, &self.cfg.prefix, &self.cfg.suffix, max, Some(current));
        }
    }
}

fn drop_guarded(f: impl FnOnce()) {
    f()
}

/// Writer handed out per event.
pub struct RollingWriter<'a>(&'a RollingFile);

impl Write for RollingWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut st = self.0.lock();
        self.0.maybe_rotate(&mut st)?;
        let n = st.file.write(buf)?;
        st.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.lock().file.flush()
    }
}

impl<'a> MakeWriter<'a> for RollingFile {
    type Writer = RollingWriter<'a>;
    fn make_writer(&'a self) -> Self::Writer {
        RollingWriter(self)
    }
}

fn open_append(p: &Path) -> io::Result<File> {
    OpenOptions::new().create(true).append(true).open(p)
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

/// Tiny strftime subset: %Y %m %d %H %M.
fn format_ts(t: i64, pat: &str) -> String {
    let (y, mo, d) = civil(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400);
    pat.replace("%Y", &format!("{:04}", y))
        .replace("%m", &format!("{:02}", mo))
        .replace("%d", &format!("{:02}", d))
        .replace("%H", &format!("{:02}", s / 3600))
        .replace("%M", &format!("{:02}", (s % 3600) / 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(format_ts(0, "%Y-%m-%d-%H-%M"), "1970-01-01-00-00");
        assert_eq!(format_ts(1_700_000_000, "%Y-%m-%d-%H"), "2023-11-14-22");
    }

    #[test]
    fn names() {
        let b = Builder::new("/tmp/x").prefix("svc").rotation(Rotation::Daily);
        assert_eq!(b.path_for(0, 0), PathBuf::from("/tmp/x/svc.1970-01-01.log"));
    }
}
