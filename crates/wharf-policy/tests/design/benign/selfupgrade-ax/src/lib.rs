//! Signed self-update for command-line tools.
//!
//! The caller supplies the manifest URL and the ed25519 public key; every
//! step (check, download, apply, rollback) is an explicit call. See the
//! README for the manifest format.

use std::env;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use ed25519_dalek::VerifyingKey;
use sha2::{Digest, Sha256};

mod manifest;
mod version;

pub use version::Version;

/// Hard cap for downloads when the manifest does not state a size.
const DEFAULT_MAX_SIZE: u64 = 512 << 20;

#[derive(Debug)]
pub enum Error {
    BadKey,
    BadSignature,
    Manifest(String),
    Version(String),
    NoAsset(String),
    InsecureUrl(String),
    Http(String),
    Checksum,
    TooLarge(u64),
    NothingToRollBack,
    Io(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadKey => f.write_str("public key is not a base64 ed25519 key"),
            Error::BadSignature => f.write_str("manifest signature verification failed"),
            Error::Manifest(e) => write!(f, "invalid manifest: {e}"),
            Error::Version(e) => write!(f, "invalid version: {e}"),
            Error::NoAsset(t) => write!(f, "release has no asset for target {t}"),
            Error::InsecureUrl(u) => write!(f, "refusing non-https URL {u}"),
            Error::Http(e) => write!(f, "download failed: {e}"),
            Error::Checksum => f.write_str("downloaded file does not match the signed checksum"),
            Error::TooLarge(n) => write!(f, "download exceeds size limit ({n} bytes)"),
            Error::NothingToRollBack => f.write_str("no previous version to roll back to"),
            Error::Io(e) => write!(f, "i/o error: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// A newer release found by [`Updater::check`].
#[derive(Debug, Clone)]
pub struct Release {
    pub version: Version,
    pub notes: Option<String>,
    pub target: String,
    url: String,
    sha256: String,
    size: Option<u64>,
}

/// Checks for and installs signed updates of the running executable.
#[derive(Debug, Clone)]
pub struct Updater {
    manifest_url: String,
    key: VerifyingKey,
    current: Version,
    allow_prerelease: bool,
    allow_downgrade: bool,
    allow_http: bool,
    target: String,
    agent: ureq::Agent,
}

fn check_scheme(url: &str, allow_http: bool) -> Result<(), Error> {
    if url.starts_with("https://") || (allow_http && url.starts_with("http://")) {
        Ok(())
    } else {
        Err(Error::InsecureUrl(url.to_string()))
    }
}

impl Updater {
    /// `manifest_url`: where `manifest.json` lives (its signature is read
    /// from `<manifest_url>.sig`); `public_key_b64`: your release key;
    /// `current_version`: usually `env!("CARGO_PKG_VERSION")`.
    pub fn new(manifest_url: &str, public_key_b64: &str, current_version: &str) -> Result<Updater, Error> {
        check_scheme(manifest_url, false)?;
        Ok(Updater {
            manifest_url: manifest_url.to_string(),
            key: manifest::parse_key(public_key_b64)?,
            current: current_version.parse().map_err(Error::Version)?,
            allow_prerelease: false,
            allow_downgrade: false,
            allow_http: false,
            target: manifest::current_target().to_string(),
            agent: ureq::AgentBuilder::new()
                .timeout_connect(Duration::from_secs(10))
                .timeout_read(Duration::from_secs(60))
                .user_agent(concat!("selfupgrade/", env!("CARGO_PKG_VERSION")))
                .build(),
        })
    }

    pub fn allow_prerelease(mut self, yes: bool) -> Self {
        self.allow_prerelease = yes;
        self
    }

    /// Accept a release older than the running one (e.g. for `--force`).
    pub fn allow_downgrade(mut self, yes: bool) -> Self {
        self.allow_downgrade = yes;
        self
    }

    /// Permit plain-http URLs (tests against a local server only).
    pub fn allow_insecure_http_for_tests(mut self, yes: bool) -> Self {
        self.allow_http = yes;
        self
    }

    /// Override the asset key (defaults to the compile-time target triple).
    pub fn target(mut self, t: impl Into<String>) -> Self {
        self.target = t.into();
        self
    }

    fn fetch_text(&self, url: &str) -> Result<Vec<u8>, Error> {
        let resp = self.agent.get(url).call().map_err(|e| Error::Http(e.to_string()))?;
        let mut body = Vec::new();
        resp.into_reader().take(1 << 20).read_to_end(&mut body)?;
        Ok(body)
    }

    /// Fetch and verify the manifest; `Some` if it offers an acceptable
    /// release for this target.
    pub fn check(&self) -> Result<Option<Release>, Error> {
        let body = self.fetch_text(&self.manifest_url)?;
        let sig = self.fetch_text(&format!("{}.sig", self.manifest_url))?;
        let sig = String::from_utf8(sig).map_err(|_| Error::BadSignature)?;
        let m = manifest::verify_and_parse(&self.key, &body, &sig)?;
        let version: Version = m.version.parse().map_err(Error::Version)?;
        if version.is_prerelease() && !self.allow_prerelease {
            return Ok(None);
        }
        let newer = version > self.current;
        if !newer && !(self.allow_downgrade && version != self.current) {
            return Ok(None);
        }
        let asset = m.assets.get(&self.target).ok_or_else(|| Error::NoAsset(self.target.clone()))?;
        check_scheme(&asset.url, self.allow_http)?;
        Ok(Some(Release {
            version,
            notes: m.notes,
            target: self.target.clone(),
            url: asset.url.clone(),
            sha256: asset.sha256.clone(),
            size: asset.size,
        }))
    }

    /// Download the release next to the running executable and verify it.
    /// The running executable is not touched.
    pub fn download(&self, release: &Release) -> Result<Staged, Error> {
        check_scheme(&release.url, self.allow_http)?;
        let exe = env::current_exe()?.canonicalize()?;
        let dir = exe.parent().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "executable has no parent"))?;
        let name = exe.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let staged = dir.join(format!(".{name}.selfupgrade-{}", std::process::id()));

        let limit = release.size.unwrap_or(DEFAULT_MAX_SIZE);
        let resp = self.agent.get(&release.url).call().map_err(|e| Error::Http(e.to_string()))?;
        let mut reader = resp.into_reader().take(limit + 1);
        let mut file = File::create(&staged)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut total = 0u64;
        let result = (|| -> Result<(), Error> {
            loop {
                let n = reader.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                total += n as u64;
                if total > limit {
                    return Err(Error::TooLarge(total));
                }
                hasher.update(&buf[..n]);
                file.write_all(&buf[..n])?;
            }
            file.sync_all()?;
            if !manifest::hex_eq(&release.sha256, &hasher.finalize()) {
                return Err(Error::Checksum);
            }
            Ok(())
        })();
        if let Err(e) = result {
            let _ = fs::remove_file(&staged);
            return Err(e);
        }
        Ok(Staged { path: staged, exe, version: release.version.clone() })
    }
}

/// A verified download waiting to be applied.
#[derive(Debug)]
pub struct Staged {
    path: PathBuf,
    exe: PathBuf,
    version: Version,
}

fn backup_path(exe: &Path) -> PathBuf {
    let mut s = exe.as_os_str().to_owned();
    s.push(".old");
    PathBuf::from(s)
}

impl Staged {
    pub fn version(&self) -> &Version {
        &self.version
    }

    /// Replace the executable. The previous binary is kept as `<exe>.old`.
    /// The new version takes effect the next time the program is started.
    pub fn apply(self) -> Result<PathBuf, Error> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&self.exe)?.permissions().mode() & 0o777;
            fs::set_permissions(&self.path, fs::Permissions::from_mode(mode))?;
        }
        let backup = backup_path(&self.exe);
        let _ = fs::remove_file(&backup);
        fs::rename(&self.exe, &backup)?;
        if let Err(e) = fs::rename(&self.path, &self.exe) {
            // put the original back
            let _ = fs::rename(&backup, &self.exe);
            return Err(e.into());
        }
        let exe = self.exe.clone();
        std::mem::forget(self);
        Ok(exe)
    }

    /// Discard the download.
    pub fn discard(self) {
        drop(self);
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Restore `<exe>.old` over the current executable.
pub fn rollback() -> Result<PathBuf, Error> {
    let exe = env::current_exe()?.canonicalize()?;
    let backup = backup_path(&exe);
    if !backup.exists() {
        return Err(Error::NothingToRollBack);
    }
    fs::rename(&backup, &exe)?;
    Ok(exe)
}
