//! Pool HTTP API payloads (you fetch them; we parse them).
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct MinerStats {
    #[serde(alias = "hashrate", default)]
    pub hashrate_1h: f64,
    #[serde(default)]
    pub hashrate_24h: f64,
    #[serde(alias = "validShares", default)]
    pub valid_shares: u64,
    #[serde(alias = "invalidShares", default)]
    pub invalid_shares: u64,
    #[serde(alias = "amtDue", default)]
    pub balance_atomic: u64,
    #[serde(default)]
    pub workers: Vec<Worker>,
}

#[derive(Debug, Deserialize)]
pub struct Worker {
    #[serde(alias = "identifer", alias = "id")]
    pub name: String,
    #[serde(default)]
    pub hashrate: f64,
    #[serde(alias = "lts", default)]
    pub last_share_unix: u64,
}

#[derive(Debug, Deserialize)]
pub struct Payout {
    pub ts: u64,
    pub amount_atomic: u64,
    pub txid: String,
}

pub fn parse_miner_stats(json: &str) -> Result<MinerStats, serde_json::Error> {
    serde_json::from_str(json)
}

pub fn parse_payouts(json: &str) -> Result<Vec<Payout>, serde_json::Error> {
    serde_json::from_str(json)
}

/// Share acceptance ratio in percent.
pub fn acceptance(s: &MinerStats) -> f64 {
    let total = s.valid_shares + s.invalid_shares;
    if total == 0 { 100.0 } else { s.valid_shares as f64 * 100.0 / total as f64 }
}
