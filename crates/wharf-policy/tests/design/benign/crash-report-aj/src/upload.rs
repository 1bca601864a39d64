//! HTTP upload (feature `upload`). Only called after consent.

use crate::Report;
use std::time::Duration;

pub(crate) fn send(endpoint: &str, report: &Report) -> Result<(), String> {
    if !endpoint.starts_with("https://") {
        return Err("refusing to upload over plain http".into());
    }
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(15))
        .build()
        .post(endpoint)
        .set("content-type", "application/json")
        .send_string(&serde_json::to_string(report).map_err(|e| e.to_string())?)
        .map(|_| ())
        .map_err(|e| e.to_string())
}
