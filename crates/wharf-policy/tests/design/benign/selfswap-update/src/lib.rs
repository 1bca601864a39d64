//! Explicit, caller-driven self-update.

use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::env;
use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum Error {
    Http(String),
    Io(io::Error),
    Manifest(String),
    Version(semver::Error),
    HashMismatch { expected: String, actual: String },
    Insecure(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Http(e) => write!(f, "http: {}", e),
            Error::Io(e) => write!(f, "io: {}", e),
            Error::Manifest(e) => write!(f, "manifest: {}", e),
            Error::Version(e) => write!(f, "version: {}", e),
            Error::HashMismatch { expected, actual } => {
                write!(f, "sha256 mismatch: manifest says {}, download is {}", expected, actual)
            }
            Error::Insecure(u) => write!(f, "refusing non-https url {}", u),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

impl From<semver::Error> for Error {
    fn from(e: semver::Error) -> Self {
        Error::Version(e)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

#[derive(Debug, Deserialize)]
struct Manifest {
    releases: Vec<ManifestRelease>,
}

#[derive(Debug, Deserialize)]
struct ManifestRelease {
    version: String,
    #[serde(default)]
    notes: String,
    targets: BTreeMap<String, Asset>,
}

#[derive(Debug, Clone, Deserialize)]
struct Asset {
    url: String,
    sha256: String,
}

/// A newer release for this platform.
#[derive(Debug, Clone)]
pub struct Release {
    pub version: semver::Version,
    pub notes: String,
    url: String,
    sha256: String,
}

pub struct Updater {
    manifest_url: String,
    current: semver::Version,
    target: String,
    allow_prerelease: bool,
}

fn require_https(url: &str) -> Result<()> {
    if url.starts_with("https://") {
        Ok(())
    } else {
        Err(Error::Insecure(url.to_string()))
    }
}

/// Target key used in manifests, e.g. `x86_64-linux`.
pub fn current_target() -> String {
    format!("{}-{}", env::consts::ARCH, env::consts::OS)
}

impl Updater {
    pub fn new(manifest_url: &str, current_version: &str) -> Result<Self> {
        require_https(manifest_url)?;
        Ok(Updater {
            manifest_url: manifest_url.to_string(),
            current: semver::Version::parse(current_version)?,
            target: current_target(),
            allow_prerelease: false,
        })
    }

    pub fn allow_prerelease(mut self, yes: bool) -> Self {
        self.allow_prerelease = yes;
        self
    }

    pub fn target(mut self, t: &str) -> Self {
        self.target = t.to_string();
        self
    }

    /// Fetch the manifest and return the newest release above the current version, if any.
    pub fn check(&self) -> Result<Option<Release>> {
        let body = ureq::get(&self.manifest_url)
            .call()
            .map_err(|e| Error::Http(e.to_string()))?
            .into_string()
            .map_err(Error::Io)?;
        let m: Manifest = serde_json::from_str(&body).map_err(|e| Error::Manifest(e.to_string()))?;
        let mut best: Option<Release> = None;
        for r in m.releases {
            let v = semver::Version::parse(&r.version)?;
            if v <= self.current || (!v.pre.is_empty() && !self.allow_prerelease) {
                continue;
            }
            let Some(asset) = r.targets.get(&self.target) else { continue };
            if best.as_ref().map(|b| v > b.version).unwrap_or(true) {
                best = Some(Release { version: v, notes: r.notes.clone(), url: asset.url.clone(), sha256: asset.sha256.to_lowercase() });
            }
        }
        Ok(best)
    }

    /// Download `rel` next to the running executable and verify its hash.
    pub fn download(&self, rel: &Release) -> Result<Staged> {
        require_https(&rel.url)?;
        let exe = env::current_exe()?;
        let dir = exe.parent().ok_or_else(|| Error::Io(io::Error::new(io::ErrorKind::NotFound, "no exe dir")))?;
        let staged = dir.join(format!(".{}.new", file_name(&exe)));
        let resp = ureq::get(&rel.url).call().map_err(|e| Error::Http(e.to_string()))?;
        let mut bytes = Vec::new();
        resp.into_reader().take(512 * 1024 * 1024).read_to_end(&mut bytes)?;
        let actual = hex(&Sha256::digest(&bytes));
        if actual != rel.sha256 {
            return Err(Error::HashMismatch { expected: rel.sha256.clone(), actual });
        }
        fs::write(&staged, &bytes)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&exe)?.permissions().mode();
            fs::set_permissions(&staged, fs::Permissions::from_mode(mode))?;
        }
        Ok(Staged { exe, staged })
    }
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "app".into())
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{:02x}", x)).collect()
}

/// A verified download waiting to replace the running executable.
pub struct Staged {
    exe: PathBuf,
    staged: PathBuf,
}

impl Staged {
    pub fn path(&self) -> &Path {
        &self.staged
    }

    /// Swap the new binary into place. Returns where the old one was saved.
    /// The running process keeps running the old code until the user restarts it.
    pub fn apply(self) -> Result<PathBuf> {
        let backup = self.exe.with_file_name(format!("{}.old", file_name(&self.exe)));
        let _ = fs::remove_file(&backup);
        fs::rename(&self.exe, &backup)?;
        if let Err(e) = fs::rename(&self.staged, &self.exe) {
            // put the old one back
            let _ = fs::rename(&backup, &self.exe);
            return Err(e.into());
        }
        Ok(backup)
    }

    /// Throw the download away.
    pub fn discard(self) -> Result<()> {
        fs::remove_file(&self.staged)?;
        Ok(())
    }
}

/// Restore a backup produced by [`Staged::apply`].
pub fn rollback(backup: &Path) -> Result<()> {
    let name = file_name(backup);
    let original = backup.with_file_name(name.trim_end_matches(".old"));
    fs::rename(backup, original)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_http() {
        assert!(Updater::new("http://updates.example.com/m.json", "1.0.0").is_err());
        assert!(Updater::new("https://updates.example.com/m.json", "1.0.0").is_ok());
    }

    #[test]
    fn parses_manifest() {
        let m: Manifest = serde_json::from_str(
            r#"{"releases":[{"version":"1.1.0","targets":{"x86_64-linux":{"url":"https://updates.example.com/a","sha256":"00"}}}]}"#,
        )
        .unwrap();
        assert_eq!(m.releases[0].targets["x86_64-linux"].sha256, "00");
    }
}
