//! Recursive removal that copes with read-only entries and transient
//! "in use" errors (antivirus scanners and indexers on Windows, NFS silly
//! renames on Unix).

use std::fs;
use std::io;
use std::path::Path;
use std::thread;
use std::time::Duration;

const ATTEMPTS: u32 = 5;

fn is_transient(e: &io::Error) -> bool {
    match e.raw_os_error() {
        // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION, ERROR_DIR_NOT_EMPTY
        #[cfg(windows)]
        Some(32) | Some(33) | Some(145) => true,
        // EBUSY, ENOTEMPTY (another thread still writing)
        #[cfg(unix)]
        Some(16) | Some(39) | Some(66) => true,
        _ => e.kind() == io::ErrorKind::PermissionDenied && cfg!(windows),
    }
}

fn make_writable(p: &Path) {
    if let Ok(meta) = fs::symlink_metadata(p) {
        let mut perm = meta.permissions();
        if perm.readonly() {
            #[allow(clippy::permissions_set_readonly_false)]
            perm.set_readonly(false);
            let _ = fs::set_permissions(p, perm);
        }
    }
}

fn remove_inner(p: &Path) -> io::Result<()> {
    let meta = match fs::symlink_metadata(p) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if meta.is_dir() {
        make_writable(p);
        for entry in fs::read_dir(p)? {
            let entry = entry?;
            remove_inner(&entry.path())?;
        }
        fs::remove_dir(p)
    } else {
        make_writable(p);
        fs::remove_file(p)
    }
}

/// Remove `root` and everything below it, retrying transient failures.
pub(crate) fn remove_tree(root: &Path) -> io::Result<()> {
    let mut delay = Duration::from_millis(10);
    let mut attempt = 0;
    loop {
        match remove_inner(root) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) if attempt + 1 < ATTEMPTS && is_transient(&e) => {
                attempt += 1;
                thread::sleep(delay);
                delay *= 3;
            }
            Err(e) => return Err(e),
        }
    }
}
