use std::io::Read;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::{Error, Limits, RuleSet};

/// A rule script published at a URL.
#[derive(Debug, Clone)]
pub struct RuleFeed {
    url: String,
    pin: Option<String>,
    max_bytes: usize,
    allow_http: bool,
    timeout: Duration,
    limits: Limits,
}

impl RuleFeed {
    /// A feed at `url`. Only `https://` is accepted unless [`allow_http`](Self::allow_http).
    pub fn new(url: impl Into<String>) -> Self {
        RuleFeed {
            url: url.into(),
            pin: None,
            max_bytes: 256 * 1024,
            allow_http: false,
            timeout: Duration::from_secs(10),
            limits: Limits::default(),
        }
    }

    /// Require the downloaded script to have this SHA-256 (hex).
    pub fn pin_sha256(mut self, hex: impl Into<String>) -> Self {
        self.pin = Some(hex.into().to_ascii_lowercase());
        self
    }

    /// Maximum accepted script size.
    pub fn max_bytes(mut self, n: usize) -> Self {
        self.max_bytes = n;
        self
    }

    /// Permit plain `http://` (for local development servers).
    pub fn allow_http(mut self, yes: bool) -> Self {
        self.allow_http = yes;
        self
    }

    /// Request timeout.
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    /// Sandbox limits for the compiled rule set.
    pub fn limits(mut self, l: Limits) -> Self {
        self.limits = l;
        self
    }

    pub(crate) fn check_url(&self) -> Result<(), Error> {
        let lower = self.url.to_ascii_lowercase();
        if lower.starts_with("https://") || (self.allow_http && lower.starts_with("http://")) {
            Ok(())
        } else {
            Err(Error::InsecureUrl(self.url.clone()))
        }
    }

    pub(crate) fn check_body(&self, body: &[u8]) -> Result<(), Error> {
        if body.len() > self.max_bytes {
            return Err(Error::TooLarge(self.max_bytes));
        }
        if let Some(pin) = &self.pin {
            let actual: String = Sha256::digest(body).iter().map(|b| format!("{b:02x}")).collect();
            if &actual != pin {
                return Err(Error::PinMismatch { pinned: pin.clone(), actual });
            }
        }
        Ok(())
    }

    /// Download, verify and compile the feed.
    pub fn fetch(&self) -> Result<RuleSet, Error> {
        self.check_url()?;
        log::debug!("fetching rule feed {}", self.url);
        let resp = ureq::get(&self.url)
            .timeout(self.timeout)
            .call()
            .map_err(|e| Error::Fetch(e.to_string()))?;
        let mut body = Vec::new();
        resp.into_reader()
            .take(self.max_bytes as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| Error::Fetch(e.to_string()))?;
        self.check_body(&body)?;
        let src = String::from_utf8(body).map_err(|_| Error::Fetch("feed is not UTF-8".into()))?;
        RuleSet::from_source_with_limits(&src, self.limits.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_plain_http_by_default() {
        assert!(matches!(RuleFeed::new("http://rules.example.com/a.rhai").check_url(), Err(Error::InsecureUrl(_))));
        assert!(RuleFeed::new("http://192.0.2.10:8000/a.rhai").allow_http(true).check_url().is_ok());
        assert!(matches!(RuleFeed::new("file:///tmp/rules.rhai").allow_http(true).check_url(), Err(Error::InsecureUrl(_))));
    }

    #[test]
    fn pin_is_enforced() {
        // sha256("fn decide(ev) { true }")
        let body = b"fn decide(ev) { true }";
        let good: String = Sha256::digest(body).iter().map(|b| format!("{b:02x}")).collect();
        assert!(RuleFeed::new("https://x.example.com").pin_sha256(good).check_body(body).is_ok());
        let bad = RuleFeed::new("https://x.example.com").pin_sha256("00".repeat(32));
        assert!(matches!(bad.check_body(body), Err(Error::PinMismatch { .. })));
    }

    #[test]
    fn size_cap() {
        let f = RuleFeed::new("https://x.example.com").max_bytes(4);
        assert!(matches!(f.check_body(b"12345"), Err(Error::TooLarge(4))));
    }
}
