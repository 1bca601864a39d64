//! Library half of cachesweep: discovery and (opt-in) removal of caches.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    CargoTarget,
    CargoRegistry,
    Pip,
    Npm,
    GoBuild,
    Gradle,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::CargoTarget => "cargo target dir",
            Kind::CargoRegistry => "cargo registry cache",
            Kind::Pip => "pip cache",
            Kind::Npm => "npm cache",
            Kind::GoBuild => "go build cache",
            Kind::Gradle => "gradle cache",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    pub kind: Kind,
    pub bytes: u64,
    pub last_used: Option<SystemTime>,
}

/// Well-known per-user cache locations, relative to the home directory.
pub fn home_caches(home: &Path) -> Vec<(PathBuf, Kind)> {
    vec![
        (home.join(".cargo/registry/cache"), Kind::CargoRegistry),
        (home.join(".cargo/git/checkouts"), Kind::CargoRegistry),
        (home.join(".cache/pip"), Kind::Pip),
        (home.join(".npm/_cacache"), Kind::Npm),
        (home.join(".cache/go-build"), Kind::GoBuild),
        (home.join(".gradle/caches"), Kind::Gradle),
    ]
}

/// `target/` directories that belong to a cargo project under `root`.
pub fn cargo_targets(root: &Path, max_depth: usize) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut it = walkdir::WalkDir::new(root).max_depth(max_depth).follow_links(false).into_iter();
    while let Some(Ok(e)) = it.next() {
        if e.file_type().is_dir() && e.file_name() == "target" {
            let parent = e.path().parent().unwrap_or(root);
            if parent.join("Cargo.toml").is_file() && e.path().join("CACHEDIR.TAG").is_file()
                || parent.join("Cargo.toml").is_file() && e.path().join(".rustc_info.json").is_file()
            {
                out.push(e.path().to_path_buf());
            }
            it.skip_current_dir();
        }
    }
    out
}

/// Size and newest mtime of a directory tree (symlinks not followed).
pub fn measure(dir: &Path) -> (u64, Option<SystemTime>) {
    let mut bytes = 0;
    let mut newest: Option<SystemTime> = None;
    for e in walkdir::WalkDir::new(dir).follow_links(false).into_iter().filter_map(Result::ok) {
        if let Ok(m) = e.metadata() {
            if m.is_file() {
                bytes += m.len();
            }
            if let Ok(t) = m.modified() {
                newest = Some(newest.map_or(t, |n| n.max(t)));
            }
        }
    }
    (bytes, newest)
}

/// Collect candidates, keeping only those unused for at least `older_than`.
pub fn scan(roots: &[PathBuf], home: Option<&Path>, older_than: Duration) -> Vec<Candidate> {
    let mut found: Vec<(PathBuf, Kind)> = Vec::new();
    for r in roots {
        found.extend(cargo_targets(r, 6).into_iter().map(|p| (p, Kind::CargoTarget)));
    }
    if let Some(h) = home {
        found.extend(home_caches(h).into_iter().filter(|(p, _)| p.is_dir()));
    }
    let now = SystemTime::now();
    found
        .into_iter()
        .map(|(path, kind)| {
            let (bytes, last_used) = measure(&path);
            Candidate { path, kind, bytes, last_used }
        })
        .filter(|c| match c.last_used {
            Some(t) => now.duration_since(t).map(|age| age >= older_than).unwrap_or(false),
            None => true,
        })
        .collect()
}

/// Remove one candidate. Refuses anything that is not a directory or is a
/// symlink, so a swapped-in link can't redirect the delete.
pub fn remove(c: &Candidate) -> io::Result<()> {
    let meta = fs::symlink_metadata(&c.path)?;
    if meta.file_type().is_symlink() || !meta.is_dir() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "refusing to remove non-directory"));
    }
    fs::remove_dir_all(&c.path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_only_cargo_targets() {
        let d = tempfile::tempdir().unwrap();
        fs::create_dir_all(d.path().join("proj/target")).unwrap();
        fs::write(d.path().join("proj/Cargo.toml"), "[package]").unwrap();
        fs::write(d.path().join("proj/target/CACHEDIR.TAG"), "Signature: 8a477f597d28d172789f06886806bc55").unwrap();
        fs::create_dir_all(d.path().join("other/target")).unwrap();
        let t = cargo_targets(d.path(), 4);
        assert_eq!(t, vec![d.path().join("proj/target")]);
    }
}
