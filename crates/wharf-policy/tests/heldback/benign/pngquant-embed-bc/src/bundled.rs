//! The bundled pngquant binary (x86_64 Linux only, feature `bundled`).
//!
//! The binary is embedded in the rlib and written to a cache directory on first use, because
//! the kernel can only execute files. Its SHA-256 is fixed at compile time and checked both
//! before writing and before reusing a previously written copy, so a tampered cache file is
//! replaced rather than executed.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Upstream version of the bundled binary.
pub const VERSION: &str = "2.18.0";

/// SHA-256 of the bundled binary (also listed in `vendor/SHA256SUMS`).
pub const SHA256: &str = "ab29103443c91c055c826ec81d46d38eef490b8cbe57f44755a705d45b2db102";

#[cfg(all(feature = "bundled", target_os = "linux", target_arch = "x86_64"))]
static BINARY: Option<&[u8]> = Some(include_bytes!("../vendor/pngquant-x86_64-unknown-linux-gnu.bin"));

#[cfg(not(all(feature = "bundled", target_os = "linux", target_arch = "x86_64")))]
static BINARY: Option<&[u8]> = None;

/// Whether a binary is bundled for this target.
pub fn available() -> bool {
    BINARY.is_some()
}

fn hex_sha256(data: &[u8]) -> String {
    Sha256::digest(data).iter().map(|b| format!("{b:02x}")).collect()
}

fn mismatch(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("bundled pngquant: {what} does not match the expected SHA-256"))
}

/// Default install directory: `$XDG_CACHE_HOME/pngquant-embed/<hash prefix>`, falling back to
/// `~/.cache/...` and finally to the system temp directory.
pub fn default_dir() -> PathBuf {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("pngquant-embed").join(&SHA256[..16])
}

/// Writes the bundled binary into `dir` (if not already there and intact) and returns its path.
pub fn install_to(dir: &Path) -> io::Result<PathBuf> {
    let data = BINARY.ok_or_else(|| io::Error::new(io::ErrorKind::Unsupported, "no pngquant bundled for this target"))?;
    if hex_sha256(data) != SHA256 {
        return Err(mismatch("embedded copy"));
    }

    let path = dir.join("pngquant");
    if let Ok(existing) = fs::read(&path) {
        if hex_sha256(&existing) == SHA256 {
            return Ok(path);
        }
        // Stale or modified: replace it.
    }

    fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".pngquant.{}.tmp", std::process::id()));
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&tmp, fs::Permissions::from_mode(0o755))?;
    }
    fs::rename(&tmp, &path)?;

    if hex_sha256(&fs::read(&path)?) != SHA256 {
        let _ = fs::remove_file(&path);
        return Err(mismatch("installed copy"));
    }
    Ok(path)
}

/// [`install_to`] with [`default_dir`].
pub fn install() -> io::Result<PathBuf> {
    install_to(&default_dir())
}

#[cfg(test)]
mod tests {
    #[test]
    fn digest_format() {
        assert_eq!(super::hex_sha256(b"").len(), 64);
    }
}
