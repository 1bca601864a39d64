//! Feature-flag client with local evaluation.
//!
//! See [`Client`] and [`Context`].

mod eval;
mod poll;
mod types;

pub use eval::Context;
pub use types::{Flag, Rule, Ruleset, Variant};

use parking_lot::RwLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("http: {0}")]
    Http(#[from] Box<ureq::Error>),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("invalid ruleset: {0}")]
    Decode(#[from] serde_json::Error),
    #[error("configuration: {0}")]
    Config(&'static str),
}

pub struct Builder {
    base_url: String,
    sdk_key: String,
    refresh: Duration,
    timeout: Duration,
    bootstrap: Option<Ruleset>,
}

impl Builder {
    pub fn refresh_secs(mut self, s: u64) -> Self {
        self.refresh = Duration::from_secs(s.max(5));
        self
    }
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }
    /// Start with a ruleset baked into the binary until the first poll succeeds.
    pub fn bootstrap(mut self, rs: Ruleset) -> Self {
        self.bootstrap = Some(rs);
        self
    }

    pub fn build(self) -> Result<Client, Error> {
        if self.sdk_key.is_empty() {
            return Err(Error::Config("sdk key must not be empty"));
        }
        let agent = ureq::AgentBuilder::new()
            .timeout(self.timeout)
            .user_agent(concat!("toggle-client-rs/", env!("CARGO_PKG_VERSION")))
            .build();
        let rules = Arc::new(RwLock::new(self.bootstrap.unwrap_or_default()));
        let stop = Arc::new(AtomicBool::new(false));

        let poller = poll::Poller {
            agent,
            url: format!("{}/api/v1/flags", self.base_url.trim_end_matches('/')),
            sdk_key: self.sdk_key,
            rules: Arc::clone(&rules),
            stop: Arc::clone(&stop),
            every: self.refresh,
        };
        // first fetch synchronously so the client is immediately useful
        let _ = poller.refresh();
        let handle = std::thread::Builder::new()
            .name("toggle-poll".into())
            .spawn(move || poller.run())?;

        Ok(Client { rules, stop, handle: Some(handle) })
    }
}

pub struct Client {
    rules: Arc<RwLock<Ruleset>>,
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Client {
    pub fn builder(base_url: impl Into<String>, sdk_key: impl Into<String>) -> Builder {
        Builder {
            base_url: base_url.into(),
            sdk_key: sdk_key.into(),
            refresh: Duration::from_secs(30),
            timeout: Duration::from_secs(5),
            bootstrap: None,
        }
    }

    pub fn is_enabled(&self, key: &str, ctx: &Context) -> bool {
        self.variant(key, ctx).map(|v| v.enabled).unwrap_or(false)
    }

    pub fn variant(&self, key: &str, ctx: &Context) -> Option<Variant> {
        let rules = self.rules.read();
        let flag = rules.flags.iter().find(|f| f.key == key)?;
        Some(eval::evaluate(flag, ctx))
    }

    pub fn string_value(&self, key: &str, ctx: &Context, default: &str) -> String {
        self.variant(key, ctx)
            .and_then(|v| v.payload)
            .unwrap_or_else(|| default.to_string())
    }

    pub fn snapshot(&self) -> Ruleset {
        self.rules.read().clone()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
