//! Stale-file cleanup for an application's own cache directory.
//!
//! The API is deliberately two-phase: [`Sweeper::plan`] only reads the
//! filesystem and returns a [`Plan`]; deletion happens only in
//! [`Plan::execute`].

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Errors.
#[derive(Debug)]
pub enum Error {
    /// The cache root could not be determined (no HOME / LOCALAPPDATA).
    NoCacheDir,
    /// The root was rejected by a safety check.
    UnsafeRoot(PathBuf, &'static str),
    /// I/O error on a path.
    Io(PathBuf, io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoCacheDir => f.write_str("could not determine the user cache directory"),
            Error::UnsafeRoot(p, why) => write!(f, "refusing to sweep {}: {}", p.display(), why),
            Error::Io(p, e) => write!(f, "{}: {}", p.display(), e),
        }
    }
}

impl std::error::Error for Error {}

/// What to remove.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy {
    /// Remove files not modified (or accessed, whichever is newer) for this long.
    pub max_age: Option<Duration>,
    /// After age-based removal, remove oldest files until the total is below this.
    pub max_total: Option<u64>,
}

/// One file selected for removal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Absolute path (always inside the root).
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Last use time.
    pub last_used: SystemTime,
    /// Why it was selected.
    pub reason: Reason,
}

/// Selection reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Older than `max_age`.
    Age,
    /// Evicted to get under `max_total`.
    Size,
}

/// Result of planning.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Root that was scanned.
    pub root: PathBuf,
    /// Files that would be removed, oldest first.
    pub files: Vec<Candidate>,
    /// Sum of candidate sizes.
    pub bytes: u64,
    /// Total size of the root before sweeping.
    pub total_before: u64,
}

/// Outcome of executing a plan.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Files removed.
    pub removed: usize,
    /// Bytes freed.
    pub freed: u64,
    /// Files skipped because they changed since planning or could not be removed.
    pub skipped: Vec<(PathBuf, String)>,
    /// Empty directories pruned.
    pub dirs_pruned: usize,
}

/// Names that are never removed (lock files used by the owning app).
const KEEP: &[&str] = &[".lock", "CACHEDIR.TAG", ".cache-sweep-keep"];

/// Builder / scanner.
#[derive(Debug, Clone)]
pub struct Sweeper {
    root: PathBuf,
    policy: Policy,
}

/// Per-user cache base directory for this platform.
pub fn user_cache_base() -> Option<PathBuf> {
    if cfg!(windows) {
        return std::env::var_os("LOCALAPPDATA").map(PathBuf::from);
    }
    if cfg!(target_os = "macos") {
        return std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Caches"));
    }
    match std::env::var_os("XDG_CACHE_HOME") {
        Some(x) if Path::new(&x).is_absolute() => Some(PathBuf::from(x)),
        _ => std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")),
    }
}

impl Sweeper {
    /// Sweep the cache directory belonging to `app`.
    pub fn for_app(app: &str) -> Result<Sweeper, Error> {
        if app.is_empty() || app.contains(['/', '\\']) || app == "." || app == ".." {
            return Err(Error::UnsafeRoot(PathBuf::from(app), "invalid application name"));
        }
        let base = user_cache_base().ok_or(Error::NoCacheDir)?;
        let root = if cfg!(windows) { base.join(app).join("cache") } else { base.join(app) };
        Sweeper::for_dir_named(root, app)
    }

    /// Sweep an explicit directory. Its final component must equal `app`
    /// (or be `cache` under a directory named `app`).
    pub fn for_dir_named(root: impl Into<PathBuf>, app: &str) -> Result<Sweeper, Error> {
        let root = root.into();
        check_root(&root, app)?;
        Ok(Sweeper { root, policy: Policy::default() })
    }

    /// Set the policy.
    pub fn policy(mut self, p: Policy) -> Self {
        self.policy = p;
        self
    }

    /// Root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Scan and decide; never modifies anything.
    pub fn plan(&self) -> Result<Plan, Error> {
        self.plan_at(SystemTime::now())
    }

    /// Like [`plan`](Self::plan) with an explicit "now" (for tests).
    pub fn plan_at(&self, now: SystemTime) -> Result<Plan, Error> {
        let mut all = Vec::new();
        if self.root.exists() {
            scan(&self.root, &mut all)?;
        }
        all.sort_by_key(|c: &Candidate| c.last_used);
        let total_before: u64 = all.iter().map(|c| c.size).sum();

        let mut files = Vec::new();
        let mut keep = Vec::new();
        for mut c in all {
            let age = now.duration_since(c.last_used).unwrap_or_default();
            match self.policy.max_age {
                Some(max) if age > max => {
                    c.reason = Reason::Age;
                    files.push(c);
                }
                _ => keep.push(c),
            }
        }
        if let Some(limit) = self.policy.max_total {
            let mut remaining: u64 = keep.iter().map(|c| c.size).sum();
            for mut c in keep {
                if remaining <= limit {
                    break;
                }
                remaining -= c.size;
                c.reason = Reason::Size;
                files.push(c);
            }
        }
        let bytes = files.iter().map(|c| c.size).sum();
        Ok(Plan { root: self.root.clone(), files, bytes, total_before })
    }
}

fn check_root(root: &Path, app: &str) -> Result<(), Error> {
    let reject = |why| Err(Error::UnsafeRoot(root.to_path_buf(), why));
    if !root.is_absolute() {
        return reject("path must be absolute");
    }
    if root.parent().is_none() {
        return reject("filesystem root");
    }
    if let Some(home) = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")) {
        let home = PathBuf::from(home);
        if root == home || home.starts_with(root) {
            return reject("is (or contains) the home directory");
        }
    }
    let last = root.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let parent_last = root
        .parent()
        .and_then(|p| p.file_name())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if last != app && !(last == "cache" && parent_last == app) {
        return reject("directory name does not match the application name");
    }
    if let Ok(meta) = fs::symlink_metadata(root) {
        if meta.file_type().is_symlink() {
            return reject("root is a symlink");
        }
    }
    Ok(())
}

fn scan(dir: &Path, out: &mut Vec<Candidate>) -> Result<(), Error> {
    let rd = fs::read_dir(dir).map_err(|e| Error::Io(dir.to_path_buf(), e))?;
    for entry in rd {
        let entry = entry.map_err(|e| Error::Io(dir.to_path_buf(), e))?;
        let path = entry.path();
        let meta = match fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(_) => continue,
        };
        let ft = meta.file_type();
        if ft.is_symlink() {
            continue; // never follow or remove links
        }
        if ft.is_dir() {
            if path.join(".cache-sweep-keep").exists() {
                continue;
            }
            scan(&path, out)?;
            continue;
        }
        if !ft.is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if KEEP.iter().any(|k| name == *k || name.ends_with(k)) {
            continue;
        }
        let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        let accessed = meta.accessed().unwrap_or(modified);
        out.push(Candidate {
            path,
            size: meta.len(),
            last_used: modified.max(accessed),
            reason: Reason::Age,
        });
    }
    Ok(())
}

impl Plan {
    /// True if nothing would be removed.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Remove the planned files. Each file is re-checked first: it must still
    /// be a regular file inside the root with the same size and timestamp.
    pub fn execute(&self) -> Report {
        let mut r = Report::default();
        for c in &self.files {
            if !c.path.starts_with(&self.root) {
                r.skipped.push((c.path.clone(), "outside root".into()));
                continue;
            }
            let meta = match fs::symlink_metadata(&c.path) {
                Ok(m) => m,
                Err(e) => {
                    r.skipped.push((c.path.clone(), e.to_string()));
                    continue;
                }
            };
            let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            let accessed = meta.accessed().unwrap_or(modified);
            if !meta.file_type().is_file() || meta.len() != c.size || modified.max(accessed) > c.last_used {
                r.skipped.push((c.path.clone(), "changed since planning".into()));
                continue;
            }
            match fs::remove_file(&c.path) {
                Ok(()) => {
                    r.removed += 1;
                    r.freed += c.size;
                }
                Err(e) => r.skipped.push((c.path.clone(), e.to_string())),
            }
        }
        r.dirs_pruned = prune_empty(&self.root, &self.root);
        r
    }
}

fn prune_empty(dir: &Path, root: &Path) -> usize {
    let mut n = 0;
    let Ok(rd) = fs::read_dir(dir) else { return 0 };
    for e in rd.flatten() {
        let p = e.path();
        if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
            n += prune_empty(&p, root);
        }
    }
    if dir != root && fs::remove_dir(dir).is_ok() {
        n += 1; // remove_dir only succeeds on empty directories
    }
    n
}

/// Human-readable byte count (`812 MiB`).
pub fn human_bytes(n: u64) -> String {
    const U: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1024.0 && i < U.len() - 1 {
        v /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", U[i])
    }
}

/// Parse `30d`, `12h`, `90m`, `45s`.
pub fn parse_age(s: &str) -> Option<Duration> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit())?);
    let n: u64 = num.parse().ok()?;
    let secs = match unit {
        "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        "w" => n * 7 * 86_400,
        _ => return None,
    };
    Some(Duration::from_secs(secs))
}

/// Parse `500MiB`, `2GiB`, `100MB`, plain bytes.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: u64 = num.parse().ok()?;
    let m = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1_000,
        "kib" | "k" => 1 << 10,
        "mb" => 1_000_000,
        "mib" | "m" => 1 << 20,
        "gb" => 1_000_000_000,
        "gib" | "g" => 1 << 30,
        _ => return None,
    };
    n.checked_mul(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_dangerous_roots() {
        assert!(Sweeper::for_dir_named("/", "myapp").is_err());
        assert!(Sweeper::for_dir_named("relative/myapp", "myapp").is_err());
        assert!(Sweeper::for_dir_named("/tmp/other", "myapp").is_err());
        assert!(Sweeper::for_app("../etc").is_err());
        if let Some(h) = std::env::var_os("HOME") {
            assert!(Sweeper::for_dir_named(PathBuf::from(h), "myapp").is_err());
        }
    }

    #[test]
    fn plan_by_age_and_size() {
        let base = tempfile::tempdir().unwrap();
        let root = base.path().join("myapp");
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::write(root.join("a.bin"), vec![0u8; 100]).unwrap();
        fs::write(root.join("sub/b.bin"), vec![0u8; 200]).unwrap();
        fs::write(root.join(".lock"), b"").unwrap();

        let s = Sweeper::for_dir_named(&root, "myapp").unwrap();
        let later = SystemTime::now() + Duration::from_secs(10 * 86_400);

        let p = s.clone().policy(Policy { max_age: Some(Duration::from_secs(86_400)), max_total: None }).plan_at(later).unwrap();
        assert_eq!(p.files.len(), 2);
        assert_eq!(p.bytes, 300);

        let p = s.policy(Policy { max_age: None, max_total: Some(250) }).plan().unwrap();
        assert_eq!(p.files.len(), 1);
        assert!(p.files.iter().all(|c| c.reason == Reason::Size));
        // planning never deletes
        assert!(root.join("a.bin").exists() && root.join("sub/b.bin").exists());
    }

    #[test]
    fn execute_removes_only_planned() {
        let base = tempfile::tempdir().unwrap();
        let root = base.path().join("myapp");
        fs::create_dir_all(root.join("old")).unwrap();
        fs::write(root.join("old/x"), b"xx").unwrap();
        fs::write(root.join("CACHEDIR.TAG"), b"Signature: 8a477f597d28d172789f06886806bc55").unwrap();
        let later = SystemTime::now() + Duration::from_secs(2 * 86_400);
        let plan = Sweeper::for_dir_named(&root, "myapp")
            .unwrap()
            .policy(Policy { max_age: Some(Duration::from_secs(86_400)), max_total: None })
            .plan_at(later)
            .unwrap();
        let r = plan.execute();
        assert_eq!(r.removed, 1);
        assert_eq!(r.dirs_pruned, 1);
        assert!(root.join("CACHEDIR.TAG").exists());
        assert!(root.exists());
    }

    #[test]
    fn parsers() {
        assert_eq!(parse_age("30d"), Some(Duration::from_secs(30 * 86_400)));
        assert_eq!(parse_size("2GiB"), Some(2 << 30));
        assert_eq!(human_bytes(1536), "1.5 KiB");
    }
}
