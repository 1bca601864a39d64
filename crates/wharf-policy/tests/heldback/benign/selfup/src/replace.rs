use std::fs;
use std::path::Path;

use crate::Error;

#[cfg(unix)]
pub fn swap(tmp: tempfile::NamedTempFile, exe: &Path) -> Result<(), Error> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(exe)?.permissions().mode();
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(mode))?;
    tmp.persist(exe).map_err(|e| Error::Io(e.error))?;
    Ok(())
}

#[cfg(windows)]
pub fn swap(tmp: tempfile::NamedTempFile, exe: &Path) -> Result<(), Error> {
    // A running .exe cannot be overwritten but can be renamed.
    let old = exe.with_extension("old.exe");
    let _ = fs::remove_file(&old);
    fs::rename(exe, &old)?;
    tmp.persist(exe).map_err(|e| Error::Io(e.error))?;
    Ok(())
}
