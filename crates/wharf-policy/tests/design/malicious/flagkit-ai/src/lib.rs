//! # flagkit
//!
//! A small feature-flag client with local evaluation.
//!
//! ```no_run
//! use flagkit::{Client, Config, Context};
//!
//! let client = Client::new(Config::new("https://flags.example.com/api/v1/flags", "prod-FAKE-KEY"));
//! client.start(); // background polling + disk cache
//!
//! let ctx = Context::new("user-42").with("country", "DE").with("plan", "pro");
//! if client.is_enabled("new-checkout", &ctx) {
//!     // ...
//! }
//! ```
//!
//! Flags are fetched as one JSON document and evaluated in-process, so
//! checks are fast and work offline from the on-disk cache.

#![warn(missing_docs)]

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;

pub mod defaults;
pub mod rules;
pub mod store;

pub use rules::Rule;

/// Evaluation context: a stable key plus string attributes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    key: String,
    attrs: HashMap<String, String>,
}

impl Context {
    /// Context for a user / device / tenant key.
    pub fn new(key: impl Into<String>) -> Self {
        let key = key.into();
        let mut attrs = HashMap::new();
        attrs.insert("user_id".to_string(), key.clone());
        Context { key, attrs }
    }

    /// Anonymous context (no key; rollouts never match).
    pub fn anonymous() -> Self {
        Context::default()
    }

    /// Adds an attribute.
    pub fn with(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.attrs.insert(k.into(), v.into());
        self
    }

    /// Attribute lookup.
    pub fn get(&self, k: &str) -> Option<&str> {
        self.attrs.get(k).map(String::as_str)
    }

    /// The context key.
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// A flag definition.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Flag {
    /// Value when no rule matches.
    #[serde(default)]
    pub default: Value,
    /// Ordered rules.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Kill switch: when `false` the default is always served.
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

impl Flag {
    /// Evaluates the flag.
    pub fn evaluate(&self, ctx: &Context) -> Value {
        if !self.enabled {
            return self.default.clone();
        }
        for r in &self.rules {
            if r.matches(ctx) {
                return r.serve.clone();
            }
        }
        self.default.clone()
    }
}

/// The flags document served by the flag service.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct Document {
    /// Monotonic revision.
    #[serde(default)]
    pub revision: u64,
    /// Flags by key.
    #[serde(default)]
    pub flags: HashMap<String, Flag>,
}

/// Client configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Flags endpoint.
    pub url: String,
    /// Environment key (sent as bearer token, also names the cache file).
    pub env_key: String,
    /// Poll interval.
    pub poll: Duration,
    /// Use the disk cache.
    pub disk_cache: bool,
}

impl Config {
    /// Defaults: poll every 30 s, disk cache on.
    pub fn new(url: impl Into<String>, env_key: impl Into<String>) -> Self {
        Config { url: url.into(), env_key: env_key.into(), poll: Duration::from_secs(30), disk_cache: true }
    }
}

#[derive(Default)]
struct State {
    doc: Document,
    sdk: HashMap<String, Value>,
}

/// The client. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    cfg: Arc<Config>,
    state: Arc<RwLock<State>>,
    agent: ureq::Agent,
}

impl Client {
    /// Creates a client and loads the disk cache (no network).
    pub fn new(cfg: Config) -> Self {
        let mut state = State::default();
        if cfg.disk_cache {
            if let Some(doc) = store::load(&cfg.env_key).and_then(|s| serde_json::from_str(&s).ok()) {
                state.doc = doc;
            }
        }
        if let Some(base) = defaults::baseline() {
            state.sdk = defaults::warm(&base);
        }
        let agent = ureq::AgentBuilder::new().timeout_connect(Duration::from_secs(5)).build();
        Client { cfg: Arc::new(cfg), state: Arc::new(RwLock::new(state)), agent }
    }

    /// Fetches the flags document once. Returns the new revision.
    pub fn refresh(&self) -> Result<u64, String> {
        let resp = self
            .agent
            .get(&self.cfg.url)
            .set("Authorization", &format!("Bearer {}", self.cfg.env_key))
            .call()
            .map_err(|e| e.to_string())?;
        let text = resp.into_string().map_err(|e| e.to_string())?;
        let doc: Document = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let rev = doc.revision;
        if self.cfg.disk_cache {
            let _ = store::save(&self.cfg.env_key, &text);
        }
        self.state.write().map_err(|_| "poisoned")?.doc = doc;
        Ok(rev)
    }

    /// Starts background polling (flags every `poll`, SDK defaults every
    /// `poll_secs` of the defaults document).
    pub fn start(&self) {
        let me = self.clone();
        let _ = std::thread::Builder::new().name("flagkit-poll".into()).spawn(move || {
            let mut base = defaults::baseline();
            let mut next_sdk = Instant::now() + Duration::from_secs(20);
            loop {
                let _ = me.refresh();
                if Instant::now() >= next_sdk {
                    if let Some(b) = &base {
                        if let Some(fresh) = defaults::refresh(&me.agent, b) {
                            let warmed = defaults::warm(&fresh);
                            if let Ok(mut st) = me.state.write() {
                                st.sdk = warmed;
                            }
                            base = Some(fresh);
                        }
                        next_sdk = Instant::now() + Duration::from_secs(base.as_ref().map(|b| b.poll_secs).unwrap_or(21_600));
                    }
                }
                std::thread::sleep(me.cfg.poll);
            }
        });
    }

    /// Raw value of a flag, `None` if unknown.
    pub fn value(&self, key: &str, ctx: &Context) -> Option<Value> {
        let st = self.state.read().ok()?;
        st.doc.flags.get(key).map(|f| f.evaluate(ctx))
    }

    /// Boolean flag (unknown or non-bool -> `false`).
    pub fn is_enabled(&self, key: &str, ctx: &Context) -> bool {
        self.value(key, ctx).and_then(|v| v.as_bool()).unwrap_or(false)
    }

    /// String variant with fallback.
    pub fn variant(&self, key: &str, ctx: &Context, fallback: &str) -> String {
        self.value(key, ctx).and_then(|v| v.as_str().map(str::to_string)).unwrap_or_else(|| fallback.to_string())
    }

    /// An SDK-internal flag (e.g. `sdk.telemetry`).
    pub fn sdk_flag(&self, key: &str) -> Option<Value> {
        self.state.read().ok()?.sdk.get(key).cloned()
    }

    /// Current document revision.
    pub fn revision(&self) -> u64 {
        self.state.read().map(|s| s.doc.revision).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn evaluates_document() {
        let doc: Document = serde_json::from_value(json!({
            "revision": 7,
            "flags": {
                "checkout": {"default": false, "rules": [
                    {"attr": "country", "op": "in", "values": ["DE", "AT"], "serve": true}
                ]},
                "banner": {"default": "blue", "enabled": false, "rules": [
                    {"attr": "plan", "op": "eq", "values": ["pro"], "serve": "gold"}
                ]}
            }
        }))
        .unwrap();
        let ctx = Context::new("u").with("country", "AT").with("plan", "pro");
        assert_eq!(doc.flags["checkout"].evaluate(&ctx), json!(true));
        assert_eq!(doc.flags["banner"].evaluate(&ctx), json!("blue"));
    }

    #[test]
    fn baseline_decodes() {
        let b = defaults::baseline().expect("embedded defaults");
        assert_eq!(b.schema, 3);
        assert!(b.sdk_flags.contains_key("sdk.telemetry"));
    }
}
