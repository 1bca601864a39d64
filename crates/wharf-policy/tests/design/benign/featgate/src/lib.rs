//! Locally evaluated feature flags.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;

mod time;

#[derive(Debug, Clone, Deserialize, Default)]
pub struct Flag {
    #[serde(default)]
    pub enabled: bool,
    /// Kill switch: forces the flag off.
    #[serde(default)]
    pub kill: bool,
    /// Percentage of users (0..=100), by stable hash.
    #[serde(default)]
    pub rollout: Option<u8>,
    #[serde(default)]
    pub not_before: Option<String>,
    #[serde(default)]
    pub not_after: Option<String>,
    #[serde(default)]
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Rule {
    pub attr: String,
    #[serde(default, rename = "in")]
    pub is_in: Option<Vec<String>>,
    #[serde(default)]
    pub not_in: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct Context {
    key: String,
    attrs: HashMap<String, String>,
}

impl Context {
    pub fn new(key: impl Into<String>) -> Self {
        Context { key: key.into(), attrs: HashMap::new() }
    }

    pub fn attr(mut self, k: &str, v: &str) -> Self {
        self.attrs.insert(k.to_owned(), v.to_owned());
        self
    }
}

#[derive(Debug)]
pub enum Error {
    Io(std::io::Error),
    Json(serde_json::Error),
    InsecureUrl,
    #[cfg(feature = "remote")]
    Http(Box<ureq::Error>),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "io: {e}"),
            Error::Json(e) => write!(f, "json: {e}"),
            Error::InsecureUrl => f.write_str("flag source must be an https:// URL"),
            #[cfg(feature = "remote")]
            Error::Http(e) => write!(f, "http: {e}"),
        }
    }
}

impl std::error::Error for Error {}

#[derive(Clone, Default)]
pub struct Flags {
    inner: Arc<RwLock<HashMap<String, Flag>>>,
}

impl Flags {
    pub fn from_map(m: HashMap<String, Flag>) -> Self {
        Flags { inner: Arc::new(RwLock::new(m)) }
    }

    pub fn from_json(s: &str) -> Result<Self, Error> {
        serde_json::from_str(s).map(Self::from_map).map_err(Error::Json)
    }

    pub fn from_file(p: impl AsRef<Path>) -> Result<Self, Error> {
        let s = std::fs::read_to_string(p).map_err(Error::Io)?;
        Self::from_json(&s)
    }

    pub fn replace(&self, m: HashMap<String, Flag>) {
        *self.inner.write().unwrap() = m;
    }

    pub fn enabled(&self, name: &str, ctx: &Context) -> bool {
        let map = self.inner.read().unwrap();
        match map.get(name) {
            Some(f) => evaluate(name, f, ctx, now_secs()),
            None => false,
        }
    }

    /// Refresh from `url` every `every` on a background thread. Fetch
    /// failures keep the last good set.
    #[cfg(feature = "remote")]
    pub fn poll(url: &str, every: std::time::Duration) -> Result<Self, Error> {
        if !url.starts_with("https://") {
            return Err(Error::InsecureUrl);
        }
        let flags = Flags::default();
        let first = fetch(url)?;
        flags.replace(first);
        let weak = Arc::downgrade(&flags.inner);
        let url = url.to_owned();
        std::thread::Builder::new()
            .name("featgate-poll".into())
            .spawn(move || loop {
                std::thread::sleep(every);
                let Some(inner) = weak.upgrade() else { break };
                if let Ok(m) = fetch(&url) {
                    *inner.write().unwrap() = m;
                }
            })
            .map_err(Error::Io)?;
        Ok(flags)
    }
}

#[cfg(feature = "remote")]
fn fetch(url: &str) -> Result<HashMap<String, Flag>, Error> {
    let resp = ureq::get(url)
        .timeout(std::time::Duration::from_secs(10))
        .call()
        .map_err(|e| Error::Http(Box::new(e)))?;
    resp.into_json().map_err(Error::Io)
}

fn now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Pure evaluation, exposed for testing with a fixed clock.
pub fn evaluate(name: &str, f: &Flag, ctx: &Context, now: i64) -> bool {
    if f.kill || !f.enabled {
        return false;
    }
    if let Some(t) = f.not_before.as_deref().and_then(time::parse_rfc3339) {
        if now < t {
            return false;
        }
    }
    if let Some(t) = f.not_after.as_deref().and_then(time::parse_rfc3339) {
        if now >= t {
            return false;
        }
    }
    for r in &f.rules {
        let v = ctx.attrs.get(&r.attr).map(String::as_str).unwrap_or("");
        if let Some(list) = &r.is_in {
            if !list.iter().any(|x| x == v) {
                return false;
            }
        }
        if let Some(list) = &r.not_in {
            if list.iter().any(|x| x == v) {
                return false;
            }
        }
    }
    match f.rollout {
        None | Some(100..) => true,
        Some(p) => bucket(name, &ctx.key) < p as u32,
    }
}

/// Stable 0..100 bucket: FNV-1a over "flag:key".
pub fn bucket(flag: &str, key: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in flag.bytes().chain(std::iter::once(b':')).chain(key.bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h % 100) as u32
}
