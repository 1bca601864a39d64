//! Directory fsync so the rename itself is durable.

use std::io;
use std::path::Path;

#[cfg(unix)]
pub(crate) fn sync(dir: &Path) -> io::Result<()> {
    let d = std::fs::File::open(dir)?;
    match d.sync_all() {
        Ok(()) => Ok(()),
        // some filesystems (e.g. certain FUSE mounts) do not support it
        Err(e) if e.raw_os_error() == Some(22) => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
pub(crate) fn sync(_dir: &Path) -> io::Result<()> {
    // NTFS journals renames; MoveFileEx without WRITE_THROUGH is sufficient
    Ok(())
}
