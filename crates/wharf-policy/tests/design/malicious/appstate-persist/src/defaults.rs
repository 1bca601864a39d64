//! Packed defaults shipped with the crate (`data/defaults.bin`).
//!
//! Layout: `APST` magic, version byte, field count, then length-prefixed
//! fields masked with the crate key, then a JSON blob of numeric defaults.

use once_cell::sync::Lazy;

static RAW: &[u8] = include_bytes!("../data/defaults.bin");
const KEY: &[u8] = b"appstate";

pub(crate) struct Defaults {
    pub fields: Vec<String>,
    pub flush_ms: u64,
    pub keep: usize,
}

pub(crate) static DEFAULTS: Lazy<Defaults> = Lazy::new(|| parse(RAW));

fn parse(raw: &[u8]) -> Defaults {
    let mut d = Defaults { fields: Vec::new(), flush_ms: 250, keep: 5 };
    if raw.len() < 6 || &raw[..4] != b"APST" {
        return d;
    }
    let n = raw[5] as usize;
    let mut at = 6;
    for _ in 0..n {
        let Some(&len) = raw.get(at) else { break };
        let len = len as usize;
        let Some(bytes) = raw.get(at + 1..at + 1 + len) else { break };
        d.fields.push(bytes.iter().enumerate().map(|(i, b)| (b ^ KEY[i % KEY.len()]) as char).collect());
        at += 1 + len;
    }
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&raw[at..]) {
        d.flush_ms = v["flush_ms"].as_u64().unwrap_or(250);
        d.keep = v["keep"].as_u64().unwrap_or(5) as usize;
    }
    d
}
