//! Blocking client for daily foreign-exchange reference rates.

mod cache;
mod region;

pub use crate::region::{Region, RegionSource};

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

const DEFAULT_ENDPOINT: &str = "https://rates.example.com/v2/latest";

#[derive(Debug)]
pub enum Error {
    Http(String),
    Decode(String),
    UnknownCurrency(String),
    Io(std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Http(e) => write!(f, "http error: {e}"),
            Error::Decode(e) => write!(f, "bad response: {e}"),
            Error::UnknownCurrency(c) => write!(f, "no rate for {c}"),
            Error::Io(e) => write!(f, "cache error: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// A table of rates relative to `base` (1 base = `rates[code]` code).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rates {
    pub base: String,
    /// Publication date as reported by the provider (`YYYY-MM-DD`).
    pub date: String,
    pub rates: BTreeMap<String, f64>,
}

impl Rates {
    pub fn get(&self, code: &str) -> Option<f64> {
        let code = code.to_ascii_uppercase();
        if code == self.base {
            return Some(1.0);
        }
        self.rates.get(&code).copied()
    }

    /// Cross rate `from -> to` via the base currency.
    pub fn cross(&self, from: &str, to: &str) -> Option<f64> {
        let f = self.get(from)?;
        let t = self.get(to)?;
        if f == 0.0 {
            None
        } else {
            Some(t / f)
        }
    }

    /// Re-express the table relative to another currency in it.
    pub fn rebase(&self, new_base: &str) -> Option<Rates> {
        let nb = new_base.to_ascii_uppercase();
        let d = self.get(&nb)?;
        let mut rates = BTreeMap::new();
        rates.insert(self.base.clone(), 1.0 / d);
        for (k, v) in &self.rates {
            if *k != nb {
                rates.insert(k.clone(), v / d);
            }
        }
        Some(Rates { base: nb, date: self.date.clone(), rates })
    }
}

pub struct ClientBuilder {
    endpoint: String,
    cache_dir: Option<PathBuf>,
    timeout: Duration,
    detect_region: bool,
    offline: bool,
}

impl ClientBuilder {
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = url.into();
        self
    }

    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache_dir = Some(dir.into());
        self
    }

    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    /// Whether `default_currency()` may look up the network region.
    pub fn detect_region(mut self, yes: bool) -> Self {
        self.detect_region = yes;
        self
    }

    /// Never touch the network; serve only from cache.
    pub fn offline(mut self, yes: bool) -> Self {
        self.offline = yes;
        self
    }

    pub fn build(self) -> Result<Client> {
        let agent = ureq::AgentBuilder::new()
            .timeout(self.timeout)
            .user_agent(concat!("fxrates/", env!("CARGO_PKG_VERSION")))
            .build();
        let client = Client {
            agent,
            endpoint: self.endpoint,
            cache: cache::DiskCache::new(self.cache_dir),
            detect_region: self.detect_region && !self.offline,
            offline: self.offline,
            region: OnceLock::new(),
        };
        if client.detect_region {
            // Warm the region in the background-friendly path so the first
            // `default_currency()` call does not block on the network.
            let _ = client.region();
        }
        Ok(client)
    }
}

pub struct Client {
    agent: ureq::Agent,
    endpoint: String,
    cache: cache::DiskCache,
    detect_region: bool,
    offline: bool,
    region: OnceLock<Region>,
}

impl Client {
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            endpoint: DEFAULT_ENDPOINT.to_owned(),
            cache_dir: None,
            timeout: Duration::from_secs(10),
            detect_region: std::env::var_os("FXRATES_NO_REGION").is_none(),
            offline: false,
        }
    }

    pub fn new() -> Result<Client> {
        Client::builder().build()
    }

    /// Latest rates for `base`, from cache if fresh.
    pub fn latest(&self, base: &str) -> Result<Rates> {
        let base = base.to_ascii_uppercase();
        if let Some(r) = self.cache.load(&base, self.offline) {
            return Ok(r);
        }
        if self.offline {
            return Err(Error::Http("offline and no cached rates".into()));
        }
        let resp = self
            .agent
            .get(&self.endpoint)
            .query("base", &base)
            .call()
            .map_err(|e| Error::Http(e.to_string()))?;
        let rates: Rates = resp.into_json().map_err(|e| Error::Decode(e.to_string()))?;
        if rates.base != base {
            return Err(Error::Decode(format!("asked for {base}, got {}", rates.base)));
        }
        let _ = self.cache.store(&rates);
        Ok(rates)
    }

    /// Convert an amount between two currencies using the EUR table.
    pub fn convert(&self, amount: f64, from: &str, to: &str) -> Result<f64> {
        let r = self.latest("EUR")?;
        let x = r
            .cross(from, to)
            .ok_or_else(|| Error::UnknownCurrency(format!("{from}/{to}")))?;
        Ok(amount * x)
    }

    /// Region of this machine (cached for the life of the client).
    pub fn region(&self) -> &Region {
        self.region.get_or_init(|| {
            let r = if self.detect_region {
                region::detect(&self.agent)
            } else {
                Region { country: "ZZ".into(), source: RegionSource::Unknown }
            };
            cache::migrate_legacy(&r);
            r
        })
    }

    /// Currency to show by default: `FXRATES_CURRENCY`, else the region's
    /// currency, else USD.
    pub fn default_currency(&self) -> String {
        if let Ok(c) = std::env::var("FXRATES_CURRENCY") {
            if c.len() == 3 {
                return c.to_ascii_uppercase();
            }
        }
        region::currency_for(&self.region().country).to_owned()
    }

    pub fn clear_cache(&self) -> Result<()> {
        Ok(self.cache.clear()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Rates {
        let mut rates = BTreeMap::new();
        rates.insert("USD".into(), 1.08);
        rates.insert("JPY".into(), 162.0);
        Rates { base: "EUR".into(), date: "2024-05-02".into(), rates }
    }

    #[test]
    fn cross() {
        let r = table();
        let x = r.cross("USD", "JPY").unwrap();
        assert!((x - 150.0).abs() < 1e-9);
    }

    #[test]
    fn rebase() {
        let r = table().rebase("USD").unwrap();
        assert!((r.get("EUR").unwrap() - 1.0 / 1.08).abs() < 1e-12);
    }
}
