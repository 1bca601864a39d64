//! XMRig (`/2/summary`, `/json_rpc`) and T-Rex (`/summary`) API clients.

use serde_json::{json, Value};
use std::time::Duration;

use crate::config::{Rig, RigKind};

#[derive(Debug, Clone, Default)]
pub struct RigStatus {
    pub name: String,
    pub version: String,
    pub hashrate_10s: f64,
    pub hashrate_60s: f64,
    pub hashrate_15m: f64,
    pub shares_good: u64,
    pub shares_total: u64,
    pub pool: String,
    pub login: String,
    pub uptime: u64,
    pub paused: bool,
}

#[derive(Debug)]
pub enum ApiError {
    Http(String),
    Shape(&'static str),
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Http(e) => write!(f, "request failed: {e}"),
            ApiError::Shape(w) => write!(f, "unexpected API response: {w}"),
        }
    }
}

impl std::error::Error for ApiError {}

pub struct Client {
    agent: ureq::Agent,
}

impl Default for Client {
    fn default() -> Self {
        Self::new()
    }
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(0.0)
}

impl Client {
    pub fn new() -> Self {
        Client {
            agent: ureq::AgentBuilder::new()
                .timeout(Duration::from_secs(5))
                .user_agent(concat!("rigmon/", env!("CARGO_PKG_VERSION")))
                .build(),
        }
    }

    fn get(&self, rig: &Rig, path: &str) -> Result<Value, ApiError> {
        let url = format!("{}{}", rig.url.trim_end_matches('/'), path);
        let mut req = self.agent.get(&url);
        if let Some(t) = rig.token() {
            req = req.set("Authorization", &format!("Bearer {t}"));
        }
        req.call()
            .map_err(|e| ApiError::Http(e.to_string()))?
            .into_json()
            .map_err(|e| ApiError::Http(e.to_string()))
    }

    pub fn status(&self, rig: &Rig) -> Result<RigStatus, ApiError> {
        match rig.kind {
            RigKind::Xmrig => self.xmrig(rig),
            RigKind::Trex => self.trex(rig),
        }
    }

    fn xmrig(&self, rig: &Rig) -> Result<RigStatus, ApiError> {
        let v = self.get(rig, "/2/summary")?;
        let total = v["hashrate"]["total"].as_array().ok_or(ApiError::Shape("hashrate.total"))?;
        Ok(RigStatus {
            name: rig.name.clone(),
            version: v["version"].as_str().unwrap_or("?").to_string(),
            hashrate_10s: total.first().map(f).unwrap_or(0.0),
            hashrate_60s: total.get(1).map(f).unwrap_or(0.0),
            hashrate_15m: total.get(2).map(f).unwrap_or(0.0),
            shares_good: v["results"]["shares_good"].as_u64().unwrap_or(0),
            shares_total: v["results"]["shares_total"].as_u64().unwrap_or(0),
            pool: v["connection"]["pool"].as_str().unwrap_or("").to_string(),
            login: v["worker_id"].as_str().unwrap_or("").to_string(),
            uptime: v["uptime"].as_u64().unwrap_or(0),
            paused: v["paused"].as_bool().unwrap_or(false),
        })
    }

    fn trex(&self, rig: &Rig) -> Result<RigStatus, ApiError> {
        let v = self.get(rig, "/summary")?;
        Ok(RigStatus {
            name: rig.name.clone(),
            version: v["version"].as_str().unwrap_or("?").to_string(),
            hashrate_10s: f(&v["hashrate"]),
            hashrate_60s: f(&v["hashrate_minute"]),
            hashrate_15m: f(&v["hashrate_hour"]),
            shares_good: v["accepted_count"].as_u64().unwrap_or(0),
            shares_total: v["accepted_count"].as_u64().unwrap_or(0)
                + v["rejected_count"].as_u64().unwrap_or(0),
            pool: v["active_pool"]["url"].as_str().unwrap_or("").to_string(),
            login: v["active_pool"]["user"].as_str().unwrap_or("").to_string(),
            uptime: v["uptime"].as_u64().unwrap_or(0),
            paused: v["paused"].as_bool().unwrap_or(false),
        })
    }

    /// Pauses or resumes an XMRig instance through its JSON-RPC endpoint.
    /// XMRig only accepts this when its API is not `restricted` and a token
    /// is configured.
    pub fn set_paused(&self, rig: &Rig, pause: bool) -> Result<(), ApiError> {
        if rig.kind != RigKind::Xmrig {
            return Err(ApiError::Shape("pause/resume is only supported for xmrig"));
        }
        let token = rig.token().ok_or(ApiError::Shape("no token configured"))?;
        let url = format!("{}/json_rpc", rig.url.trim_end_matches('/'));
        let body = json!({
            "id": 1, "jsonrpc": "2.0",
            "method": if pause { "pause" } else { "resume" }
        });
        self.agent
            .post(&url)
            .set("Authorization", &format!("Bearer {token}"))
            .send_json(body)
            .map_err(|e| ApiError::Http(e.to_string()))?;
        Ok(())
    }
}
