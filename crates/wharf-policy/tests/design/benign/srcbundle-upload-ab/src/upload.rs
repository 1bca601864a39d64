//! Upload to a user-configured symbol server.

use crate::{Bundle, Error, Result};
use std::time::Duration;

/// Uploads bundles with a multipart-free `PUT`-style POST of the zip body.
#[derive(Clone)]
pub struct Uploader {
    endpoint: String,
    token: Option<String>,
    allow_insecure: bool,
    timeout: Duration,
}

impl std::fmt::Debug for Uploader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Uploader")
            .field("endpoint", &self.endpoint)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl Uploader {
    /// `endpoint` is the full URL of your symbol server's upload route.
    pub fn new(endpoint: impl Into<String>) -> Self {
        Uploader { endpoint: endpoint.into(), token: None, allow_insecure: false, timeout: Duration::from_secs(120) }
    }

    pub fn bearer_token(mut self, t: impl Into<String>) -> Self {
        self.token = Some(t.into());
        self
    }

    /// Permit `http://` endpoints (e.g. a symbol server on localhost).
    pub fn allow_insecure(mut self, yes: bool) -> Self {
        self.allow_insecure = yes;
        self
    }

    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    fn check_scheme(&self) -> Result<()> {
        if self.endpoint.starts_with("https://") || (self.allow_insecure && self.endpoint.starts_with("http://")) {
            Ok(())
        } else {
            Err(Error::Insecure(self.endpoint.clone()))
        }
    }

    /// Upload `bundle`; returns the bundle id. Skips the body if the server
    /// already has this id (`HEAD` returns 200).
    pub fn upload(&self, bundle: &Bundle) -> Result<String> {
        self.check_scheme()?;
        let id = bundle.id();
        let agent = ureq::AgentBuilder::new().timeout(self.timeout).build();
        let auth = self.token.as_ref().map(|t| format!("Bearer {t}"));

        let mut head = agent.head(&format!("{}{}", self.endpoint, id));
        if let Some(a) = &auth {
            head = head.set("Authorization", a);
        }
        if let Ok(r) = head.call() {
            if r.status() == 200 {
                return Ok(id);
            }
        }

        let mut req = agent
            .post(&self.endpoint)
            .set("Content-Type", "application/zip")
            .set("X-Bundle-Id", &id);
        if let Some(release) = &bundle.manifest().release {
            req = req.set("X-Release", release);
        }
        if let Some(a) = &auth {
            req = req.set("Authorization", a);
        }
        match req.send_bytes(bundle.bytes()) {
            Ok(_) => Ok(id),
            Err(ureq::Error::Status(code, r)) => {
                Err(Error::Upload(format!("{code}: {}", r.into_string().unwrap_or_default())))
            }
            Err(e) => Err(Error::Upload(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_refused_by_default() {
        assert!(Uploader::new("http://127.0.0.1:9000/upload/").check_scheme().is_err());
        assert!(Uploader::new("http://127.0.0.1:9000/upload/").allow_insecure(true).check_scheme().is_ok());
        assert!(Uploader::new("https://symbols.example.com/u/").check_scheme().is_ok());
    }

    #[test]
    fn debug_redacts_token() {
        let u = Uploader::new("https://symbols.example.com/u/").bearer_token("FAKE-TOKEN");
        assert!(!format!("{u:?}").contains("FAKE-TOKEN"));
    }
}
