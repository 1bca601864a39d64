//! Plan-then-apply, age-based cleanup of caller-named directories.

mod glob;
mod time;

pub use time::{civil_from_days, local_offset_from_tz, parse_posix_offset, today, Window};

use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Which timestamp decides a file's age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgeBy {
    /// Last modification (default).
    Modified,
    /// Last access (only meaningful without `noatime`).
    Accessed,
}

/// Whether [`Plan::apply`] deletes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Apply {
    /// Report what would be deleted.
    DryRun,
    /// Delete.
    Confirmed,
}

/// Errors.
#[derive(Debug)]
pub enum Error {
    /// I/O failure on a path.
    Io(PathBuf, io::Error),
    /// The root is too broad to clean safely.
    UnsafeRoot(PathBuf),
    /// Outside the maintenance window.
    OutsideWindow,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(p, e) => write!(f, "{}: {}", p.display(), e),
            Error::UnsafeRoot(p) => write!(f, "refusing to clean {}", p.display()),
            Error::OutsideWindow => f.write_str("outside maintenance window"),
        }
    }
}

impl std::error::Error for Error {}

/// Cleanup policy for one root directory.
#[derive(Debug, Clone)]
pub struct Policy {
    root: PathBuf,
    max_age: Duration,
    age_by: AgeBy,
    include: Vec<String>,
    exclude: Vec<String>,
    keep_newest: usize,
    remove_empty_dirs: bool,
    window: Option<Window>,
    utc_offset_secs: Option<i32>,
}

/// One file selected for deletion.
#[derive(Debug, Clone)]
pub struct Item {
    /// Path of the file.
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Age at planning time.
    pub age: Duration,
}

impl Item {
    /// Age in whole days.
    pub fn age_days(&self) -> u64 {
        self.age.as_secs() / 86_400
    }
}

/// Files selected by a policy, not yet deleted.
#[derive(Debug, Clone)]
pub struct Plan {
    root: PathBuf,
    items: Vec<Item>,
    empty_dirs: Vec<PathBuf>,
}

/// Outcome of [`Plan::apply`].
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Files deleted (or that would be, in a dry run).
    pub files: usize,
    /// Bytes freed (or that would be).
    pub bytes: u64,
    /// Directories removed.
    pub dirs: usize,
    /// Failures, which do not stop the run.
    pub errors: Vec<(PathBuf, String)>,
    /// Whether anything was actually deleted.
    pub dry_run: bool,
}

impl Policy {
    /// Policy for `root`; defaults: 7 days by mtime, everything included.
    pub fn new<P: AsRef<Path>>(root: P) -> Self {
        Policy {
            root: root.as_ref().to_path_buf(),
            max_age: Duration::from_secs(7 * 86_400),
            age_by: AgeBy::Modified,
            include: Vec::new(),
            exclude: Vec::new(),
            keep_newest: 0,
            remove_empty_dirs: false,
            window: None,
            utc_offset_secs: None,
        }
    }

    /// Select files older than `d`.
    pub fn older_than(mut self, d: Duration) -> Self {
        self.max_age = d;
        self
    }

    /// Choose the timestamp used for age.
    pub fn age_by(mut self, a: AgeBy) -> Self {
        self.age_by = a;
        self
    }

    /// Only consider file names matching this glob (may be repeated).
    pub fn include(mut self, g: &str) -> Self {
        self.include.push(g.to_owned());
        self
    }

    /// Never touch file names matching this glob (may be repeated).
    pub fn exclude(mut self, g: &str) -> Self {
        self.exclude.push(g.to_owned());
        self
    }

    /// Keep the `n` newest files in every directory regardless of age.
    pub fn keep_newest(mut self, n: usize) -> Self {
        self.keep_newest = n;
        self
    }

    /// Also remove directories left empty (the root itself is kept).
    pub fn remove_empty_dirs(mut self, yes: bool) -> Self {
        self.remove_empty_dirs = yes;
        self
    }

    /// Only allow `apply(Confirmed)` inside this local-time window.
    pub fn window(mut self, w: Window) -> Self {
        self.window = Some(w);
        self
    }

    /// UTC offset used to evaluate the window (overrides `TZ`).
    pub fn utc_offset(mut self, secs: i32) -> Self {
        self.utc_offset_secs = Some(secs);
        self
    }

    fn check_root(&self) -> Result<PathBuf, Error> {
        let canon = fs::canonicalize(&self.root).map_err(|e| Error::Io(self.root.clone(), e))?;
        let normal = canon.components().filter(|c| matches!(c, Component::Normal(_))).count();
        let home = std::env::var_os("HOME").map(PathBuf::from);
        if normal < 2 || Some(&canon) == home.as_ref() {
            return Err(Error::UnsafeRoot(canon));
        }
        Ok(canon)
    }

    fn selected(&self, name: &str) -> bool {
        if self.exclude.iter().any(|g| glob::matches(g, name)) {
            return false;
        }
        self.include.is_empty() || self.include.iter().any(|g| glob::matches(g, name))
    }

    /// Walk the root and build a plan. Nothing is modified.
    pub fn plan(&self) -> Result<Plan, Error> {
        let root = self.check_root()?;
        let dev = device_of(&root);
        let now = SystemTime::now();
        let mut items = Vec::new();
        let mut empty_dirs = Vec::new();
        self.scan(&root, dev, now, &mut items, &mut empty_dirs, true)?;
        Ok(Plan { root, items, empty_dirs })
    }

    fn scan(
        &self,
        dir: &Path,
        dev: Option<u64>,
        now: SystemTime,
        items: &mut Vec<Item>,
        empty_dirs: &mut Vec<PathBuf>,
        is_root: bool,
    ) -> Result<usize, Error> {
        let rd = fs::read_dir(dir).map_err(|e| Error::Io(dir.to_path_buf(), e))?;
        let mut files: Vec<(PathBuf, u64, SystemTime)> = Vec::new();
        let mut remaining = 0usize;
        for e in rd.flatten() {
            let p = e.path();
            let md = match fs::symlink_metadata(&p) {
                Ok(m) => m,
                Err(_) => continue,
            };
            if md.file_type().is_symlink() {
                remaining += 1;
                continue;
            }
            if md.is_dir() {
                if dev.is_some() && device_of(&p) != dev {
                    remaining += 1;
                    continue;
                }
                let left = self.scan(&p, dev, now, items, empty_dirs, false)?;
                if left > 0 || !self.remove_empty_dirs {
                    remaining += 1;
                }
                continue;
            }
            let name = e.file_name().to_string_lossy().into_owned();
            if !md.is_file() || !self.selected(&name) {
                remaining += 1;
                continue;
            }
            let t = match self.age_by {
                AgeBy::Modified => md.modified(),
                AgeBy::Accessed => md.accessed(),
            }
            .unwrap_or(now);
            files.push((p, md.len(), t));
        }
        files.sort_by(|a, b| b.2.cmp(&a.2));
        for (i, (p, size, t)) in files.into_iter().enumerate() {
            let age = now.duration_since(t).unwrap_or_default();
            if i < self.keep_newest || age < self.max_age {
                remaining += 1;
            } else {
                items.push(Item { path: p, size, age });
            }
        }
        if remaining == 0 && !is_root && self.remove_empty_dirs {
            empty_dirs.push(dir.to_path_buf());
        }
        Ok(remaining)
    }

    /// Plan and apply in one step, honouring the maintenance window.
    pub fn run(&self, mode: Apply) -> Result<Report, Error> {
        if mode == Apply::Confirmed {
            if let Some(w) = &self.window {
                let offset = self.utc_offset_secs.or_else(local_offset_from_tz).unwrap_or(0);
                if !w.contains_now(offset) {
                    return Err(Error::OutsideWindow);
                }
            }
        }
        self.plan()?.apply(mode)
    }
}

#[cfg(unix)]
fn device_of(p: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(p).ok().map(|m| m.dev())
}

#[cfg(not(unix))]
fn device_of(_: &Path) -> Option<u64> {
    None
}

impl Plan {
    /// Root the plan was made for.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Selected files, oldest first.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        let mut v: Vec<&Item> = self.items.iter().collect();
        v.sort_by(|a, b| b.age.cmp(&a.age));
        v.into_iter()
    }

    /// Total bytes selected.
    pub fn bytes(&self) -> u64 {
        self.items.iter().map(|i| i.size).sum()
    }

    /// Delete the planned files (or just count them in a dry run). Each file
    /// is re-checked: it must still be a regular file inside the root.
    pub fn apply(self, mode: Apply) -> Result<Report, Error> {
        let mut r = Report { dry_run: mode == Apply::DryRun, ..Report::default() };
        for it in &self.items {
            let md = match fs::symlink_metadata(&it.path) {
                Ok(m) => m,
                Err(e) => {
                    r.errors.push((it.path.clone(), e.to_string()));
                    continue;
                }
            };
            if !md.is_file() || !it.path.starts_with(&self.root) {
                r.errors.push((it.path.clone(), "changed since planning".into()));
                continue;
            }
            if mode == Apply::Confirmed {
                if let Err(e) = fs::remove_file(&it.path) {
                    r.errors.push((it.path.clone(), e.to_string()));
                    continue;
                }
            }
            r.files += 1;
            r.bytes += it.size;
        }
        let mut dirs = self.empty_dirs.clone();
        dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for d in dirs {
            if mode == Apply::Confirmed {
                match fs::remove_dir(&d) {
                    Ok(()) => r.dirs += 1,
                    Err(e) => r.errors.push((d, e.to_string())),
                }
            } else {
                r.dirs += 1;
            }
        }
        Ok(r)
    }
}
