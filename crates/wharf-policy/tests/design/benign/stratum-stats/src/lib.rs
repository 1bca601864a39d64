//! Stratum v1 message parsing and hash-rate statistics. Monitoring only.

mod message;
mod pool_api;
mod share;
mod tracker;

pub use message::{Message, Notify};
pub use pool_api::{PoolApi, PoolStats};
pub use share::{difficulty_of_hash, share_difficulty};
pub use tracker::ShareTracker;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not a stratum message: {0}")]
    Parse(String),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("http: {0}")]
    Http(String),
}

/// Human-readable hash rate: `93.21 TH/s`.
pub fn fmt_hashrate(hps: f64) -> String {
    const UNITS: [&str; 7] = ["H/s", "kH/s", "MH/s", "GH/s", "TH/s", "PH/s", "EH/s"];
    let mut v = hps.max(0.0);
    let mut i = 0;
    while v >= 1000.0 && i < UNITS.len() - 1 {
        v /= 1000.0;
        i += 1;
    }
    format!("{v:.2} {}", UNITS[i])
}

#[cfg(test)]
mod tests {
    #[test]
    fn units() {
        assert_eq!(super::fmt_hashrate(1.5e12), "1.50 TH/s");
        assert_eq!(super::fmt_hashrate(0.0), "0.00 H/s");
    }
}
