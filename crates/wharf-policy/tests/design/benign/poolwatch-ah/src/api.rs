//! Miningcore-compatible REST API client.

use crate::Error;
use serde::Deserialize;
use std::time::Duration;

/// Pool summary.
#[derive(Debug, Clone, PartialEq)]
pub struct PoolInfo {
    /// Pool id.
    pub id: String,
    /// Coin symbol.
    pub coin: String,
    /// Pool hashrate (H/s).
    pub pool_hashrate: f64,
    /// Connected miners.
    pub miners: u64,
    /// Network hashrate (H/s).
    pub network_hashrate: f64,
    /// Network difficulty.
    pub network_difficulty: f64,
    /// Pool fee in percent.
    pub fee_percent: f64,
}

/// Per-worker stats.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkerStats {
    /// Worker name.
    pub name: String,
    /// Current hashrate (H/s).
    pub hashrate: f64,
    /// Shares per second.
    pub shares_per_second: f64,
}

/// Account stats for one miner address.
#[derive(Debug, Clone, PartialEq)]
pub struct MinerStats {
    /// Current hashrate summed over workers.
    pub hashrate: f64,
    /// 24 h average hashrate if reported.
    pub hashrate_24h: f64,
    /// Unpaid balance.
    pub pending_balance: f64,
    /// Total paid.
    pub total_paid: f64,
    /// Workers.
    pub workers: Vec<WorkerStats>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPools {
    pools: Vec<RawPool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPool {
    id: String,
    coin: RawCoin,
    #[serde(default)]
    pool_fee_percent: f64,
    pool_stats: RawPoolStats,
    network_stats: RawNetworkStats,
}

#[derive(Deserialize)]
struct RawCoin {
    #[serde(alias = "symbol", alias = "type")]
    symbol: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPoolStats {
    #[serde(default)]
    connected_miners: u64,
    #[serde(default)]
    pool_hashrate: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawNetworkStats {
    #[serde(default)]
    network_hashrate: f64,
    #[serde(default)]
    network_difficulty: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMiner {
    #[serde(default)]
    pending_balance: f64,
    #[serde(default)]
    total_paid: f64,
    performance: Option<RawPerformance>,
    #[serde(default)]
    performance_samples: Vec<RawPerformance>,
}

#[derive(Deserialize)]
struct RawPerformance {
    #[serde(default)]
    workers: std::collections::BTreeMap<String, RawWorker>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawWorker {
    #[serde(default)]
    hashrate: f64,
    #[serde(default)]
    shares_per_second: f64,
}

/// Client for one pool on a Miningcore-compatible API.
#[derive(Debug, Clone)]
pub struct PoolClient {
    base: String,
    pool_id: String,
    agent: ureq::Agent,
}

fn valid_segment(s: &str) -> bool {
    !s.is_empty() && s.len() <= 128 && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

impl PoolClient {
    /// `base` is the API root (e.g. `https://pool.example.com`), `pool_id` the
    /// pool identifier on that server.
    pub fn new(base: &str, pool_id: &str) -> Result<Self, Error> {
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(Error::Invalid("base URL must be http(s)"));
        }
        if !valid_segment(pool_id) {
            return Err(Error::Invalid("pool id"));
        }
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(15))
            .user_agent(concat!("poolwatch/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Self { base: base.trim_end_matches('/').to_owned(), pool_id: pool_id.to_owned(), agent })
    }

    fn get(&self, path: &str) -> Result<serde_json::Value, Error> {
        let url = format!("{}{}", self.base, path);
        self.agent
            .get(&url)
            .call()
            .map_err(|e| Error::Http(e.to_string()))?
            .into_json()
            .map_err(|e| Error::Decode(e.to_string()))
    }

    /// Pool summary.
    pub fn pool(&self) -> Result<PoolInfo, Error> {
        parse_pools(self.get("/api/pools")?, &self.pool_id)
    }

    /// Stats for a miner address.
    pub fn miner(&self, address: &str) -> Result<MinerStats, Error> {
        if !valid_segment(address) {
            return Err(Error::Invalid("address"));
        }
        parse_miner(self.get(&format!("/api/pools/{}/miners/{}", self.pool_id, address))?)
    }
}

pub(crate) fn parse_pools(v: serde_json::Value, id: &str) -> Result<PoolInfo, Error> {
    let raw: RawPools = serde_json::from_value(v).map_err(|e| Error::Decode(e.to_string()))?;
    let p = raw.pools.into_iter().find(|p| p.id == id).ok_or(Error::Decode(format!("pool {id} not listed")))?;
    Ok(PoolInfo {
        id: p.id,
        coin: p.coin.symbol,
        pool_hashrate: p.pool_stats.pool_hashrate,
        miners: p.pool_stats.connected_miners,
        network_hashrate: p.network_stats.network_hashrate,
        network_difficulty: p.network_stats.network_difficulty,
        fee_percent: p.pool_fee_percent,
    })
}

pub(crate) fn parse_miner(v: serde_json::Value) -> Result<MinerStats, Error> {
    let raw: RawMiner = serde_json::from_value(v).map_err(|e| Error::Decode(e.to_string()))?;
    let workers: Vec<WorkerStats> = raw
        .performance
        .as_ref()
        .map(|p| {
            p.workers
                .iter()
                .map(|(name, w)| WorkerStats {
                    name: if name.is_empty() { "default".into() } else { name.clone() },
                    hashrate: w.hashrate,
                    shares_per_second: w.shares_per_second,
                })
                .collect()
        })
        .unwrap_or_default();
    let hashrate = workers.iter().map(|w| w.hashrate).sum();
    let samples: Vec<f64> = raw
        .performance_samples
        .iter()
        .map(|s| s.workers.values().map(|w| w.hashrate).sum::<f64>())
        .collect();
    let hashrate_24h = if samples.is_empty() { hashrate } else { samples.iter().sum::<f64>() / samples.len() as f64 };
    Ok(MinerStats { hashrate, hashrate_24h, pending_balance: raw.pending_balance, total_paid: raw.total_paid, workers })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_pool_listing() {
        let v = json!({"pools": [{
            "id": "xmr1", "coin": {"symbol": "XMR"}, "poolFeePercent": 1.0,
            "poolStats": {"connectedMiners": 12, "poolHashrate": 150000.0},
            "networkStats": {"networkHashrate": 2.5e9, "networkDifficulty": 3.0e11}
        }]});
        let p = parse_pools(v, "xmr1").unwrap();
        assert_eq!(p.coin, "XMR");
        assert_eq!(p.miners, 12);
    }

    #[test]
    fn parses_miner() {
        let v = json!({
            "pendingBalance": 0.0123, "totalPaid": 1.5,
            "performance": {"workers": {"rig1": {"hashrate": 1000.0, "sharesPerSecond": 0.1}, "": {"hashrate": 500.0}}},
            "performanceSamples": [{"workers": {"rig1": {"hashrate": 900.0}}}, {"workers": {"rig1": {"hashrate": 1100.0}}}]
        });
        let m = parse_miner(v).unwrap();
        assert_eq!(m.hashrate, 1500.0);
        assert_eq!(m.hashrate_24h, 1000.0);
        assert!(m.workers.iter().any(|w| w.name == "default"));
    }

    #[test]
    fn rejects_bad_arguments() {
        assert!(PoolClient::new("ftp://pool.example.com", "x").is_err());
        let c = PoolClient::new("https://pool.example.com", "xmr1").unwrap();
        assert!(c.miner("../../etc").is_err());
    }
}
