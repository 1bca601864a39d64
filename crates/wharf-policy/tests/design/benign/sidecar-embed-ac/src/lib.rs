//! Embed a helper executable you built and run it from a private temp file.
//!
//! The crate never starts anything by itself: [`Sidecar::materialize`]
//! verifies and writes the bytes, and you decide when to run
//! [`Materialized::command`].

mod format;

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

pub use format::ExeFormat;

/// Errors from verification or materialisation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("sidecar `{name}`: SHA-256 mismatch (expected {expected}, got {actual})")]
    HashMismatch { name: &'static str, expected: String, actual: String },
    #[error("sidecar `{name}`: pinned hash is not 64 hex digits")]
    BadPin { name: &'static str },
    #[error("sidecar `{name}`: {found:?} executable cannot run on this platform")]
    WrongPlatform { name: &'static str, found: ExeFormat },
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

/// An executable embedded in the calling binary.
#[derive(Debug, Clone, Copy)]
pub struct Sidecar {
    name: &'static str,
    bytes: &'static [u8],
    sha256_hex: &'static str,
}

/// Embed `path` (relative to the calling source file) with a pinned SHA-256.
#[macro_export]
macro_rules! embed_sidecar {
    ($name:literal, $path:literal, $sha256:literal) => {
        $crate::Sidecar::new($name, include_bytes!($path), $sha256)
    };
}

impl Sidecar {
    /// Describe an embedded helper. Prefer [`embed_sidecar!`].
    pub const fn new(name: &'static str, bytes: &'static [u8], sha256_hex: &'static str) -> Self {
        Sidecar { name, bytes, sha256_hex }
    }

    /// Helper name (used as the file name on disk).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Detected container format.
    pub fn format(&self) -> ExeFormat {
        ExeFormat::detect(self.bytes)
    }

    /// Check the pinned hash.
    pub fn verify(&self) -> Result<(), Error> {
        let pin = self.sha256_hex.trim().to_ascii_lowercase();
        if pin.len() != 64 || !pin.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::BadPin { name: self.name });
        }
        let actual: String = Sha256::digest(self.bytes).iter().map(|b| format!("{b:02x}")).collect();
        if actual != pin {
            return Err(Error::HashMismatch { name: self.name, expected: pin, actual });
        }
        Ok(())
    }

    /// Verify, then write the helper into a fresh private temp directory.
    pub fn materialize(&self) -> Result<Materialized, Error> {
        self.materialize_in(std::env::temp_dir())
    }

    /// Like [`materialize`](Self::materialize) but under `parent`.
    pub fn materialize_in(&self, parent: impl AsRef<Path>) -> Result<Materialized, Error> {
        self.verify()?;
        let found = self.format();
        if !found.runnable_here() {
            return Err(Error::WrongPlatform { name: self.name, found });
        }
        let dir = tempfile::Builder::new().prefix("sidecar-").tempdir_in(parent)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700))?;
        }
        let file_name = if cfg!(windows) { format!("{}.exe", self.name) } else { self.name.to_string() };
        let path = dir.path().join(file_name);
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o500);
        }
        let mut f = opts.open(&path)?;
        f.write_all(self.bytes)?;
        f.sync_all()?;
        drop(f);
        Ok(Materialized { _dir: dir, path })
    }
}

/// A verified helper on disk. Removed (with its directory) on drop.
#[derive(Debug)]
pub struct Materialized {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Materialized {
    /// Path of the written helper.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A `Command` for the helper with an empty, explicit environment except
    /// `PATH`. The caller adds arguments and decides when to run it.
    pub fn command(&self) -> Command {
        let mut c = Command::new(&self.path);
        c.env_clear();
        if let Some(p) = std::env::var_os("PATH") {
            c.env("PATH", p);
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 35 bytes: an ELF identification prefix followed by a marker. Not a
    /// runnable program; tests never execute it.
    static FAKE_ELF: &[u8] = &[
        0x7f, b'E', b'L', b'F', 0x02, 0x01, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
        b'F', b'A', b'K', b'E', b'-', b'N', b'O', b'T', b'-', b'E', b'X', b'E', b'C', b'U', b'T', b'A', b'B', b'L', b'E',
    ];
    const FAKE_SHA: &str = "d1209f723375887a3824222d4bc9b1c0d07380bcaf4dc6fc216ae1f6b82d74c4";

    #[test]
    fn verify_accepts_correct_pin() {
        Sidecar::new("fake", FAKE_ELF, FAKE_SHA).verify().unwrap();
    }

    #[test]
    fn verify_rejects_wrong_pin() {
        let bad = "00".repeat(32);
        let bad: &'static str = Box::leak(bad.into_boxed_str());
        assert!(matches!(Sidecar::new("fake", FAKE_ELF, bad).verify(), Err(Error::HashMismatch { .. })));
    }

    #[test]
    fn verify_rejects_malformed_pin() {
        assert!(matches!(Sidecar::new("fake", FAKE_ELF, "xyz").verify(), Err(Error::BadPin { .. })));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn materialize_writes_private_file_and_cleans_up() {
        use std::os::unix::fs::PermissionsExt;
        let parent = tempfile::tempdir().unwrap();
        let m = Sidecar::new("fake", FAKE_ELF, FAKE_SHA).materialize_in(parent.path()).unwrap();
        let p = m.path().to_path_buf();
        assert_eq!(fs::read(&p).unwrap(), FAKE_ELF);
        assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o500);
        assert_eq!(fs::metadata(p.parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o700);
        drop(m);
        assert!(!p.exists());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn pe_is_refused_on_linux() {
        static FAKE_PE: &[u8] = b"MZ\x90\x00FAKE-NOT-EXECUTABLE";
        let sha = "dc1f612faef13b4bce6f3c608739b4729da76e979e1a973c0f3dc4fadbc627d4";
        let r = Sidecar::new("fake", FAKE_PE, sha).materialize();
        assert!(matches!(r, Err(Error::WrongPlatform { found: ExeFormat::Pe, .. })));
    }
}
