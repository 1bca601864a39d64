//! Guards against sweeping the wrong place.

use crate::Error;
use std::path::{Component, Path, PathBuf};

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")).map(PathBuf::from)
}

/// Reject roots that are obviously dangerous. Returns the canonical root.
pub fn check_root(root: &Path) -> Result<PathBuf, Error> {
    let meta = std::fs::symlink_metadata(root).map_err(|e| Error::Io(root.to_owned(), e))?;
    if meta.file_type().is_symlink() {
        return Err(Error::UnsafeRoot(root.to_owned(), "root is a symlink"));
    }
    if !meta.is_dir() {
        return Err(Error::UnsafeRoot(root.to_owned(), "not a directory"));
    }
    let canon = root.canonicalize().map_err(|e| Error::Io(root.to_owned(), e))?;
    let normal = canon.components().filter(|c| matches!(c, Component::Normal(_))).count();
    if normal == 0 {
        return Err(Error::UnsafeRoot(canon, "filesystem or drive root"));
    }
    if let Some(h) = home().and_then(|h| h.canonicalize().ok()) {
        if canon == h || h.starts_with(&canon) {
            return Err(Error::UnsafeRoot(canon, "home directory or one of its parents"));
        }
    }
    const SYSTEM: &[&str] = &["/bin", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr", "/var", "/home", "/Users"];
    if SYSTEM.iter().any(|s| canon == Path::new(s)) {
        return Err(Error::UnsafeRoot(canon, "top-level system directory"));
    }
    Ok(canon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_filesystem_root() {
        assert!(matches!(check_root(Path::new("/")), Err(Error::UnsafeRoot(..))));
    }

    #[test]
    fn accepts_plain_directory() {
        let d = tempfile::tempdir().unwrap();
        assert!(check_root(d.path()).is_ok());
    }
}
