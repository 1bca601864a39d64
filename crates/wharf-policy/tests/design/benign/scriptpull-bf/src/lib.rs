//! Signed, sandboxed, hot-reloaded Rhai scripts from an endpoint you control.

mod fetch;
mod sandbox;
mod verify;

pub use sandbox::Limits;
pub use verify::{parse_version, VerifyError};

use rhai::{Dynamic, Engine, FuncArgs, Scope, AST};
use std::fmt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, SystemTime};

/// Where and how to pull the script.
#[derive(Debug, Clone)]
pub struct FeedConfig {
    pub(crate) url: String,
    pub(crate) signature_url: String,
    pub(crate) public_key: [u8; 32],
    pub(crate) pin_sha256: Option<[u8; 32]>,
    pub(crate) cache_dir: Option<PathBuf>,
    pub(crate) poll: Option<Duration>,
    pub(crate) timeout: Duration,
    pub(crate) max_bytes: u64,
    pub(crate) limits: Limits,
}

impl FeedConfig {
    /// `url` of the script and the Ed25519 public key its signatures must
    /// verify against. Both are mandatory; there are no defaults.
    pub fn new(url: impl Into<String>, public_key: [u8; 32]) -> FeedConfig {
        let url = url.into();
        FeedConfig {
            signature_url: format!("{url}.sig"),
            url,
            public_key,
            pin_sha256: None,
            cache_dir: None,
            poll: None,
            timeout: Duration::from_secs(10),
            max_bytes: 256 * 1024,
            limits: Limits::default(),
        }
    }

    pub fn signature_url(mut self, u: impl Into<String>) -> Self {
        self.signature_url = u.into();
        self
    }
    /// Only accept a script with exactly this SHA-256.
    pub fn pin_sha256(mut self, h: [u8; 32]) -> Self {
        self.pin_sha256 = Some(h);
        self
    }
    /// Keep the last verified script (and its signature) here so the
    /// service can start while the endpoint is down.
    pub fn cache_dir(mut self, d: impl Into<PathBuf>) -> Self {
        self.cache_dir = Some(d.into());
        self
    }
    /// Re-check the endpoint periodically (ETag-conditional).
    pub fn poll_every(mut self, d: Duration) -> Self {
        self.poll = Some(d);
        self
    }
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }
    pub fn max_bytes(mut self, n: u64) -> Self {
        self.max_bytes = n;
        self
    }
    pub fn limits(mut self, l: Limits) -> Self {
        self.limits = l;
        self
    }
}

/// Errors from starting a feed or calling into it.
#[derive(Debug)]
pub enum Error {
    Fetch(String),
    Verify(VerifyError),
    Compile(String),
    Call(String),
    NoScript,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Fetch(e) => write!(f, "fetch failed: {e}"),
            Error::Verify(e) => write!(f, "verification failed: {e}"),
            Error::Compile(e) => write!(f, "script does not compile: {e}"),
            Error::Call(e) => write!(f, "script error: {e}"),
            Error::NoScript => f.write_str("no verified script available"),
        }
    }
}

impl std::error::Error for Error {}

/// Health of the feed, for dashboards and readiness checks.
#[derive(Debug, Clone, Default)]
pub struct FeedStatus {
    pub version: Option<u64>,
    pub sha256: Option<String>,
    pub loaded_at: Option<SystemTime>,
    pub last_check: Option<SystemTime>,
    pub last_error: Option<String>,
    pub from_cache: bool,
}

struct Loaded {
    ast: AST,
    version: u64,
}

struct Shared {
    cfg: FeedConfig,
    engine: Engine,
    current: RwLock<Option<Loaded>>,
    etag: Mutex<Option<String>>,
    status: Mutex<FeedStatus>,
}

/// A running feed. Dropping it stops the poller.
pub struct ScriptFeed {
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    poller: Option<JoinHandle<()>>,
}

impl ScriptFeed {
    /// Builds the sandboxed engine, lets `setup` register the host API,
    /// loads the cached script (if any) and fetches the current one.
    /// Fails only if neither yields a verified script.
    pub fn start<F>(cfg: FeedConfig, setup: F) -> Result<ScriptFeed, Error>
    where
        F: FnOnce(&mut Engine),
    {
        let mut engine = sandbox::engine(&cfg.limits);
        setup(&mut engine);
        let shared = Arc::new(Shared {
            cfg,
            engine,
            current: RwLock::new(None),
            etag: Mutex::new(None),
            status: Mutex::new(FeedStatus::default()),
        });
        if let Some((script, sig)) = fetch::read_cache(&shared.cfg) {
            let _ = shared.install(&script, &sig, true);
        }
        let fresh = shared.refresh();
        if shared.current.read().unwrap().is_none() {
            return Err(fresh.err().unwrap_or(Error::NoScript));
        }
        let stop = Arc::new(AtomicBool::new(false));
        let poller = shared.cfg.poll.map(|every| {
            let (sh, st) = (shared.clone(), stop.clone());
            thread::Builder::new()
                .name("scriptpull-poll".into())
                .spawn(move || {
                    while !st.load(Ordering::Relaxed) {
                        let mut waited = Duration::ZERO;
                        while waited < every && !st.load(Ordering::Relaxed) {
                            thread::sleep(Duration::from_millis(250));
                            waited += Duration::from_millis(250);
                        }
                        if !st.load(Ordering::Relaxed) {
                            let _ = sh.refresh();
                        }
                    }
                })
                .expect("spawn poller")
        });
        Ok(ScriptFeed { shared, stop, poller })
    }

    /// Calls a function defined by the current script.
    pub fn call<T: Clone + Send + Sync + 'static>(&self, name: &str, args: impl FuncArgs) -> Result<T, Error> {
        let g = self.shared.current.read().unwrap();
        let loaded = g.as_ref().ok_or(Error::NoScript)?;
        let mut scope = Scope::new();
        self.shared
            .engine
            .call_fn::<T>(&mut scope, &loaded.ast, name, args)
            .map_err(|e| Error::Call(e.to_string()))
    }

    /// Like [`call`](Self::call) but returns a `Dynamic`.
    pub fn call_dynamic(&self, name: &str, args: impl FuncArgs) -> Result<Dynamic, Error> {
        self.call::<Dynamic>(name, args)
    }

    /// Forces a check now (the poller does this periodically).
    pub fn refresh_now(&self) -> Result<bool, Error> {
        self.shared.refresh()
    }

    pub fn status(&self) -> FeedStatus {
        self.shared.status.lock().unwrap().clone()
    }

    pub fn version(&self) -> Option<u64> {
        self.shared.current.read().unwrap().as_ref().map(|l| l.version)
    }
}

impl Drop for ScriptFeed {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.poller.take() {
            let _ = t.join();
        }
    }
}

impl Shared {
    /// Fetches; returns Ok(true) if a new script was installed.
    fn refresh(&self) -> Result<bool, Error> {
        let etag = self.etag.lock().unwrap().clone();
        let res = fetch::fetch(&self.cfg, etag.as_deref());
        let mut st = self.status.lock().unwrap();
        st.last_check = Some(SystemTime::now());
        drop(st);
        let out = match res {
            Ok(None) => Ok(false), // 304 Not Modified
            Ok(Some(f)) => {
                let r = self.install(&f.script, &f.signature, false);
                if r.is_ok() {
                    *self.etag.lock().unwrap() = f.etag;
                    fetch::write_cache(&self.cfg, &f.script, &f.signature);
                }
                r.map(|_| true)
            }
            Err(e) => Err(Error::Fetch(e)),
        };
        if let Err(e) = &out {
            self.status.lock().unwrap().last_error = Some(e.to_string());
        }
        out
    }

    fn install(&self, script: &[u8], sig: &[u8], from_cache: bool) -> Result<(), Error> {
        let min_version = self.current.read().unwrap().as_ref().map(|l| l.version);
        let v = verify::verify(&self.cfg, script, sig, min_version).map_err(Error::Verify)?;
        let text = std::str::from_utf8(script).map_err(|e| Error::Compile(e.to_string()))?;
        let ast = self.engine.compile(text).map_err(|e| Error::Compile(e.to_string()))?;
        *self.current.write().unwrap() = Some(Loaded { ast, version: v.version });
        let mut st = self.status.lock().unwrap();
        st.version = Some(v.version);
        st.sha256 = Some(v.sha256_hex);
        st.loaded_at = Some(SystemTime::now());
        st.last_error = None;
        st.from_cache = from_cache;
        Ok(())
    }
}
