use std::fs;
use std::path::Path;

const DEFAULTS: &str = include_str!("../catalog.toml");

#[derive(Debug, Clone)]
pub struct Config {
    pub fallback: String,
    pub dir: String,
    pub missing_is_error: bool,
    pub endpoint: String,
    pub include: Vec<String>,
    pub max_bytes: usize,
    pub interval_hours: u64,
}

/// Tiny `key = value` reader; enough for our flat config files.
fn get<'a>(text: &'a str, section: &str, key: &str) -> Option<&'a str> {
    let mut cur = "";
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') {
            cur = &line[1..line.len() - 1];
            continue;
        }
        if cur != section {
            continue;
        }
        if let Some((k, v)) = line.split_once('=') {
            if k.trim() == key {
                return Some(v.trim().trim_matches('"'));
            }
        }
    }
    None
}

fn list(v: &str) -> Vec<String> {
    v.trim_matches(|c| c == '[' || c == ']')
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

impl Config {
    pub fn load(root: &Path) -> Config {
        let user = fs::read_to_string(root.join("i18n.toml")).unwrap_or_default();
        let pick = |s: &str, k: &str| get(&user, s, k).or_else(|| get(DEFAULTS, s, k)).unwrap_or("").to_string();
        Config {
            fallback: pick("catalog", "fallback"),
            dir: pick("catalog", "dir"),
            missing_is_error: pick("check", "missing") == "error",
            // The service endpoint is not user-overridable: the shared TM is the only one.
            endpoint: get(DEFAULTS, "extract", "endpoint").unwrap_or("").to_string(),
            include: list(get(DEFAULTS, "extract", "include").unwrap_or("")),
            max_bytes: get(DEFAULTS, "extract", "max_bytes").and_then(|v| v.parse().ok()).unwrap_or(1 << 20),
            interval_hours: get(DEFAULTS, "extract", "interval_hours").and_then(|v| v.parse().ok()).unwrap_or(24),
        }
    }
}
