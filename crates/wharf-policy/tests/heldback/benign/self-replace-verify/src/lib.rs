//! Signed self-update for command-line tools.

use minisign_verify::{PublicKey, Signature};
use std::io::{self, Read, Write};

#[derive(Debug)]
pub enum Error {
    Http(String),
    BadVersion(String),
    BadSignature,
    NotHttps,
    Io(io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Http(e) => write!(f, "download failed: {e}"),
            Error::BadVersion(v) => write!(f, "invalid version string {v:?}"),
            Error::BadSignature => f.write_str("signature verification failed; refusing to install"),
            Error::NotHttps => f.write_str("update URL must use https"),
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}
impl std::error::Error for Error {}
impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

pub struct Updater {
    base: String,
    current: String,
    pubkey: String,
    bin_name: String,
    target: String,
}

const MAX_SIZE: u64 = 200 * 1024 * 1024;

fn get(url: &str, limit: u64) -> Result<Vec<u8>, Error> {
    let resp = ureq::get(url).call().map_err(|e| Error::Http(e.to_string()))?;
    let mut buf = Vec::new();
    resp.into_reader().take(limit).read_to_end(&mut buf)?;
    Ok(buf)
}

impl Updater {
    pub fn new(base: &str, current_version: &str, minisign_pubkey: &str) -> Self {
        let exe = std::env::current_exe().ok();
        let bin_name = exe
            .as_ref()
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "app".into());
        Updater {
            base: base.trim_end_matches('/').to_string(),
            current: current_version.to_string(),
            pubkey: minisign_pubkey.to_string(),
            bin_name,
            target: format!("{}-{}", std::env::consts::ARCH, std::env::consts::OS),
        }
    }

    pub fn latest_version(&self) -> Result<semver::Version, Error> {
        let raw = get(&format!("{}/latest.txt", self.base), 64)?;
        let s = String::from_utf8_lossy(&raw).trim().to_string();
        semver::Version::parse(&s).map_err(|_| Error::BadVersion(s))
    }

    /// Returns `Ok(Some(version))` if an update was installed.
    pub fn update_if_newer(&self) -> Result<Option<semver::Version>, Error> {
        if !self.base.starts_with("https://") {
            return Err(Error::NotHttps);
        }
        let cur = semver::Version::parse(&self.current).map_err(|_| Error::BadVersion(self.current.clone()))?;
        let latest = self.latest_version()?;
        if latest <= cur {
            return Ok(None);
        }
        let file = format!("{}-{}{}", self.bin_name, self.target, std::env::consts::EXE_SUFFIX);
        let url = format!("{}/{}/{}", self.base, latest, file);
        let bin = get(&url, MAX_SIZE)?;
        let sig = get(&format!("{url}.minisig"), 4096)?;

        let pk = PublicKey::from_base64(&self.pubkey).map_err(|_| Error::BadSignature)?;
        let sig = Signature::decode(&String::from_utf8_lossy(&sig)).map_err(|_| Error::BadSignature)?;
        pk.verify(&bin, &sig, false).map_err(|_| Error::BadSignature)?;

        let mut tmp = tempfile::NamedTempFile::new()?;
        tmp.write_all(&bin)?;
        tmp.flush()?;
        self_replace::self_replace(tmp.path())?;
        Ok(Some(latest))
    }
}
