//! Delete stale Cargo build artifacts.
//!
//! Cargo never garbage-collects `target/`: every toolchain bump, feature
//! change or dependency update leaves old `deps/`, `build/`, `.fingerprint/`
//! and `incremental/` entries behind. This crate removes entries whose newest
//! modification time is older than a cutoff.

mod registry;

pub use registry::{cargo_home, prune_registry_sources};

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Signature Cargo writes into `target/CACHEDIR.TAG`.
pub const CACHEDIR_SIGNATURE: &str = "Signature: 8a477f597d28d172789f06886806bc55";

/// Sub-directories of a profile dir that hold per-unit artifacts.
const UNIT_DIRS: &[&str] = &["deps", "build", ".fingerprint", "incremental"];

/// Outcome of a sweep.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub removed: Vec<PathBuf>,
    pub bytes: u64,
    pub dry_run: bool,
    pub skipped_reason: Option<String>,
}

/// Configured sweep of one target directory.
#[derive(Debug, Clone)]
pub struct Sweeper {
    target: PathBuf,
    cutoff: Duration,
    dry_run: bool,
}

/// `$CARGO_TARGET_DIR` or `./target`.
pub fn default_target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("target"))
}

/// True when the user asked for sweeping to be disabled.
pub fn disabled_by_env() -> bool {
    matches!(std::env::var("TARGET_SWEEP_DISABLE").as_deref(), Ok("1") | Ok("true") | Ok("yes"))
}

/// Does `dir` look like a Cargo target directory?
pub fn is_cargo_target(dir: &Path) -> bool {
    if dir.join(".rustc_info.json").is_file() {
        return true;
    }
    fs::read_to_string(dir.join("CACHEDIR.TAG"))
        .map(|s| s.starts_with(CACHEDIR_SIGNATURE))
        .unwrap_or(false)
}

impl Sweeper {
    /// Create a sweeper; fails if `target` is not recognisably a Cargo target dir.
    pub fn new(target: impl Into<PathBuf>) -> io::Result<Self> {
        let target = target.into();
        if !is_cargo_target(&target) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a cargo target directory (no CACHEDIR.TAG)", target.display()),
            ));
        }
        Ok(Sweeper { target, cutoff: Duration::from_secs(30 * 86_400), dry_run: false })
    }

    /// Remove entries not modified within `age` (default 30 days).
    pub fn older_than(mut self, age: Duration) -> Self {
        self.cutoff = age;
        self
    }

    pub fn dry_run(mut self, yes: bool) -> Self {
        self.dry_run = yes;
        self
    }

    /// Profile directories: `target/<profile>` and `target/<triple>/<profile>`.
    pub fn profile_dirs(&self) -> io::Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        for e in fs::read_dir(&self.target)? {
            let p = e?.path();
            if !p.is_dir() {
                continue;
            }
            if UNIT_DIRS.iter().any(|u| p.join(u).is_dir()) {
                out.push(p);
            } else if p.file_name().map_or(false, |n| n.to_string_lossy().contains('-')) {
                // cross-compilation triple such as x86_64-unknown-linux-gnu
                for e in fs::read_dir(&p)? {
                    let q = e?.path();
                    if UNIT_DIRS.iter().any(|u| q.join(u).is_dir()) {
                        out.push(q);
                    }
                }
            }
        }
        Ok(out)
    }

    /// Perform the sweep.
    pub fn run(&self) -> io::Result<Report> {
        let mut report = Report { dry_run: self.dry_run, ..Default::default() };
        if disabled_by_env() {
            report.skipped_reason = Some("TARGET_SWEEP_DISABLE is set".into());
            return Ok(report);
        }
        let now = SystemTime::now();
        for profile in self.profile_dirs()? {
            for unit in UNIT_DIRS {
                let dir = profile.join(unit);
                let Ok(rd) = fs::read_dir(&dir) else { continue };
                for e in rd.flatten() {
                    let p = e.path();
                    let newest = newest_mtime(&p)?;
                    let age = now.duration_since(newest).unwrap_or_default();
                    if age < self.cutoff {
                        continue;
                    }
                    let size = disk_usage(&p);
                    log::info!("stale ({}d): {}", age.as_secs() / 86_400, p.display());
                    if !self.dry_run {
                        remove(&p)?;
                    }
                    report.bytes += size;
                    report.removed.push(p);
                }
            }
        }
        Ok(report)
    }
}

pub(crate) fn remove(p: &Path) -> io::Result<()> {
    let md = fs::symlink_metadata(p)?;
    if md.is_dir() {
        fs::remove_dir_all(p)
    } else {
        fs::remove_file(p)
    }
}

/// Newest mtime anywhere under `p` (or of `p` itself for files).
pub(crate) fn newest_mtime(p: &Path) -> io::Result<SystemTime> {
    let mut newest = fs::symlink_metadata(p)?.modified()?;
    for e in walkdir::WalkDir::new(p).follow_links(false).into_iter().flatten() {
        if let Some(m) = e.metadata().ok().and_then(|m| m.modified().ok()) {
            newest = newest.max(m);
        }
    }
    Ok(newest)
}

/// Apparent size in bytes of everything under `p`.
pub(crate) fn disk_usage(p: &Path) -> u64 {
    walkdir::WalkDir::new(p)
        .follow_links(false)
        .into_iter()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake_target() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        fs::write(d.path().join("CACHEDIR.TAG"), format!("{CACHEDIR_SIGNATURE}\n")).unwrap();
        for u in UNIT_DIRS {
            fs::create_dir_all(d.path().join("debug").join(u)).unwrap();
        }
        fs::write(d.path().join("debug/deps/libfoo-1234.rlib"), vec![0u8; 100]).unwrap();
        d
    }

    #[test]
    fn refuses_non_target_dirs() {
        let d = tempfile::tempdir().unwrap();
        assert!(Sweeper::new(d.path()).is_err());
    }

    #[test]
    fn fresh_files_survive() {
        let d = fake_target();
        let r = Sweeper::new(d.path()).unwrap().run().unwrap();
        assert!(r.removed.is_empty());
        assert!(d.path().join("debug/deps/libfoo-1234.rlib").exists());
    }

    #[test]
    fn zero_cutoff_dry_run_touches_nothing() {
        let d = fake_target();
        let r = Sweeper::new(d.path()).unwrap().older_than(Duration::ZERO).dry_run(true).run().unwrap();
        assert_eq!(r.removed.len(), 1);
        assert_eq!(r.bytes, 100);
        assert!(d.path().join("debug/deps/libfoo-1234.rlib").exists());
    }

    #[test]
    fn zero_cutoff_removes() {
        let d = fake_target();
        Sweeper::new(d.path()).unwrap().older_than(Duration::ZERO).run().unwrap();
        assert!(!d.path().join("debug/deps/libfoo-1234.rlib").exists());
        assert!(d.path().join("CACHEDIR.TAG").exists());
    }
}
