//! Prune stale build caches on CI runners.
//!
//! Build a [`Plan`] with explicit roots, then [`Plan::run`] it in
//! [`Mode::DryRun`] (the default for the CLI) or [`Mode::Apply`].

pub mod ci;
mod walk;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub use walk::{dir_size, Candidate};

/// Whether to delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only report.
    DryRun,
    /// Delete what would be reported.
    Apply,
}

/// Why nothing (or not everything) was deleted.
#[derive(Debug)]
pub enum PlanError {
    /// No roots were given.
    NoRoots,
    /// A root failed a safety check.
    UnsafeRoot(PathBuf, &'static str),
    /// I/O error while scanning.
    Io(PathBuf, io::Error),
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::NoRoots => f.write_str("no roots given"),
            PlanError::UnsafeRoot(p, why) => write!(f, "refusing root {}: {why}", p.display()),
            PlanError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for PlanError {}

/// One entry that was (or would be) removed.
#[derive(Debug, Clone)]
pub struct Removed {
    /// Path of the entry.
    pub path: PathBuf,
    /// Apparent size.
    pub bytes: u64,
    /// Age of the newest file inside.
    pub age: Duration,
}

/// Outcome of [`Plan::run`].
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Entries selected for removal.
    pub entries: Vec<Removed>,
    /// Total bytes of `entries`.
    pub bytes: u64,
    /// `true` if entries were actually deleted.
    pub applied: bool,
    /// Why deletion was skipped even though `Mode::Apply` was requested.
    pub skipped_reason: Option<String>,
    /// Entries that could not be removed, with the error.
    pub failures: Vec<(PathBuf, String)>,
}

/// What to prune.
#[derive(Debug, Clone)]
pub struct Plan {
    roots: Vec<PathBuf>,
    max_age: Duration,
    keep_newest: usize,
    even_locally: bool,
    now: Option<SystemTime>,
}

impl Default for Plan {
    fn default() -> Self {
        Plan { roots: Vec::new(), max_age: Duration::from_secs(14 * 86_400), keep_newest: 0, even_locally: false, now: None }
    }
}

impl Plan {
    /// Empty plan: no roots, 14 days, CI only.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a root whose direct children are candidates.
    pub fn root(mut self, p: impl Into<PathBuf>) -> Self {
        self.roots.push(p.into());
        self
    }

    /// Entries untouched for longer than this are removed.
    pub fn max_age_days(mut self, days: u64) -> Self {
        self.max_age = Duration::from_secs(days * 86_400);
        self
    }

    /// Always keep the N most recently used entries of each root.
    pub fn keep_newest(mut self, n: usize) -> Self {
        self.keep_newest = n;
        self
    }

    /// Allow `Mode::Apply` outside CI.
    pub fn even_locally(mut self, yes: bool) -> Self {
        self.even_locally = yes;
        self
    }

    /// Pretend the current time is `t` (tests, reproducible reports).
    pub fn now(mut self, t: SystemTime) -> Self {
        self.now = Some(t);
        self
    }

    fn check_root(root: &Path) -> Result<PathBuf, PlanError> {
        let meta = fs::symlink_metadata(root).map_err(|e| PlanError::Io(root.to_owned(), e))?;
        if !meta.is_dir() {
            return Err(PlanError::UnsafeRoot(root.to_owned(), "not a directory (or a symlink)"));
        }
        let canon = fs::canonicalize(root).map_err(|e| PlanError::Io(root.to_owned(), e))?;
        if canon.parent().is_none() {
            return Err(PlanError::UnsafeRoot(root.to_owned(), "filesystem root"));
        }
        if let Some(home) = std::env::var_os("HOME").map(PathBuf::from).and_then(|h| fs::canonicalize(h).ok()) {
            if canon == home {
                return Err(PlanError::UnsafeRoot(root.to_owned(), "home directory itself"));
            }
        }
        Ok(canon)
    }

    /// Select and (in `Mode::Apply`, on CI or with `even_locally`) remove.
    pub fn run(&self, mode: Mode) -> Result<Report, PlanError> {
        if self.roots.is_empty() {
            return Err(PlanError::NoRoots);
        }
        let roots = self.roots.iter().map(|r| Self::check_root(r)).collect::<Result<Vec<_>, _>>()?;
        let now = self.now.unwrap_or_else(SystemTime::now);

        let mut report = Report::default();
        for root in &roots {
            let mut cands = walk::candidates(root, now).map_err(|e| PlanError::Io(root.clone(), e))?;
            // newest first; protect the first `keep_newest`
            cands.sort_by_key(|c| c.age);
            for c in cands.into_iter().skip(self.keep_newest) {
                if c.age > self.max_age {
                    report.bytes += c.bytes;
                    report.entries.push(Removed { path: c.path, bytes: c.bytes, age: c.age });
                }
            }
        }

        if mode == Mode::DryRun {
            return Ok(report);
        }
        let provider = ci::detect();
        if provider.is_none() && !self.even_locally {
            report.skipped_reason = Some("not running on CI; pass even_locally(true) to prune anyway".into());
            return Ok(report);
        }

        for e in &report.entries {
            if let Err(err) = walk::remove_entry(&e.path) {
                report.failures.push((e.path.clone(), err.to_string()));
            }
        }
        report.applied = true;
        Ok(report)
    }
}

/// Format a byte count for humans (`1.5 GiB`).
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}
