//! Signed self-update from GitHub releases.
//!
//! Nothing in this crate performs network access unless [`Updater::check`] or
//! [`Updater::update`] is called.

mod github;
mod verify;

use std::fmt;
use std::io::Read;
use std::time::Duration;

pub use github::{Asset, Release};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("configuration: {0}")]
    Config(&'static str),
    #[error("http: {0}")]
    Http(String),
    #[error("no asset named {0:?} in release {1}")]
    NoAsset(String, String),
    #[error("signature verification failed")]
    BadSignature,
    #[error("invalid version: {0}")]
    Version(#[from] semver::Error),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    UpToDate(String),
    Declined(String),
    Updated(String),
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::UpToDate(v) => write!(f, "already at latest version {v}"),
            Status::Declined(v) => write!(f, "update to {v} declined"),
            Status::Updated(v) => write!(f, "updated to {v}"),
        }
    }
}

type Confirm = Box<dyn Fn(&str, &str) -> bool>;

#[derive(Default)]
pub struct Builder {
    api_base: Option<String>,
    owner: Option<String>,
    repo: Option<String>,
    bin: Option<String>,
    current: Option<String>,
    key: Option<String>,
    target: Option<String>,
    confirm: Option<Confirm>,
}

impl Builder {
    /// Releases API root, e.g. `https://github.example.com/api/v3`.
    pub fn api_base(mut self, u: &str) -> Self {
        self.api_base = Some(u.trim_end_matches('/').to_string());
        self
    }
    pub fn repo(mut self, owner: &str, repo: &str) -> Self {
        self.owner = Some(owner.into());
        self.repo = Some(repo.into());
        self
    }
    pub fn bin_name(mut self, b: &str) -> Self {
        self.bin = Some(b.into());
        self
    }
    pub fn current_version(mut self, v: &str) -> Self {
        self.current = Some(v.into());
        self
    }
    /// Base64 Ed25519 public key that release assets must be signed with.
    pub fn verifying_key(mut self, k: &str) -> Self {
        self.key = Some(k.into());
        self
    }
    /// Override the target triple used to pick the asset.
    pub fn target(mut self, t: &str) -> Self {
        self.target = Some(t.into());
        self
    }
    /// Ask the user before installing.
    pub fn confirm(mut self, f: impl Fn(&str, &str) -> bool + 'static) -> Self {
        self.confirm = Some(Box::new(f));
        self
    }

    pub fn build(self) -> Result<Updater, Error> {
        let key = verify::parse_key(self.key.as_deref().ok_or(Error::Config("verifying_key is required"))?)?;
        Ok(Updater {
            api_base: self.api_base.ok_or(Error::Config("api_base is required"))?,
            owner: self.owner.ok_or(Error::Config("repo is required"))?,
            repo: self.repo.ok_or(Error::Config("repo is required"))?,
            bin: self.bin.ok_or(Error::Config("bin_name is required"))?,
            current: semver::Version::parse(self.current.as_deref().ok_or(Error::Config("current_version is required"))?.trim_start_matches('v'))?,
            key,
            target: self.target.unwrap_or_else(default_target),
            confirm: self.confirm,
            agent: ureq::AgentBuilder::new().timeout(Duration::from_secs(60)).build(),
        })
    }
}

fn default_target() -> String {
    format!("{}-{}", std::env::consts::ARCH, std::env::consts::OS)
}

pub struct Updater {
    api_base: String,
    owner: String,
    repo: String,
    bin: String,
    current: semver::Version,
    key: ed25519_dalek::VerifyingKey,
    target: String,
    confirm: Option<Confirm>,
    agent: ureq::Agent,
}

impl Updater {
    pub fn builder() -> Builder {
        Builder::default()
    }

    fn asset_name(&self, tag: &str) -> String {
        let ext = if cfg!(windows) { ".exe" } else { "" };
        format!("{}-{}-{}{}", self.bin, tag, self.target, ext)
    }

    /// Return the latest release if it is newer than the running version.
    pub fn check(&self) -> Result<Option<Release>, Error> {
        let rel = github::latest(&self.agent, &self.api_base, &self.owner, &self.repo)?;
        let v = semver::Version::parse(rel.tag_name.trim_start_matches('v'))?;
        Ok(if v > self.current { Some(rel) } else { None })
    }

    /// Check, download, verify and install. Call this from an explicit
    /// user-facing command.
    pub fn update(&self) -> Result<Status, Error> {
        let Some(rel) = self.check()? else {
            return Ok(Status::UpToDate(self.current.to_string()));
        };
        if let Some(c) = &self.confirm {
            if !c(&self.current.to_string(), &rel.tag_name) {
                return Ok(Status::Declined(rel.tag_name));
            }
        }
        let name = self.asset_name(&rel.tag_name);
        let sig_name = format!("{name}.sig");
        let asset = rel.asset(&name).ok_or_else(|| Error::NoAsset(name.clone(), rel.tag_name.clone()))?;
        let sig = rel.asset(&sig_name).ok_or_else(|| Error::NoAsset(sig_name.clone(), rel.tag_name.clone()))?;

        let bin = self.download(&asset.browser_download_url, 256 << 20)?;
        let sig = self.download(&sig.browser_download_url, 4096)?;
        verify::check(&self.key, &bin, &sig, &name)?;

        let dir = tempfile::tempdir()?;
        let tmp = dir.path().join(&name);
        std::fs::write(&tmp, &bin)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o755))?;
        }
        self_replace::self_replace(&tmp)?;
        Ok(Status::Updated(rel.tag_name))
    }

    fn download(&self, url: &str, limit: u64) -> Result<Vec<u8>, Error> {
        let resp = self
            .agent
            .get(url)
            .set("Accept", "application/octet-stream")
            .call()
            .map_err(|e| Error::Http(e.to_string()))?;
        let mut buf = Vec::new();
        resp.into_reader().take(limit).read_to_end(&mut buf)?;
        Ok(buf)
    }
}
