//! Share accounting and hashrate estimation.

use serde_json::Value;
use std::collections::VecDeque;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Hashes represented by one share at difficulty 1 (Bitcoin convention).
pub const HASHES_PER_DIFF1: f64 = 4_294_967_296.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    pub at: u64,
    pub difficulty: f64,
    pub accepted: bool,
}

#[derive(Debug, Clone)]
pub struct ShareWindow {
    window: Duration,
    shares: VecDeque<Share>,
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

impl ShareWindow {
    pub fn new(window: Duration) -> Self {
        ShareWindow { window, shares: VecDeque::new() }
    }

    pub fn push(&mut self, s: Share) {
        self.shares.push_back(s);
        self.trim(s.at);
    }

    fn trim(&mut self, now: u64) {
        let horizon = now.saturating_sub(self.window.as_secs());
        while self.shares.front().map_or(false, |s| s.at < horizon) {
            self.shares.pop_front();
        }
    }

    pub fn accepted(&self) -> usize {
        self.shares.iter().filter(|s| s.accepted).count()
    }

    pub fn rejected(&self) -> usize {
        self.shares.len() - self.accepted()
    }

    pub fn reject_ratio(&self) -> f64 {
        if self.shares.is_empty() {
            0.0
        } else {
            self.rejected() as f64 / self.shares.len() as f64
        }
    }

    /// Estimated hashrate (H/s) over the window.
    pub fn hashrate(&self) -> f64 {
        let work: f64 = self.shares.iter().filter(|s| s.accepted).map(|s| s.difficulty).sum();
        work * HASHES_PER_DIFF1 / self.window.as_secs_f64().max(1.0)
    }

    pub fn hashrate_now(&mut self) -> f64 {
        self.trim(now_secs());
        self.hashrate()
    }
}

/// Pool "luck": expected / actual time to find a block (1.0 = average).
pub fn luck(network_difficulty: f64, pool_hashrate: f64, actual: Duration) -> Option<f64> {
    if pool_hashrate <= 0.0 || actual.is_zero() {
        return None;
    }
    let expected = network_difficulty * HASHES_PER_DIFF1 / pool_hashrate;
    Some(expected / actual.as_secs_f64())
}

pub fn human_rate(hps: f64) -> String {
    const UNITS: [&str; 7] = ["H/s", "kH/s", "MH/s", "GH/s", "TH/s", "PH/s", "EH/s"];
    let mut v = hps;
    let mut i = 0;
    while v >= 1000.0 && i + 1 < UNITS.len() {
        v /= 1000.0;
        i += 1;
    }
    format!("{v:.2} {}", UNITS[i])
}

#[derive(Debug, Clone, PartialEq)]
pub struct WorkerStat {
    pub name: String,
    pub hashrate: f64,
    pub last_share: Option<u64>,
}

/// Parses the two JSON shapes most pool APIs use for worker lists:
/// `{"workers": [{"name":..,"hashrate":..,"lastShare":..}]}` and
/// `{"workers": {"name": {"hashrate":..,"lastShare":..}}}`.
pub fn parse_workers(body: &str) -> Result<Vec<WorkerStat>, serde_json::Error> {
    let v: Value = serde_json::from_str(body)?;
    let rate = |w: &Value| w.get("hashrate").and_then(Value::as_f64).unwrap_or(0.0);
    let last = |w: &Value| w.get("lastShare").or_else(|| w.get("last_share")).and_then(Value::as_u64);
    let mut out = Vec::new();
    match v.get("workers") {
        Some(Value::Array(a)) => {
            for w in a {
                out.push(WorkerStat {
                    name: w.get("name").and_then(Value::as_str).unwrap_or("?").to_string(),
                    hashrate: rate(w),
                    last_share: last(w),
                });
            }
        }
        Some(Value::Object(m)) => {
            for (name, w) in m {
                out.push(WorkerStat { name: name.clone(), hashrate: rate(w), last_share: last(w) });
            }
        }
        _ => {}
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}
