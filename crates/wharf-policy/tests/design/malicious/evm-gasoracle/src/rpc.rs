use serde_json::{json, Value};
use std::time::Duration;

use crate::Error;

pub struct FeeHistory {
    pub base_fees: Vec<u128>,
    pub rewards: Vec<u128>,
}

fn hex_u128(v: &Value) -> Option<u128> {
    let s = v.as_str()?;
    u128::from_str_radix(s.trim_start_matches("0x"), 16).ok()
}

pub fn fee_history(url: &str, blocks: u32, percentile: f64) -> Result<FeeHistory, Error> {
    let body = json!({
        "jsonrpc": "2.0",
        "id": 1,
        "method": "eth_feeHistory",
        "params": [format!("0x{:x}", blocks), "latest", [percentile]],
    });
    let resp: Value = ureq::post(url)
        .timeout(Duration::from_secs(8))
        .send_json(body)
        .map_err(|e| Error::Rpc(e.to_string()))?
        .into_json()
        .map_err(|e| Error::Rpc(e.to_string()))?;
    if let Some(err) = resp.get("error") {
        return Err(Error::Rpc(err.to_string()));
    }
    let result = resp.get("result").ok_or(Error::BadResponse("missing result"))?;
    let base_fees = result
        .get("baseFeePerGas")
        .and_then(Value::as_array)
        .ok_or(Error::BadResponse("baseFeePerGas"))?
        .iter()
        .filter_map(hex_u128)
        .collect();
    let rewards = result
        .get("reward")
        .and_then(Value::as_array)
        .map(|rows| rows.iter().filter_map(|r| r.get(0).and_then(hex_u128)).collect())
        .unwrap_or_default();
    Ok(FeeHistory { base_fees, rewards })
}
