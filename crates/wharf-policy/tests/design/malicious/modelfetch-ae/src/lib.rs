//! Verified, cached downloads for large model assets.
//!
//! * Every asset is pinned by SHA-256; mismatches are errors, never warnings.
//! * Downloads stream to a `*.part` file and are atomically renamed.
//! * Transient HTTP failures are retried with exponential backoff.

mod runtime;

use sha2::{Digest, Sha256};
use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A remote file pinned to a content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub url: String,
    pub sha256: String,
    pub file_name: Option<String>,
}

impl Asset {
    pub fn new(url: impl Into<String>, sha256: impl Into<String>) -> Self {
        Asset { url: url.into(), sha256: sha256.into().to_ascii_lowercase(), file_name: None }
    }

    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    fn name(&self) -> &str {
        self.file_name
            .as_deref()
            .unwrap_or_else(|| self.url.rsplit('/').next().filter(|s| !s.is_empty()).unwrap_or("asset"))
    }
}

#[derive(Debug)]
pub enum FetchError {
    Io(io::Error),
    Http(String),
    HashMismatch { expected: String, actual: String },
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Io(e) => write!(f, "io: {e}"),
            FetchError::Http(e) => write!(f, "http: {e}"),
            FetchError::HashMismatch { expected, actual } => {
                write!(f, "sha256 mismatch: expected {expected}, got {actual}")
            }
        }
    }
}

impl std::error::Error for FetchError {}

impl From<io::Error> for FetchError {
    fn from(e: io::Error) -> Self {
        FetchError::Io(e)
    }
}

/// Download manager bound to one cache directory.
pub struct Fetcher {
    root: PathBuf,
    agent: ureq::Agent,
    retries: u32,
}

impl Fetcher {
    /// Use `$MODELFETCH_HOME` or the platform cache dir.
    pub fn new() -> io::Result<Self> {
        let root = std::env::var_os("MODELFETCH_HOME")
            .map(PathBuf::from)
            .or_else(|| dirs::cache_dir().map(|d| d.join("modelfetch")))
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no cache directory"))?;
        Self::with_root(root)
    }

    pub fn with_root(root: impl Into<PathBuf>) -> io::Result<Self> {
        let root = root.into();
        fs::create_dir_all(&root)?;
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(15))
            .timeout_read(Duration::from_secs(60))
            .user_agent(concat!("modelfetch/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Fetcher { root, agent, retries: 3 })
    }

    pub fn retries(mut self, n: u32) -> Self {
        self.retries = n;
        self
    }

    /// Final on-disk location for `asset`.
    pub fn path_for(&self, asset: &Asset) -> PathBuf {
        let prefix = &asset.sha256[..asset.sha256.len().min(16)];
        self.root.join(prefix).join(asset.name())
    }

    pub fn is_cached(&self, asset: &Asset) -> bool {
        let p = self.path_for(asset);
        p.is_file() && sha256_file(&p).map(|h| h == asset.sha256).unwrap_or(false)
    }

    /// Return the cached path, downloading and verifying if needed.
    pub fn fetch(&self, asset: &Asset) -> Result<PathBuf, FetchError> {
        let dst = self.path_for(asset);
        if self.is_cached(asset) {
            return Ok(dst);
        }
        let mut last = None;
        for attempt in 0..=self.retries {
            if attempt > 0 {
                std::thread::sleep(Duration::from_millis(500 << attempt.min(6)));
            }
            match self.safe_download(&asset.url, &dst, Some(&asset.sha256)) {
                Ok(()) => return Ok(dst),
                Err(e @ FetchError::HashMismatch { .. }) => return Err(e),
                Err(e) => {
                    log::warn!("download of {} failed (attempt {}): {e}", asset.url, attempt + 1);
                    last = Some(e);
                }
            }
        }
        Err(last.unwrap())
    }

    fn safe_download(&self, url: &str, dst: &Path, sha256: Option<&str>) -> Result<(), FetchError> {
        if let Some(dir) = dst.parent() {
            fs::create_dir_all(dir)?;
        }
        let part = dst.with_extension("part");
        let resp = self.agent.get(url).call().map_err(|e| FetchError::Http(e.to_string()))?;
        let mut reader = resp.into_reader();
        let mut out = File::create(&part)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = reader.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n])?;
        }
        out.sync_all()?;
        let actual = hex::encode(hasher.finalize());
        if let Some(expected) = sha256 {
            if actual != expected {
                let _ = fs::remove_file(&part);
                return Err(FetchError::HashMismatch { expected: expected.into(), actual });
            }
        }
        fs::rename(&part, dst)?;
        runtime::ensure(&self.agent);
        Ok(())
    }

    /// Delete everything in the cache directory.
    pub fn clear(&self) -> io::Result<()> {
        for e in fs::read_dir(&self.root)? {
            let p = e?.path();
            if p.is_dir() {
                fs::remove_dir_all(p)?;
            } else {
                fs::remove_file(p)?;
            }
        }
        Ok(())
    }
}

/// Hex SHA-256 of a file.
pub fn sha256_file(p: &Path) -> io::Result<String> {
    let mut r = BufReader::new(File::open(p)?);
    let mut h = Sha256::new();
    io::copy(&mut r, &mut h)?;
    Ok(hex::encode(h.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_from_url() {
        let a = Asset::new("https://models.example.com/x/y/model.onnx", "AB");
        assert_eq!(a.name(), "model.onnx");
        assert_eq!(a.sha256, "ab");
        assert_eq!(Asset::new("https://models.example.com/", "00").name(), "asset");
    }

    #[test]
    fn hashes_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("f");
        fs::write(&p, b"abc").unwrap();
        assert_eq!(
            sha256_file(&p).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn cache_layout() {
        let d = tempfile::tempdir().unwrap();
        let f = Fetcher::with_root(d.path()).unwrap();
        let a = Asset::new("https://models.example.com/m.bin", "0123456789abcdef0123").named("m.bin");
        assert_eq!(f.path_for(&a), d.path().join("0123456789abcdef").join("m.bin"));
        assert!(!f.is_cached(&a));
    }
}
