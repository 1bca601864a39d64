//! # updsig
//!
//! Caller-driven self-update: fetch a signed manifest from a URL you configure,
//! verify it with a public key you embed, download and digest-check the asset for the
//! current target, stage it next to the executable and swap it in when asked.

mod apply;
pub mod manifest;
mod verify;

pub use apply::{backup_path, rollback, Staged};
pub use manifest::{Asset, Manifest};

use ed25519_dalek::VerifyingKey;
use std::fmt;
use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug)]
pub enum Error {
    Config(&'static str),
    BadKey,
    BadSignature,
    InsecureUrl(String),
    Http(String),
    Manifest(String),
    NameMismatch { expected: String, actual: String },
    NoAssetForTarget(String),
    Downgrade { current: String, offered: String },
    SizeMismatch { expected: u64, actual: u64 },
    DigestMismatch { expected: String, actual: String },
    NoExecutableDir,
    NothingToRollBack,
    Io(std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(m) => write!(f, "updater misconfigured: {m}"),
            Error::BadKey => f.write_str("public key is not a base64 Ed25519 key"),
            Error::BadSignature => f.write_str("manifest signature does not verify"),
            Error::InsecureUrl(u) => write!(f, "refusing non-https URL {u}"),
            Error::Http(m) => write!(f, "download failed: {m}"),
            Error::Manifest(m) => write!(f, "invalid manifest: {m}"),
            Error::NameMismatch { expected, actual } => write!(f, "manifest is for {actual}, expected {expected}"),
            Error::NoAssetForTarget(t) => write!(f, "no release asset for {t}"),
            Error::Downgrade { current, offered } => write!(f, "refusing downgrade {current} -> {offered}"),
            Error::SizeMismatch { expected, actual } => write!(f, "asset size {actual}, expected {expected}"),
            Error::DigestMismatch { expected, actual } => write!(f, "asset sha256 {actual}, expected {expected}"),
            Error::NoExecutableDir => f.write_str("cannot determine executable directory"),
            Error::NothingToRollBack => f.write_str("no previous version to roll back to"),
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

pub struct Builder {
    manifest_url: Option<String>,
    key: Option<String>,
    current: Option<String>,
    name: Option<String>,
    target: Option<String>,
    exe: Option<PathBuf>,
    allow_downgrade: bool,
    allow_http: bool,
    max_size: u64,
    timeout: Duration,
}

impl Builder {
    pub fn manifest_url(mut self, u: impl Into<String>) -> Self {
        self.manifest_url = Some(u.into());
        self
    }

    pub fn public_key_b64(mut self, k: impl Into<String>) -> Self {
        self.key = Some(k.into());
        self
    }

    pub fn current_version(mut self, v: impl Into<String>) -> Self {
        self.current = Some(v.into());
        self
    }

    /// Require `manifest.name` to equal this.
    pub fn name(mut self, n: impl Into<String>) -> Self {
        self.name = Some(n.into());
        self
    }

    pub fn target(mut self, t: impl Into<String>) -> Self {
        self.target = Some(t.into());
        self
    }

    /// Replace this file instead of `std::env::current_exe()`.
    pub fn executable(mut self, p: impl Into<PathBuf>) -> Self {
        self.exe = Some(p.into());
        self
    }

    pub fn allow_downgrade(mut self, on: bool) -> Self {
        self.allow_downgrade = on;
        self
    }

    pub fn allow_insecure_http(mut self, on: bool) -> Self {
        self.allow_http = on;
        self
    }

    pub fn max_asset_size(mut self, bytes: u64) -> Self {
        self.max_size = bytes;
        self
    }

    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    pub fn build(self) -> Result<Updater, Error> {
        let url = self.manifest_url.ok_or(Error::Config("manifest_url is required"))?;
        let key = verify::parse_public_key(&self.key.ok_or(Error::Config("public key is required"))?)?;
        let current = self.current.ok_or(Error::Config("current_version is required"))?;
        let current = semver::Version::parse(current.trim_start_matches('v'))
            .map_err(|_| Error::Config("current_version is not semver"))?;
        let agent = ureq::AgentBuilder::new().timeout(self.timeout).build();
        let u = Updater {
            url,
            key,
            current,
            name: self.name,
            target: self.target.unwrap_or_else(manifest::current_target),
            exe: self.exe,
            allow_downgrade: self.allow_downgrade,
            allow_http: self.allow_http,
            max_size: self.max_size,
            agent,
        };
        u.check_scheme(&u.url)?;
        Ok(u)
    }
}

pub struct Updater {
    url: String,
    key: VerifyingKey,
    current: semver::Version,
    name: Option<String>,
    target: String,
    exe: Option<PathBuf>,
    allow_downgrade: bool,
    allow_http: bool,
    max_size: u64,
    agent: ureq::Agent,
}

impl Updater {
    pub fn builder() -> Builder {
        Builder {
            manifest_url: None,
            key: None,
            current: None,
            name: None,
            target: None,
            exe: None,
            allow_downgrade: false,
            allow_http: false,
            max_size: 256 * 1024 * 1024,
            timeout: Duration::from_secs(60),
        }
    }

    fn check_scheme(&self, url: &str) -> Result<(), Error> {
        if url.starts_with("https://") || (self.allow_http && url.starts_with("http://")) {
            Ok(())
        } else {
            Err(Error::InsecureUrl(url.to_string()))
        }
    }

    fn fetch(&self, url: &str, limit: u64) -> Result<Vec<u8>, Error> {
        self.check_scheme(url)?;
        let resp = self.agent.get(url).call().map_err(|e| Error::Http(e.to_string()))?;
        let mut buf = Vec::new();
        resp.into_reader()
            .take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Error::Http(e.to_string()))?;
        if buf.len() as u64 > limit {
            return Err(Error::Http(format!("{url}: response larger than {limit} bytes")));
        }
        Ok(buf)
    }

    /// Fetch and verify the manifest. Returns `Some` when a newer release exists.
    pub fn check(&self) -> Result<Option<Update<'_>>, Error> {
        let body = self.fetch(&self.url, 1 << 20)?;
        let sig = self.fetch(&format!("{}.sig", self.url), 4096)?;
        verify::verify_manifest(&self.key, &body, &sig)?;
        let m = Manifest::parse(&body).map_err(|e| Error::Manifest(e.to_string()))?;
        if let Some(n) = &self.name {
            if &m.name != n {
                return Err(Error::NameMismatch { expected: n.clone(), actual: m.name });
            }
        }
        let offered = semver::Version::parse(m.version.trim_start_matches('v'))
            .map_err(|e| Error::Manifest(e.to_string()))?;
        if offered == self.current {
            return Ok(None);
        }
        if offered < self.current && !self.allow_downgrade {
            return Err(Error::Downgrade { current: self.current.to_string(), offered: offered.to_string() });
        }
        let asset = m.asset_for(&self.target).cloned().ok_or_else(|| Error::NoAssetForTarget(self.target.clone()))?;
        if asset.size > self.max_size {
            return Err(Error::Manifest(format!("asset is {} bytes, limit {}", asset.size, self.max_size)));
        }
        Ok(Some(Update { updater: self, manifest: m, asset }))
    }
}

/// A verified, available release.
pub struct Update<'u> {
    updater: &'u Updater,
    manifest: Manifest,
    asset: Asset,
}

impl Update<'_> {
    pub fn version(&self) -> &str {
        &self.manifest.version
    }

    pub fn notes(&self) -> &str {
        &self.manifest.notes
    }

    pub fn asset(&self) -> &Asset {
        &self.asset
    }

    /// Download the asset, check size and SHA-256, and stage it next to the executable.
    pub fn download(&self) -> Result<Staged, Error> {
        let data = self.updater.fetch(&self.asset.url, self.asset.size)?;
        verify::check_digest(&data, &self.asset.sha256, self.asset.size)?;
        let exe = match &self.updater.exe {
            Some(p) => p.clone(),
            None => std::env::current_exe().map_err(Error::Io)?,
        };
        apply::stage(&exe, &data, &self.manifest.version)
    }
}
