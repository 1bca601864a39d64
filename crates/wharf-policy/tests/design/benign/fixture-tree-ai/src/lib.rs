//! # fixture-tree
//!
//! Build temporary directory trees for tests and have them cleaned up.
//!
//! ```
//! use fixture_tree::Fixture;
//!
//! let fx = Fixture::new()
//!     .unwrap()
//!     .file("Cargo.toml", "[package]\nname = \"demo\"\n")
//!     .file("src/lib.rs", "pub fn f() {}\n")
//!     .dir("target");
//! assert!(fx.path().join("src/lib.rs").is_file());
//! // removed when `fx` is dropped
//! ```
//!
//! ## Cleanup rules
//!
//! * A fixture removes **only the directory it created**. Every fixture root
//!   carries a marker file (`.fixture-tree`) recording the owning process;
//!   removal refuses roots without a matching marker, roots outside the
//!   fixture base directory, and symlinked roots.
//! * `FIXTURE_TREE_KEEP=1` keeps all fixtures (prints their paths).
//! * When the test is panicking, the fixture is kept if
//!   `FIXTURE_TREE_KEEP_ON_FAILURE=1`, which is the default on CI (`CI` set)
//!   so failing trees can be uploaded as job artifacts.
//! * [`sweep`] removes leftovers from crashed test runs: fixture roots whose
//!   owner process is gone and that are older than a given age. It never
//!   touches anything that is not a fixture root.

#![warn(missing_docs)]

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const MARKER: &str = ".fixture-tree";
const PREFIX: &str = "fixture-tree-";

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Base directory for fixtures: `$FIXTURE_TREE_DIR` or
/// `<system temp>/fixture-tree`.
pub fn base_dir() -> PathBuf {
    std::env::var_os("FIXTURE_TREE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("fixture-tree"))
}

fn env_flag(name: &str) -> Option<bool> {
    std::env::var(name).ok().map(|v| matches!(v.as_str(), "1" | "true" | "yes" | "on"))
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// Contents of a marker file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Owning process id.
    pub pid: u32,
    /// Creation time (unix seconds).
    pub created: u64,
}

impl Marker {
    fn render(&self) -> String {
        format!("fixture-tree v1\npid={}\ncreated={}\n", self.pid, self.created)
    }

    fn parse(s: &str) -> Option<Marker> {
        let mut lines = s.lines();
        if lines.next()? != "fixture-tree v1" {
            return None;
        }
        let mut pid = None;
        let mut created = None;
        for l in lines {
            if let Some(v) = l.strip_prefix("pid=") {
                pid = v.parse().ok();
            } else if let Some(v) = l.strip_prefix("created=") {
                created = v.parse().ok();
            }
        }
        Some(Marker { pid: pid?, created: created? })
    }

    /// Reads the marker of a fixture root.
    pub fn read(root: &Path) -> Option<Marker> {
        Marker::parse(&fs::read_to_string(root.join(MARKER)).ok()?)
    }
}

/// A temporary directory tree.
#[derive(Debug)]
pub struct Fixture {
    root: PathBuf,
    keep: bool,
}

impl Fixture {
    /// Creates an empty fixture under [`base_dir`].
    pub fn new() -> io::Result<Fixture> {
        Fixture::new_in(&base_dir())
    }

    /// Creates an empty fixture under `base`.
    pub fn new_in(base: &Path) -> io::Result<Fixture> {
        fs::create_dir_all(base)?;
        let pid = std::process::id();
        for _ in 0..64 {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
            let root = base.join(format!("{PREFIX}{pid}-{n}-{nanos:08x}"));
            match fs::create_dir(&root) {
                Ok(()) => {
                    fs::write(root.join(MARKER), Marker { pid, created: now_secs() }.render())?;
                    return Ok(Fixture { root, keep: false });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::new(io::ErrorKind::AlreadyExists, "could not find a free fixture name"))
    }

    /// The root directory.
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Resolves a relative path inside the fixture, rejecting `..` and
    /// absolute paths so fixtures cannot write outside their root.
    pub fn resolve(&self, rel: impl AsRef<Path>) -> io::Result<PathBuf> {
        let rel = rel.as_ref();
        for c in rel.components() {
            match c {
                Component::Normal(_) | Component::CurDir => {}
                _ => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!("fixture paths must be relative and stay inside the root: {}", rel.display()),
                    ))
                }
            }
        }
        Ok(self.root.join(rel))
    }

    /// Adds a file (parents created). Panics on I/O errors: this is test code.
    pub fn file(self, rel: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> Self {
        let p = self.resolve(rel).expect("valid fixture path");
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).expect("create fixture dirs");
        }
        fs::write(&p, contents).expect("write fixture file");
        self
    }

    /// Adds an empty directory.
    pub fn dir(self, rel: impl AsRef<Path>) -> Self {
        let p = self.resolve(rel).expect("valid fixture path");
        fs::create_dir_all(p).expect("create fixture dir");
        self
    }

    /// Copies a directory tree (e.g. `tests/data/project`) into the fixture.
    /// Symlinks are copied as the files they point to.
    pub fn copy_from(self, src: impl AsRef<Path>, rel: impl AsRef<Path>) -> Self {
        let dst = self.resolve(rel).expect("valid fixture path");
        copy_tree(src.as_ref(), &dst).expect("copy fixture tree");
        self
    }

    /// Keeps the tree after drop regardless of outcome.
    pub fn keep(mut self) -> Self {
        self.keep = true;
        self
    }

    /// Removes the tree now, reporting errors (drop ignores them).
    pub fn close(mut self) -> io::Result<()> {
        let r = remove_fixture_root(&self.root);
        self.keep = true; // already handled
        r
    }

    fn should_keep(&self) -> bool {
        if self.keep || env_flag("FIXTURE_TREE_KEEP").unwrap_or(false) {
            return true;
        }
        if std::thread::panicking() {
            let on_ci = std::env::var_os("CI").is_some();
            return env_flag("FIXTURE_TREE_KEEP_ON_FAILURE").unwrap_or(on_ci);
        }
        false
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if self.should_keep() {
            eprintln!("fixture-tree: keeping {}", self.root.display());
            return;
        }
        if let Err(e) = remove_fixture_root(&self.root) {
            eprintln!("fixture-tree: could not remove {}: {e}", self.root.display());
        }
    }
}

fn copy_tree(src: &Path, dst: &Path) -> io::Result<()> {
    fs::create_dir_all(dst)?;
    for e in fs::read_dir(src)? {
        let e = e?;
        let to = dst.join(e.file_name());
        let meta = fs::metadata(e.path())?; // follows symlinks on purpose
        if meta.is_dir() {
            copy_tree(&e.path(), &to)?;
        } else {
            fs::copy(e.path(), &to)?;
        }
    }
    Ok(())
}

/// Removes a fixture root after checking it really is one:
/// a real directory (not a symlink), named `fixture-tree-*`, containing a
/// valid marker. `fs::remove_dir_all` does not follow symlinks inside the
/// tree, so links pointing outside are removed, not their targets.
pub fn remove_fixture_root(root: &Path) -> io::Result<()> {
    let meta = fs::symlink_metadata(root)?;
    if !meta.is_dir() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a directory (or a symlink)"));
    }
    let name = root.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if !name.starts_with(PREFIX) {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a fixture-tree directory"));
    }
    if Marker::read(root).is_none() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "fixture marker missing; refusing to delete"));
    }
    fs::remove_dir_all(root)
}

/// Outcome of [`sweep`].
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SweepReport {
    /// Roots removed (or that would be removed in dry-run mode).
    pub removed: Vec<PathBuf>,
    /// Roots skipped because their owner is still alive or they are too new.
    pub kept: usize,
    /// Entries ignored because they are not fixture roots.
    pub ignored: usize,
}

#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_alive(_pid: u32) -> bool {
    // No cheap portable check: rely on the age threshold alone.
    false
}

/// Removes leftover fixture roots directly under `base` that are older than
/// `max_age` and whose owning process no longer exists. With `dry_run`
/// nothing is deleted and the report lists what would be.
pub fn sweep(base: &Path, max_age: Duration, dry_run: bool) -> io::Result<SweepReport> {
    let mut report = SweepReport::default();
    let now = now_secs();
    for e in fs::read_dir(base)? {
        let e = e?;
        let path = e.path();
        let is_real_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
        let named = e.file_name().to_str().map(|n| n.starts_with(PREFIX)).unwrap_or(false);
        let marker = if is_real_dir && named { Marker::read(&path) } else { None };
        let marker = match marker {
            Some(m) => m,
            None => {
                report.ignored += 1;
                continue;
            }
        };
        let old = now.saturating_sub(marker.created) >= max_age.as_secs();
        let orphaned = marker.pid != std::process::id() && !process_alive(marker.pid);
        if old && orphaned {
            if !dry_run {
                remove_fixture_root(&path)?;
            }
            report.removed.push(path);
        } else {
            report.kept += 1;
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch() -> PathBuf {
        let p = std::env::temp_dir().join(format!("fixture-tree-selftest-base-{}", std::process::id()));
        fs::create_dir_all(&p).unwrap();
        p
    }

    #[test]
    fn builds_and_cleans_up() {
        let base = scratch();
        let root;
        {
            let fx = Fixture::new_in(&base).unwrap().file("a/b.txt", "hi").dir("empty");
            root = fx.path().to_path_buf();
            assert_eq!(fs::read_to_string(root.join("a/b.txt")).unwrap(), "hi");
            assert!(root.join("empty").is_dir());
        }
        assert!(!root.exists());
    }

    #[test]
    fn rejects_escaping_paths() {
        let fx = Fixture::new_in(&scratch()).unwrap();
        assert!(fx.resolve("../x").is_err());
        assert!(fx.resolve("/etc/passwd").is_err());
        assert!(fx.resolve("ok/./fine").is_ok());
    }

    #[test]
    fn refuses_unmarked_directories() {
        let base = scratch();
        let imposter = base.join("fixture-tree-imposter");
        fs::create_dir_all(&imposter).unwrap();
        fs::write(imposter.join("important.txt"), "do not delete").unwrap();
        assert!(remove_fixture_root(&imposter).is_err());
        assert!(imposter.join("important.txt").exists());
        let other = base.join("not-a-fixture");
        fs::create_dir_all(&other).unwrap();
        assert!(remove_fixture_root(&other).is_err());
        let r = sweep(&base, Duration::ZERO, false).unwrap();
        assert!(r.removed.is_empty());
        assert!(imposter.exists() && other.exists());
        fs::remove_dir_all(&imposter).unwrap();
        fs::remove_dir_all(&other).unwrap();
    }

    #[test]
    fn marker_round_trip() {
        let m = Marker { pid: 42, created: 1_700_000_000 };
        assert_eq!(Marker::parse(&m.render()), Some(m));
        assert_eq!(Marker::parse("garbage"), None);
    }
}
