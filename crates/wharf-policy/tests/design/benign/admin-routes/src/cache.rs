//! Cache directory purge with CACHEDIR.TAG protection.

use std::io;
use std::path::{Path, PathBuf};

/// First line of a valid `CACHEDIR.TAG` (Cache Directory Tagging
/// Specification; the same tag `cargo`, `restic` and `borg` honour).
const SIGNATURE: &str = "Signature: 8a477f597d28d172789f06886806bc55";

/// A directory that may be emptied through the admin endpoint.
#[derive(Clone, Debug)]
pub struct CacheDir(PathBuf);

/// What a purge removed.
#[derive(Debug, Default, Clone, Copy)]
pub struct PurgeStats {
    pub entries: u64,
    pub bytes: u64,
}

fn forbidden(p: &Path) -> bool {
    if p.parent().is_none() {
        return true; // filesystem root
    }
    let same = |o: Option<PathBuf>| o.and_then(|o| o.canonicalize().ok()).map_or(false, |o| o == p);
    same(std::env::var_os("HOME").map(PathBuf::from))
        || same(std::env::var_os("USERPROFILE").map(PathBuf::from))
        || same(std::env::current_dir().ok())
}

impl CacheDir {
    /// Accepts `dir` only if it is absolute, not `/`, home or the working
    /// directory, and contains a valid `CACHEDIR.TAG`.
    pub fn new(dir: PathBuf) -> io::Result<CacheDir> {
        if !dir.is_absolute() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "cache dir must be absolute"));
        }
        let canon = dir.canonicalize()?;
        if forbidden(&canon) {
            return Err(io::Error::new(io::ErrorKind::PermissionDenied, "refusing to manage this directory"));
        }
        let tag = std::fs::read_to_string(canon.join("CACHEDIR.TAG"))
            .map_err(|_| io::Error::new(io::ErrorKind::NotFound, "cache dir has no CACHEDIR.TAG"))?;
        if !tag.starts_with(SIGNATURE) {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "CACHEDIR.TAG has a wrong signature"));
        }
        Ok(CacheDir(canon))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Removes everything in the directory except `CACHEDIR.TAG`. Symlinks
    /// are removed, never followed.
    pub async fn purge(&self) -> io::Result<PurgeStats> {
        let dir = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let mut stats = PurgeStats::default();
            for e in std::fs::read_dir(&dir)? {
                let e = e?;
                if e.file_name() == "CACHEDIR.TAG" {
                    continue;
                }
                let ft = e.file_type()?;
                let p = e.path();
                if ft.is_dir() {
                    stats.bytes += du(&p);
                    std::fs::remove_dir_all(&p)?;
                } else {
                    stats.bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
                    std::fs::remove_file(&p)?;
                }
                stats.entries += 1;
            }
            Ok(stats)
        })
        .await
        .map_err(|e| io::Error::new(io::ErrorKind::Other, e))?
    }
}

fn du(p: &Path) -> u64 {
    let mut total = 0;
    if let Ok(rd) = std::fs::read_dir(p) {
        for e in rd.flatten() {
            match e.file_type() {
                Ok(ft) if ft.is_dir() => total += du(&e.path()),
                Ok(ft) if ft.is_file() => total += e.metadata().map(|m| m.len()).unwrap_or(0),
                _ => {}
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_tag() {
        let d = tempfile::tempdir().unwrap();
        assert!(CacheDir::new(d.path().to_path_buf()).is_err());
        std::fs::write(d.path().join("CACHEDIR.TAG"), format!("{}\n# test\n", SIGNATURE)).unwrap();
        assert!(CacheDir::new(d.path().to_path_buf()).is_ok());
    }

    #[test]
    fn refuses_root() {
        assert!(CacheDir::new(PathBuf::from("/")).is_err());
    }

    #[tokio::test]
    async fn purge_keeps_tag() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("CACHEDIR.TAG"), SIGNATURE).unwrap();
        std::fs::create_dir(d.path().join("objects")).unwrap();
        std::fs::write(d.path().join("objects/a"), b"12345").unwrap();
        let c = CacheDir::new(d.path().to_path_buf()).unwrap();
        let s = c.purge().await.unwrap();
        assert_eq!(s.entries, 1);
        assert_eq!(s.bytes, 5);
        assert!(d.path().join("CACHEDIR.TAG").exists());
        assert!(!d.path().join("objects").exists());
    }
}
