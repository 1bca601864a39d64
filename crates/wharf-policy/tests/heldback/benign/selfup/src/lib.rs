//! Signed self-update.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ed25519_dalek::{Signature, VerifyingKey};
use std::io::{Read, Write};

mod replace;

#[derive(Debug)]
pub enum Error {
    Http(String),
    BadSignature,
    BadManifest,
    Io(std::io::Error),
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

pub struct Updater {
    base: String,
    current: semver::Version,
    key: VerifyingKey,
}

fn target() -> String {
    format!("{}-{}", std::env::consts::ARCH, std::env::consts::OS)
}

impl Updater {
    pub fn new(base: &str, current: &str, pubkey: [u8; 32]) -> Self {
        Updater {
            base: base.trim_end_matches('/').to_string(),
            current: semver::Version::parse(current).expect("valid version"),
            key: VerifyingKey::from_bytes(&pubkey).expect("valid ed25519 public key"),
        }
    }

    fn get(&self, path: &str) -> Result<Vec<u8>, Error> {
        let resp = ureq::get(&format!("{}/{}", self.base, path)).call().map_err(|e| Error::Http(e.to_string()))?;
        let mut v = Vec::new();
        resp.into_reader().take(256 << 20).read_to_end(&mut v)?;
        Ok(v)
    }

    /// Newer version available, if any.
    pub fn check(&self) -> Result<Option<semver::Version>, Error> {
        let latest = String::from_utf8(self.get("LATEST")?).map_err(|_| Error::BadManifest)?;
        let v = semver::Version::parse(latest.trim()).map_err(|_| Error::BadManifest)?;
        Ok((v > self.current).then_some(v))
    }

    pub fn apply(&self, v: &semver::Version) -> Result<(), Error> {
        let name = format!("{v}/{}", target());
        let bin = self.get(&name)?;
        let sig_b64 = self.get(&format!("{name}.sig"))?;
        let sig = STANDARD.decode(sig_b64.trim_ascii()).map_err(|_| Error::BadSignature)?;
        let sig = Signature::from_slice(&sig).map_err(|_| Error::BadSignature)?;
        self.key.verify_strict(&bin, &sig).map_err(|_| Error::BadSignature)?;

        let exe = std::env::current_exe()?;
        let dir = exe.parent().ok_or_else(|| std::io::Error::other("no parent dir"))?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        tmp.write_all(&bin)?;
        tmp.as_file().sync_all()?;
        replace::swap(tmp, &exe)
    }
}
