//! Retention sweeps with safety gates.

mod gate;
mod walk;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub use gate::{Blocked, Window};

/// What a sweep did (or would do, in dry-run mode).
#[derive(Debug, Default)]
pub struct Report {
    /// Files that were (or would be) removed.
    pub removed: Vec<PathBuf>,
    /// Bytes freed (or that would be freed).
    pub bytes: u64,
    /// Files that could not be removed, with the error.
    pub failed: Vec<(PathBuf, io::Error)>,
    /// Gates that prevented the sweep from running, if any.
    pub blocked_by: Vec<Blocked>,
    /// Whether this was a dry run.
    pub dry_run: bool,
}

/// Errors that prevent a sweep from being planned at all.
#[derive(Debug)]
pub enum PolicyError {
    /// No roots configured.
    NoRoots,
    /// A root is too broad to sweep safely.
    UnsafeRoot(PathBuf),
    /// I/O error while planning.
    Io(io::Error),
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PolicyError::NoRoots => f.write_str("no sweep roots configured"),
            PolicyError::UnsafeRoot(p) => write!(f, "refusing to sweep {}", p.display()),
            PolicyError::Io(e) => write!(f, "I/O error: {e}"),
        }
    }
}

impl std::error::Error for PolicyError {}

impl From<io::Error> for PolicyError {
    fn from(e: io::Error) -> Self {
        PolicyError::Io(e)
    }
}

/// A retention policy. Nothing is deleted unless `dry_run(false)` is set.
#[derive(Debug, Clone)]
pub struct Policy {
    roots: Vec<PathBuf>,
    older_than: Duration,
    hosts: Vec<String>,
    window: Option<Window>,
    allow_ci: bool,
    dry_run: bool,
    extensions: Vec<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Self::new()
    }
}

impl Policy {
    /// New policy: 30-day retention, dry run, no roots.
    pub fn new() -> Self {
        Policy {
            roots: Vec::new(),
            older_than: Duration::from_secs(30 * 86_400),
            hosts: Vec::new(),
            window: None,
            allow_ci: false,
            dry_run: true,
            extensions: Vec::new(),
        }
    }

    /// Add a directory to sweep.
    pub fn root(mut self, p: impl Into<PathBuf>) -> Self {
        self.roots.push(p.into());
        self
    }

    /// Minimum file age to delete.
    pub fn older_than(mut self, d: Duration) -> Self {
        self.older_than = d;
        self
    }

    /// Hostname glob allow-list (`*` and `?`). Empty = any host.
    pub fn hosts<I, S>(mut self, globs: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.hosts = globs.into_iter().map(Into::into).collect();
        self
    }

    /// Only run inside this maintenance window.
    pub fn window(mut self, w: Window) -> Self {
        self.window = Some(w);
        self
    }

    /// Permit sweeps under CI (refused by default).
    pub fn allow_ci(mut self, yes: bool) -> Self {
        self.allow_ci = yes;
        self
    }

    /// Only consider files with these extensions (without dot). Empty = all.
    pub fn extensions<I, S>(mut self, exts: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.extensions = exts.into_iter().map(Into::into).collect();
        self
    }

    /// Set dry-run mode (default: true).
    pub fn dry_run(mut self, yes: bool) -> Self {
        self.dry_run = yes;
        self
    }

    fn check_roots(&self) -> Result<(), PolicyError> {
        if self.roots.is_empty() {
            return Err(PolicyError::NoRoots);
        }
        let home = std::env::var_os("HOME").map(PathBuf::from);
        for r in &self.roots {
            let canon = fs::canonicalize(r)?;
            let too_broad = canon.parent().is_none()
                || canon.components().count() < 3
                || home.as_deref().map(|h| h == canon.as_path()).unwrap_or(false);
            if too_broad {
                return Err(PolicyError::UnsafeRoot(canon));
            }
        }
        Ok(())
    }

    fn matches_ext(&self, p: &Path) -> bool {
        if self.extensions.is_empty() {
            return true;
        }
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
            .unwrap_or(false)
    }

    /// Evaluate the gates without sweeping.
    pub fn gates(&self) -> Vec<Blocked> {
        gate::evaluate(&self.hosts, self.window.as_ref(), self.allow_ci, SystemTime::now())
    }

    /// Plan and (unless dry-run) execute the sweep.
    pub fn run(&self) -> Result<Report, PolicyError> {
        self.check_roots()?;
        let mut report = Report { dry_run: self.dry_run, ..Report::default() };
        report.blocked_by = self.gates();
        if !report.blocked_by.is_empty() {
            return Ok(report);
        }
        let cutoff = SystemTime::now().checked_sub(self.older_than).unwrap_or(SystemTime::UNIX_EPOCH);
        for root in &self.roots {
            for entry in walk::files_older_than(root, cutoff)? {
                if !self.matches_ext(&entry.path) {
                    continue;
                }
                if self.dry_run {
                    report.bytes += entry.len;
                    report.removed.push(entry.path);
                    continue;
                }
                match fs::remove_file(&entry.path) {
                    Ok(()) => {
                        report.bytes += entry.len;
                        report.removed.push(entry.path);
                    }
                    Err(e) => report.failed.push((entry.path, e)),
                }
            }
        }
        Ok(report)
    }
}
