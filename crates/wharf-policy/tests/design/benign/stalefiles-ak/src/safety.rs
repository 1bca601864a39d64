//! Root validation: refuse directories where a broad prune is never intended.

use std::env;
use std::path::{Path, PathBuf};

const SYSTEM_DIRS: &[&str] = &[
    "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/opt", "/proc", "/root",
    "/sbin", "/srv", "/sys", "/usr", "/var", "/Users", "/System", "/Library", "/Applications",
    "C:\\", "C:\\Windows", "C:\\Users", "C:\\Program Files",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotADirectory(PathBuf),
    SystemDirectory(PathBuf),
    HomeDirectory(PathBuf),
    Symlink(PathBuf),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotADirectory(p) => write!(f, "{} is not a directory", p.display()),
            Refusal::SystemDirectory(p) => write!(f, "refusing to prune system directory {}", p.display()),
            Refusal::HomeDirectory(p) => write!(f, "refusing to prune the home directory {} itself; name a subdirectory", p.display()),
            Refusal::Symlink(p) => write!(f, "{} is a symlink; pass the real path", p.display()),
        }
    }
}

impl std::error::Error for Refusal {}

fn home() -> Option<PathBuf> {
    env::var_os("HOME")
        .or_else(|| env::var_os("USERPROFILE"))
        .map(PathBuf::from)
}

/// Canonicalize `root` and reject dangerous choices.
pub fn check_root(root: &Path) -> Result<PathBuf, Refusal> {
    let meta = std::fs::symlink_metadata(root).map_err(|_| Refusal::NotADirectory(root.into()))?;
    if meta.file_type().is_symlink() {
        return Err(Refusal::Symlink(root.into()));
    }
    if !meta.is_dir() {
        return Err(Refusal::NotADirectory(root.into()));
    }
    let canon = root.canonicalize().map_err(|_| Refusal::NotADirectory(root.into()))?;
    if SYSTEM_DIRS.iter().any(|d| canon == Path::new(d)) {
        return Err(Refusal::SystemDirectory(canon));
    }
    if let Some(h) = home().and_then(|h| h.canonicalize().ok()) {
        if canon == h {
            return Err(Refusal::HomeDirectory(canon));
        }
    }
    Ok(canon)
}

/// Running under a CI system? Only affects output formatting.
pub fn ci_flavour() -> Option<&'static str> {
    if env::var_os("GITHUB_ACTIONS").is_some() {
        Some("github")
    } else if env::var_os("GITLAB_CI").is_some() {
        Some("gitlab")
    } else if env::var_os("CI").is_some() {
        Some("generic")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_root() {
        if Path::new("/").is_dir() && cfg!(unix) {
            assert!(matches!(check_root(Path::new("/")), Err(Refusal::SystemDirectory(_))));
        }
    }

    #[test]
    fn refuses_missing() {
        assert!(check_root(Path::new("/definitely/not/here")).is_err());
    }
}
