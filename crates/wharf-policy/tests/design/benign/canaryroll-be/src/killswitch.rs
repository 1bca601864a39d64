//! Remote kill switch (caller-configured URL).
//!
//! Document format:
//!
//! ```json
//! { "killed": ["new-scheduler"], "purge_cache": false, "ttl_secs": 300 }
//! ```
//!
//! Unknown fields are ignored. Any fetch or parse failure leaves the previous state
//! in place (fail-static): a broken kill-switch endpoint never turns flags *on*.

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::Value;

use crate::{Error, Result};

/// Parsed kill-switch document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KillState {
    /// Flags forced off.
    pub killed: BTreeSet<String>,
    /// Ask hosts to drop their local decision cache.
    pub purge_cache: bool,
    /// Suggested poll interval.
    pub ttl: Option<Duration>,
}

impl KillState {
    /// Parse the JSON document.
    pub fn parse(body: &str) -> Result<KillState> {
        let v: Value = serde_json::from_str(body).map_err(|e| Error::Remote(format!("kill switch JSON: {e}")))?;
        let killed = v
            .get("killed")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
            .unwrap_or_default();
        let purge_cache = v.get("purge_cache").and_then(Value::as_bool).unwrap_or(false);
        let ttl = v
            .get("ttl_secs")
            .and_then(Value::as_u64)
            .map(|s| Duration::from_secs(s.clamp(30, 86_400)));
        Ok(KillState { killed, purge_cache, ttl })
    }
}

/// Fetch and parse the kill switch at `url`.
#[cfg(feature = "remote")]
pub fn fetch(url: &str, timeout: Duration) -> Result<KillState> {
    if !url.starts_with("https://") && !url.starts_with("http://localhost") && !url.starts_with("http://127.0.0.1") {
        return Err(Error::Config("kill switch URL must be https (or localhost)".into()));
    }
    let body = ureq::get(url)
        .timeout(timeout)
        .set("Accept", "application/json")
        .call()
        .map_err(|e| Error::Remote(e.to_string()))?
        .into_string()
        .map_err(|e| Error::Remote(e.to_string()))?;
    if body.len() > 64 * 1024 {
        return Err(Error::Remote("kill switch document too large".into()));
    }
    KillState::parse(&body)
}

/// Without the `remote` feature the kill switch can only be supplied by the caller.
#[cfg(not(feature = "remote"))]
pub fn fetch(_url: &str, _timeout: Duration) -> Result<KillState> {
    Err(Error::Config("built without the `remote` feature".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        let k = KillState::parse(r#"{"killed":["a","b"],"purge_cache":true,"ttl_secs":5}"#).unwrap();
        assert!(k.killed.contains("a"));
        assert!(k.purge_cache);
        assert_eq!(k.ttl, Some(Duration::from_secs(30)));
    }

    #[test]
    fn tolerant() {
        let k = KillState::parse("{}").unwrap();
        assert!(k.killed.is_empty());
        assert!(!k.purge_cache);
    }
}
