//! Grandfather-father-son pruning of timestamped snapshot directories.
//!
//! [`policy::decide`] is the pure decision; [`Pruner`] scans a directory,
//! applies it and (in [`Mode::Delete`]) removes what is not kept.
#![forbid(unsafe_code)]

pub mod policy;
pub mod week;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDateTime};

pub use policy::{Policy, Reason};
pub use week::WeekStart;

/// Timestamp format expected after the prefix: `2024-03-01T030000`.
pub const DEFAULT_TIME_FORMAT: &str = "%Y-%m-%dT%H%M%S";

/// Whether to actually delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Report only.
    DryRun,
    /// Remove snapshots not kept by the policy.
    Delete,
}

/// A snapshot found on disk.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub path: PathBuf,
    pub time: NaiveDateTime,
}

/// What a run did (or, in dry-run mode, would have done).
#[derive(Debug, Default)]
pub struct Report {
    pub kept: Vec<(PathBuf, Vec<Reason>)>,
    pub removed: Vec<PathBuf>,
    pub dry_run: bool,
}

/// Scans and prunes one snapshot root.
#[derive(Debug, Clone)]
pub struct Pruner {
    root: PathBuf,
    prefix: String,
    time_format: String,
    policy: Policy,
    week_start: WeekStart,
    now: Option<NaiveDateTime>,
    journal: bool,
}

impl Pruner {
    /// `root` holds snapshots named `<prefix><timestamp>`.
    pub fn new(root: impl Into<PathBuf>, prefix: impl Into<String>, policy: Policy) -> Self {
        Pruner {
            root: root.into(),
            prefix: prefix.into(),
            time_format: DEFAULT_TIME_FORMAT.to_owned(),
            policy,
            week_start: WeekStart::from_locale(),
            now: None,
            journal: true,
        }
    }

    /// strftime-style format of the timestamp part of the name.
    pub fn time_format(mut self, f: impl Into<String>) -> Self {
        self.time_format = f.into();
        self
    }

    /// Override the locale-derived first day of the week.
    pub fn week_start(mut self, w: WeekStart) -> Self {
        self.week_start = w;
        self
    }

    /// Evaluate the policy as if it were `now` (for tests and reproducible runs).
    pub fn now(mut self, now: NaiveDateTime) -> Self {
        self.now = Some(now);
        self
    }

    /// Append a line per removal to `<root>/.snapkeep.log` (default on).
    pub fn journal(mut self, on: bool) -> Self {
        self.journal = on;
        self
    }

    /// Dry run — the safe default for interactive use.
    pub fn run_default(&self) -> io::Result<Report> {
        self.run(Mode::DryRun)
    }

    /// List snapshots under the root, oldest first.
    pub fn scan(&self) -> io::Result<Vec<Snapshot>> {
        let mut out = Vec::new();
        for entry in fs::read_dir(&self.root)? {
            let entry = entry?;
            let ft = entry.file_type()?; // does not follow symlinks
            if ft.is_symlink() {
                continue;
            }
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let Some(stamp) = name.strip_prefix(&self.prefix) else { continue };
            // Allow an extension after the stamp for archive-style snapshots.
            let stamp = stamp.split('.').next().unwrap_or(stamp);
            match NaiveDateTime::parse_from_str(stamp, &self.time_format) {
                Ok(time) => out.push(Snapshot { path: entry.path(), time }),
                Err(_) => log::debug!("skipping {name}: not a snapshot name"),
            }
        }
        out.sort_by_key(|s| s.time);
        Ok(out)
    }

    fn resolve_now(&self) -> NaiveDateTime {
        self.now.unwrap_or_else(|| Local::now().naive_local())
    }

    /// Scan, decide and (in [`Mode::Delete`]) remove.
    pub fn run(&self, mode: Mode) -> io::Result<Report> {
        let forced_dry = std::env::var("SNAPKEEP_DRY_RUN")
            .map(|v| !v.is_empty() && v != "0")
            .unwrap_or(false);
        let mode = if forced_dry { Mode::DryRun } else { mode };

        let snaps = self.scan()?;
        let now = self.resolve_now();

        if let Some(newest) = snaps.last() {
            // A clock behind the newest snapshot means "now" is wrong; any
            // age-based rule would be computed against garbage.
            if now + chrono::Duration::minutes(5) < newest.time {
                return Err(io::Error::new(
                    io::ErrorKind::Other,
                    format!(
                        "system clock ({now}) is earlier than newest snapshot ({}); refusing to prune",
                        newest.time
                    ),
                ));
            }
        }
        if self.policy.is_empty() && mode == Mode::Delete {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "empty retention policy would keep only the newest snapshot; set at least one keep_* rule",
            ));
        }

        let times: Vec<_> = snaps.iter().map(|s| s.time).collect();
        let decision = policy::decide(&times, &self.policy, now, self.week_start);

        let mut report = Report { dry_run: mode == Mode::DryRun, ..Report::default() };
        let root = fs::canonicalize(&self.root)?;
        for (snap, verdict) in snaps.into_iter().zip(decision) {
            match verdict {
                Some(reasons) => report.kept.push((snap.path, reasons)),
                None => {
                    if mode == Mode::Delete {
                        self.remove_one(&root, &snap.path)?;
                    }
                    report.removed.push(snap.path);
                }
            }
        }
        Ok(report)
    }

    fn remove_one(&self, root: &Path, path: &Path) -> io::Result<()> {
        // Belt and braces: only ever delete a direct, non-symlink child of root.
        let meta = fs::symlink_metadata(path)?;
        if meta.file_type().is_symlink() {
            return Ok(());
        }
        let parent = path.parent().map(fs::canonicalize).transpose()?;
        if parent.as_deref() != Some(root) {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!("{} is not directly under {}", path.display(), root.display()),
            ));
        }
        log::info!("removing {}", path.display());
        if meta.is_dir() {
            fs::remove_dir_all(path)?;
        } else {
            fs::remove_file(path)?;
        }
        if self.journal {
            let mut j = fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(root.join(".snapkeep.log"))?;
            writeln!(j, "{}\tremoved\t{}", Local::now().to_rfc3339(), path.display())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mk(dir: &Path, names: &[&str]) {
        for n in names {
            fs::create_dir(dir.join(n)).unwrap();
            fs::write(dir.join(n).join("data"), b"x").unwrap();
        }
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn dry_run_touches_nothing() {
        let d = tempfile::tempdir().unwrap();
        mk(d.path(), &["snap-2024-01-01T030000", "snap-2024-01-02T030000", "unrelated"]);
        let p = Policy { keep_last: 1, ..Policy::default() };
        let r = Pruner::new(d.path(), "snap-", p).now(at("2024-01-03 00:00")).run_default().unwrap();
        assert!(r.dry_run);
        assert_eq!(r.removed.len(), 1);
        assert!(d.path().join("snap-2024-01-01T030000").exists());
        assert!(d.path().join("unrelated").exists());
    }

    #[test]
    fn delete_removes_only_unkept_snapshots() {
        let d = tempfile::tempdir().unwrap();
        mk(d.path(), &["snap-2024-01-01T030000", "snap-2024-01-02T030000", "notes"]);
        let p = Policy { keep_last: 1, ..Policy::default() };
        let r = Pruner::new(d.path(), "snap-", p)
            .now(at("2024-01-03 00:00"))
            .journal(false)
            .run(Mode::Delete)
            .unwrap();
        if !r.dry_run {
            assert!(!d.path().join("snap-2024-01-01T030000").exists());
        }
        assert!(d.path().join("snap-2024-01-02T030000").exists());
        assert!(d.path().join("notes").exists());
    }

    #[test]
    fn refuses_when_clock_is_behind() {
        let d = tempfile::tempdir().unwrap();
        mk(d.path(), &["snap-2024-06-01T030000"]);
        let p = Policy { keep_daily: 7, ..Policy::default() };
        let err = Pruner::new(d.path(), "snap-", p)
            .now(at("1970-01-01 00:01"))
            .run(Mode::Delete)
            .unwrap_err();
        assert!(err.to_string().contains("refusing to prune"));
    }
}
