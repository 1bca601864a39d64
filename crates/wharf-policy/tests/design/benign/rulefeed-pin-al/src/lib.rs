//! Fetch signed rule sets from a caller-configured URL and evaluate them.
//!
//! Nothing in this crate runs on its own: there is no default endpoint,
//! no background refresh and no global state. Call [`fetch`] (or
//! [`load_cached`]) when *you* want new rules.

mod rules;

pub use rules::{parse, Decision, Request, Rule, RuleSet, SyntaxError};

use ed25519_dalek::{Signature, VerifyingKey};
use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug)]
pub enum Error {
    BadKey,
    Http(String),
    TooLarge(u64),
    BadSignature,
    Rollback { cached: u64, offered: u64 },
    Syntax(SyntaxError),
    Io(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadKey => f.write_str("verifying key must be 32 bytes of hex"),
            Error::Http(e) => write!(f, "download failed: {e}"),
            Error::TooLarge(n) => write!(f, "rule set exceeds {n} bytes"),
            Error::BadSignature => f.write_str("signature does not verify"),
            Error::Rollback { cached, offered } => {
                write!(f, "refusing serial {offered}, already have {cached}")
            }
            Error::Syntax(e) => write!(f, "rule syntax: {e}"),
            Error::Io(e) => write!(f, "cache: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// Where to fetch from and how to verify. Everything is caller-supplied.
#[derive(Debug, Clone)]
pub struct FeedConfig {
    url: String,
    sig_url: Option<String>,
    key_hex: String,
    cache_dir: Option<PathBuf>,
    max_bytes: u64,
    timeout: Duration,
}

impl FeedConfig {
    /// `url` is the rule file; its signature is expected at `url + ".sig"`
    /// unless overridden. `key_hex` is the 32-byte ed25519 public key.
    pub fn new(url: impl Into<String>, key_hex: impl Into<String>) -> Self {
        FeedConfig {
            url: url.into(),
            sig_url: None,
            key_hex: key_hex.into(),
            cache_dir: None,
            max_bytes: 256 * 1024,
            timeout: Duration::from_secs(10),
        }
    }

    pub fn signature_url(mut self, url: impl Into<String>) -> Self {
        self.sig_url = Some(url.into());
        self
    }

    /// Keep the last verified rule set here (enables rollback protection
    /// and offline start-up via [`load_cached`]).
    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache_dir = Some(dir.into());
        self
    }

    pub fn max_bytes(mut self, n: u64) -> Self {
        self.max_bytes = n;
        self
    }

    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    fn key(&self) -> Result<VerifyingKey, Error> {
        let raw = hex::decode(self.key_hex.trim()).map_err(|_| Error::BadKey)?;
        let arr: [u8; 32] = raw.try_into().map_err(|_| Error::BadKey)?;
        VerifyingKey::from_bytes(&arr).map_err(|_| Error::BadKey)
    }
}

fn get(agent: &ureq::Agent, url: &str, limit: u64) -> Result<Vec<u8>, Error> {
    let resp = agent.get(url).call().map_err(|e| Error::Http(e.to_string()))?;
    let mut body = Vec::new();
    resp.into_reader()
        .take(limit + 1)
        .read_to_end(&mut body)
        .map_err(|e| Error::Http(e.to_string()))?;
    if body.len() as u64 > limit {
        return Err(Error::TooLarge(limit));
    }
    Ok(body)
}

fn verify(key: &VerifyingKey, body: &[u8], sig: &[u8]) -> Result<(), Error> {
    // accept raw 64-byte signatures or hex text
    let raw = if sig.len() == 64 {
        sig.to_vec()
    } else {
        hex::decode(String::from_utf8_lossy(sig).trim()).map_err(|_| Error::BadSignature)?
    };
    let arr: [u8; 64] = raw.try_into().map_err(|_| Error::BadSignature)?;
    key.verify_strict(body, &Signature::from_bytes(&arr))
        .map_err(|_| Error::BadSignature)
}

fn cache_paths(dir: &Path) -> (PathBuf, PathBuf) {
    (dir.join("rules.txt"), dir.join("rules.txt.sig"))
}

/// Loads the last verified rule set from the cache (re-verifying it).
pub fn load_cached(cfg: &FeedConfig) -> Result<Option<RuleSet>, Error> {
    let dir = match &cfg.cache_dir {
        Some(d) => d,
        None => return Ok(None),
    };
    let (body_p, sig_p) = cache_paths(dir);
    let (body, sig) = match (fs::read(&body_p), fs::read(&sig_p)) {
        (Ok(b), Ok(s)) => (b, s),
        _ => return Ok(None),
    };
    verify(&cfg.key()?, &body, &sig)?;
    let text = String::from_utf8_lossy(&body);
    Ok(Some(parse(&text).map_err(Error::Syntax)?))
}

fn write_atomic(path: &Path, data: &[u8]) -> io::Result<()> {
    let tmp = path.with_extension("tmp");
    fs::write(&tmp, data)?;
    fs::rename(tmp, path)
}

/// Downloads, verifies and parses the rule set. On success the verified
/// copy replaces the cached one.
pub fn fetch(cfg: &FeedConfig) -> Result<RuleSet, Error> {
    let key = cfg.key()?;
    let agent = ureq::AgentBuilder::new()
        .timeout(cfg.timeout)
        .redirects(2)
        .build();
    let body = get(&agent, &cfg.url, cfg.max_bytes)?;
    let sig_url = cfg
        .sig_url
        .clone()
        .unwrap_or_else(|| format!("{}.sig", cfg.url));
    let sig = get(&agent, &sig_url, 1024)?;
    verify(&key, &body, &sig)?;

    let text = String::from_utf8_lossy(&body);
    let set = parse(&text).map_err(Error::Syntax)?;

    if let Some(cached) = load_cached(cfg).ok().flatten() {
        if set.serial < cached.serial {
            return Err(Error::Rollback {
                cached: cached.serial,
                offered: set.serial,
            });
        }
    }
    if let Some(dir) = &cfg.cache_dir {
        fs::create_dir_all(dir)?;
        let (body_p, sig_p) = cache_paths(dir);
        write_atomic(&sig_p, &sig)?;
        write_atomic(&body_p, &body)?;
    }
    Ok(set)
}

/// Fetch, falling back to the cached copy when the server is unreachable.
/// Signature and rollback failures are *not* masked by the fallback.
pub fn fetch_or_cached(cfg: &FeedConfig) -> Result<RuleSet, Error> {
    match fetch(cfg) {
        Ok(s) => Ok(s),
        Err(Error::Http(e)) => load_cached(cfg)?.ok_or(Error::Http(e)),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};

    #[test]
    fn signature_roundtrip() {
        let sk = SigningKey::from_bytes(&[9u8; 32]);
        let body = b"serial 1\ndefault allow\n";
        let sig = sk.sign(body);
        verify(&sk.verifying_key(), body, &sig.to_bytes()).unwrap();
        assert!(verify(&sk.verifying_key(), b"serial 2\n", &sig.to_bytes()).is_err());
    }

    #[test]
    fn bad_key_rejected() {
        let cfg = FeedConfig::new("https://rules.example.com/x", "abcd");
        assert!(matches!(cfg.key(), Err(Error::BadKey)));
    }
}
