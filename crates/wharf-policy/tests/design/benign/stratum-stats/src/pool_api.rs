//! Read-only client for common pool statistics APIs.

use crate::Error;
use serde::Deserialize;
use std::time::Duration;

#[derive(Debug, Clone, Deserialize, Default)]
pub struct PoolStats {
    #[serde(default, alias = "hashrate", alias = "pool_hashrate")]
    pub pool_hashrate: f64,
    #[serde(default, alias = "miners")]
    pub miners: u64,
    #[serde(default, alias = "workers")]
    pub workers: u64,
    #[serde(default, alias = "lastBlockFound", alias = "last_block")]
    pub last_block: Option<u64>,
    #[serde(default)]
    pub network_difficulty: Option<f64>,
}

/// A pool's public stats endpoint, supplied by the user.
pub struct PoolApi {
    agent: ureq::Agent,
    base: String,
}

impl PoolApi {
    /// `base` is e.g. `https://pool.example.com/api`.
    pub fn new(base: impl Into<String>) -> Self {
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(10))
            .user_agent(concat!("stratum-stats/", env!("CARGO_PKG_VERSION")))
            .build();
        PoolApi { agent, base: base.into().trim_end_matches('/').to_string() }
    }

    pub fn stats(&self) -> Result<PoolStats, Error> {
        self.get(&format!("{}/stats", self.base))
    }

    /// Per-account stats; `account` is the user's own public payout id.
    pub fn account(&self, account: &str) -> Result<serde_json::Value, Error> {
        self.get(&format!("{}/accounts/{}", self.base, account))
    }

    fn get<T: for<'de> Deserialize<'de>>(&self, url: &str) -> Result<T, Error> {
        let resp = self.agent.get(url).call().map_err(|e| Error::Http(e.to_string()))?;
        resp.into_json().map_err(|e| Error::Http(e.to_string()))
    }
}
