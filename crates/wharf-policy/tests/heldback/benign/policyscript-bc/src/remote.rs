//! Signed remote policy bundles.
//!
//! A bundle is two resources at a caller-supplied URL: the policy text itself and a detached
//! Ed25519 signature over the exact bytes at `<url>.sig` (base64, standard alphabet). The
//! caller pins the publisher's public key; text that does not verify is never parsed.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use base64::Engine as _;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};

use crate::{Error, PolicySet};

const DEFAULT_MAX_BYTES: u64 = 1 << 20;

/// Where to fetch a policy bundle from and whom to trust.
#[derive(Clone)]
pub struct RemoteSource {
    url: String,
    key: VerifyingKey,
    cache_dir: Option<PathBuf>,
    max_bytes: u64,
    agent: ureq::Agent,
}

impl std::fmt::Debug for RemoteSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteSource").field("url", &self.url).field("cache_dir", &self.cache_dir).finish()
    }
}

impl RemoteSource {
    /// `url` is the policy file; `publisher_key` the Ed25519 public key that must have signed it.
    /// Only `https://` URLs are accepted unless the host is `localhost`.
    pub fn new(url: impl Into<String>, publisher_key: [u8; 32]) -> Result<RemoteSource, Error> {
        let url = url.into();
        let local = url.starts_with("http://localhost") || url.starts_with("http://127.0.0.1");
        if !url.starts_with("https://") && !local {
            return Err(Error::Fetch("policy URLs must use https".into()));
        }
        let key = VerifyingKey::from_bytes(&publisher_key).map_err(|_| Error::Signature)?;
        let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(15)).build();
        Ok(RemoteSource { url, key, cache_dir: None, max_bytes: DEFAULT_MAX_BYTES, agent })
    }

    /// Keep the last verified bundle in `dir` (created if missing) for `load_cached`.
    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> RemoteSource {
        self.cache_dir = Some(dir.into());
        self
    }

    /// Upper bound on the policy size (default 1 MiB).
    pub fn max_bytes(mut self, n: u64) -> RemoteSource {
        self.max_bytes = n;
        self
    }

    fn get(&self, url: &str) -> Result<Vec<u8>, Error> {
        let resp = self.agent.get(url).call().map_err(|e| Error::Fetch(e.to_string()))?;
        let mut body = Vec::new();
        resp.into_reader()
            .take(self.max_bytes + 1)
            .read_to_end(&mut body)
            .map_err(|e| Error::Fetch(e.to_string()))?;
        if body.len() as u64 > self.max_bytes {
            return Err(Error::Fetch(format!("{url}: larger than {} bytes", self.max_bytes)));
        }
        Ok(body)
    }

    fn verify(&self, text: &[u8], sig_b64: &[u8]) -> Result<(), Error> {
        let raw = base64::engine::general_purpose::STANDARD
            .decode(sig_b64.trim_ascii())
            .map_err(|_| Error::Signature)?;
        let sig = Signature::from_slice(&raw).map_err(|_| Error::Signature)?;
        self.key.verify(text, &sig).map_err(|_| Error::Signature)
    }

    fn parse_verified(&self, text: &[u8], sig: &[u8]) -> Result<PolicySet, Error> {
        self.verify(text, sig)?;
        let text = std::str::from_utf8(text).map_err(|_| Error::Fetch("policy is not UTF-8".into()))?;
        PolicySet::parse(text)
    }

    /// Fetches, verifies and parses the bundle; on success updates the cache (if configured).
    pub fn fetch(&self) -> Result<PolicySet, Error> {
        let text = self.get(&self.url)?;
        let sig = self.get(&format!("{}.sig", self.url))?;
        let set = self.parse_verified(&text, &sig)?;
        if let Some(dir) = &self.cache_dir {
            write_cache(dir, &text, &sig)?;
        }
        Ok(set)
    }

    /// Loads the cached bundle, verifying it again (the cache directory is not trusted).
    pub fn load_cached(&self) -> Result<PolicySet, Error> {
        let dir = self.cache_dir.as_ref().ok_or_else(|| Error::Fetch("no cache directory configured".into()))?;
        let text = fs::read(dir.join("policy.ps"))?;
        let sig = fs::read(dir.join("policy.ps.sig"))?;
        self.parse_verified(&text, &sig)
    }
}

fn write_cache(dir: &Path, text: &[u8], sig: &[u8]) -> Result<(), Error> {
    fs::create_dir_all(dir)?;
    for (name, data) in [("policy.ps", text), ("policy.ps.sig", sig)] {
        let tmp = dir.join(format!(".{name}.tmp"));
        fs::write(&tmp, data)?;
        fs::rename(&tmp, dir.join(name))?;
    }
    Ok(())
}

/// Periodically re-fetches a [`RemoteSource`] and publishes the last verified set.
pub struct Refresher {
    current: Arc<RwLock<Arc<PolicySet>>>,
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Refresher {
    /// Starts from `initial` and refreshes every `every`. Failures (network, signature,
    /// parse) keep the previous set and are reported to `on_error`.
    pub fn start<E>(source: RemoteSource, initial: PolicySet, every: Duration, mut on_error: E) -> Refresher
    where
        E: FnMut(&Error) + Send + 'static,
    {
        let current = Arc::new(RwLock::new(Arc::new(initial)));
        let stop = Arc::new(AtomicBool::new(false));
        let (cur, flag) = (current.clone(), stop.clone());
        let handle = thread::Builder::new()
            .name("policyscript-refresh".into())
            .spawn(move || {
                let tick = Duration::from_millis(200);
                let mut waited = Duration::ZERO;
                while !flag.load(Ordering::Relaxed) {
                    thread::sleep(tick);
                    waited += tick;
                    if waited < every {
                        continue;
                    }
                    waited = Duration::ZERO;
                    match source.fetch() {
                        Ok(set) => *cur.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(set),
                        Err(e) => on_error(&e),
                    }
                }
            })
            .ok();
        Refresher { current, stop, handle }
    }

    /// The policy set currently in force.
    pub fn current(&self) -> Arc<PolicySet> {
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Drop for Refresher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
