//! Staging and atomically swapping the executable.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::Error;

/// A verified release written next to the target executable, not yet active.
#[derive(Debug)]
pub struct Staged {
    pub(crate) staged: PathBuf,
    pub(crate) target: PathBuf,
    pub(crate) version: String,
}

impl Staged {
    pub fn path(&self) -> &Path {
        &self.staged
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    /// Swap the staged file into place. The previous binary is kept as `<exe>.old`
    /// so [`rollback`] can restore it.
    pub fn apply(self) -> Result<PathBuf, Error> {
        let backup = backup_path(&self.target);
        let _ = fs::remove_file(&backup);
        fs::rename(&self.target, &backup).map_err(Error::Io)?;
        if let Err(e) = fs::rename(&self.staged, &self.target) {
            // Put the old binary back before reporting.
            let _ = fs::rename(&backup, &self.target);
            return Err(Error::Io(e));
        }
        Ok(self.target)
    }

    /// Remove the staged file without applying it.
    pub fn discard(self) -> io::Result<()> {
        fs::remove_file(&self.staged)
    }
}

pub fn backup_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".old");
    target.with_file_name(name)
}

/// Restore `<exe>.old` over `<exe>`.
pub fn rollback(target: &Path) -> Result<(), Error> {
    let backup = backup_path(target);
    if !backup.exists() {
        return Err(Error::NothingToRollBack);
    }
    fs::rename(&backup, target).map_err(Error::Io)
}

/// Write `data` to a temp file in the same directory as `target` (so the final rename
/// stays on one filesystem), with the target's permissions.
pub(crate) fn stage(target: &Path, data: &[u8], version: &str) -> Result<Staged, Error> {
    let dir = target.parent().ok_or(Error::NoExecutableDir)?;
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{version}.new"));
    let staged = dir.join(name);
    {
        let mut f = fs::File::create(&staged).map_err(Error::Io)?;
        f.write_all(data).map_err(Error::Io)?;
        f.sync_all().map_err(Error::Io)?;
    }
    if let Ok(meta) = fs::metadata(target) {
        fs::set_permissions(&staged, meta.permissions()).map_err(Error::Io)?;
    }
    Ok(Staged { staged, target: target.to_path_buf(), version: version.to_string() })
}
