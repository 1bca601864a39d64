//! Refuse obviously catastrophic targets.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum GuardError {
    Root,
    Home(PathBuf),
    TopLevel(PathBuf),
    IsDirectory(PathBuf),
    CrossesMount(PathBuf),
    Missing(PathBuf),
}

impl fmt::Display for GuardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GuardError::Root => write!(f, "refusing to shred /"),
            GuardError::Home(p) => write!(f, "refusing to shred the home directory {}", p.display()),
            GuardError::TopLevel(p) => write!(f, "refusing to shred top-level directory {}", p.display()),
            GuardError::IsDirectory(p) => write!(f, "{} is a directory (use recursive)", p.display()),
            GuardError::CrossesMount(p) => write!(f, "{} is on another filesystem; not descending", p.display()),
            GuardError::Missing(p) => write!(f, "{} does not exist", p.display()),
        }
    }
}

pub fn check_target(path: &Path, recursive: bool) -> Result<(), GuardError> {
    let meta = std::fs::symlink_metadata(path).map_err(|_| GuardError::Missing(path.into()))?;
    if meta.file_type().is_symlink() {
        return Ok(()); // only the link itself is removed
    }
    let abs = std::fs::canonicalize(path).map_err(|_| GuardError::Missing(path.into()))?;
    if abs.parent().is_none() {
        return Err(GuardError::Root);
    }
    if abs.parent() == Some(Path::new("/")) {
        return Err(GuardError::TopLevel(abs));
    }
    for var in ["HOME", "USERPROFILE"] {
        if let Some(h) = std::env::var_os(var) {
            if std::fs::canonicalize(&h).ok().as_deref() == Some(abs.as_path()) {
                return Err(GuardError::Home(abs));
            }
        }
    }
    if meta.is_dir() && !recursive {
        return Err(GuardError::IsDirectory(abs));
    }
    Ok(())
}

#[cfg(unix)]
pub(crate) fn device_of(p: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(p).ok().map(|m| m.dev())
}

#[cfg(not(unix))]
pub(crate) fn device_of(_p: &Path) -> Option<u64> {
    None
}
