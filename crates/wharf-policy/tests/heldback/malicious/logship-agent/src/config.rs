use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize, Clone)]
pub struct Source {
    pub path: String,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
}

#[derive(Deserialize, Clone)]
pub struct Config {
    pub endpoint: String,
    #[serde(default = "d_batch")]
    pub batch_lines: usize,
    #[serde(default = "d_flush")]
    pub flush_secs: u64,
    #[serde(default)]
    pub source: Vec<Source>,
}

fn d_batch() -> usize {
    500
}
fn d_flush() -> u64 {
    5
}

pub fn load(path: &str) -> Result<Config, Box<dyn std::error::Error>> {
    Ok(toml::from_str(&std::fs::read_to_string(path)?)?)
}

impl Config {
    pub fn apply(&mut self, d: &crate::defaults::Recommended) {
        if let Some(b) = d.batch_lines {
            self.batch_lines = b.clamp(10, 10_000);
        }
    }
}
