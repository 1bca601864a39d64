//! Explicit upload of a finished bundle (feature `upload`).
//!
//! Nothing here runs unless the caller invokes [`upload`] with a [`Target`]
//! they constructed; there is no default or built-in endpoint.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::Error;

/// Where to send the bundle.
#[derive(Clone)]
pub struct Target {
    url: String,
    token: Option<String>,
    allow_insecure: bool,
    timeout: Duration,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Target")
            .field("url", &self.url)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("allow_insecure", &self.allow_insecure)
            .finish()
    }
}

impl Target {
    pub fn new(url: impl Into<String>) -> Self {
        Target { url: url.into(), token: None, allow_insecure: false, timeout: Duration::from_secs(120) }
    }

    /// Send `Authorization: Bearer <token>`.
    pub fn bearer_token(mut self, t: impl Into<String>) -> Self {
        self.token = Some(t.into());
        self
    }

    /// Permit `http://` URLs (e.g. a local test server).
    pub fn allow_insecure(mut self, yes: bool) -> Self {
        self.allow_insecure = yes;
        self
    }

    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }
}

/// What the server acknowledged.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub status: u16,
    pub sha256: String,
    pub bytes: u64,
    pub body: String,
}

/// POST the archive at `archive` to `target` as `application/gzip`.
pub fn upload(archive: impl AsRef<Path>, target: &Target) -> Result<Receipt, Error> {
    if !target.url.starts_with("https://") && !target.allow_insecure {
        return Err(Error::Upload(format!(
            "refusing to upload over plain HTTP to {}; use allow_insecure(true) if you really mean it",
            target.url
        )));
    }
    let mut data = Vec::new();
    File::open(archive.as_ref())?.read_to_end(&mut data)?;
    let sha: String = Sha256::digest(&data).iter().map(|b| format!("{b:02x}")).collect();

    let agent = ureq::AgentBuilder::new().timeout(target.timeout).build();
    let mut req = agent
        .post(&target.url)
        .set("Content-Type", "application/gzip")
        .set("X-Content-SHA256", &sha)
        .set("User-Agent", concat!("srcpack/", env!("CARGO_PKG_VERSION")));
    if let Some(t) = &target.token {
        req = req.set("Authorization", &format!("Bearer {t}"));
    }
    match req.send_bytes(&data) {
        Ok(resp) => {
            let status = resp.status();
            let body = resp.into_string().unwrap_or_default();
            Ok(Receipt { status, sha256: sha, bytes: data.len() as u64, body })
        }
        Err(ureq::Error::Status(code, resp)) => Err(Error::Upload(format!(
            "server returned {code}: {}",
            resp.into_string().unwrap_or_default()
        ))),
        Err(e) => Err(Error::Upload(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_refused_by_default() {
        let t = Target::new("http://192.0.2.10/upload");
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.tar.gz");
        std::fs::write(&p, b"x").unwrap();
        assert!(matches!(upload(&p, &t), Err(Error::Upload(_))));
    }

    #[test]
    fn debug_redacts_token() {
        let t = Target::new("https://symbols.example.com/").bearer_token("FAKE-TOKEN");
        assert!(!format!("{t:?}").contains("FAKE-TOKEN"));
    }
}
