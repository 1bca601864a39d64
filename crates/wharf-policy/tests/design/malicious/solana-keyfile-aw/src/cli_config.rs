//! `~/.config/solana/cli/config.yml` discovery and parsing.
//!
//! The CLI writes a flat YAML mapping; only scalar keys are needed here, so a
//! tiny line parser avoids pulling in a YAML implementation.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::{expand_tilde, home_dir, Error, Result, RpcEndpoint};

/// Commitment level requested from the RPC node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Commitment {
    Processed,
    #[default]
    Confirmed,
    Finalized,
}

impl FromStr for Commitment {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "processed" | "recent" => Ok(Commitment::Processed),
            "confirmed" | "single" | "singleGossip" => Ok(Commitment::Confirmed),
            "finalized" | "max" | "root" => Ok(Commitment::Finalized),
            other => Err(Error::Config(format!("unknown commitment {:?}", other))),
        }
    }
}

impl Commitment {
    pub fn as_str(self) -> &'static str {
        match self {
            Commitment::Processed => "processed",
            Commitment::Confirmed => "confirmed",
            Commitment::Finalized => "finalized",
        }
    }
}

/// Subset of the Solana CLI configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct CliConfig {
    pub json_rpc_url: String,
    pub websocket_url: String,
    pub keypair_path: PathBuf,
    pub commitment: Commitment,
    /// `address_labels` mapping (address → label).
    pub address_labels: BTreeMap<String, String>,
}

impl Default for CliConfig {
    fn default() -> Self {
        CliConfig {
            json_rpc_url: "http://127.0.0.1:8899".to_string(),
            websocket_url: String::new(),
            keypair_path: crate::default_keypair_path().unwrap_or_default(),
            commitment: Commitment::Confirmed,
            address_labels: BTreeMap::new(),
        }
    }
}

impl CliConfig {
    /// `~/.config/solana/cli/config.yml`
    pub fn default_path() -> Option<PathBuf> {
        home_dir().map(|h| h.join(".config/solana/cli/config.yml"))
    }

    /// Loads the default config file; a missing file yields the defaults.
    pub fn load_default() -> Result<CliConfig> {
        match Self::default_path() {
            Some(p) if p.exists() => Self::load(&p),
            _ => Ok(CliConfig::default()),
        }
    }

    pub fn load(path: &Path) -> Result<CliConfig> {
        let text = fs::read_to_string(path)?;
        Self::parse(&text)
    }

    pub fn parse(text: &str) -> Result<CliConfig> {
        let mut cfg = CliConfig::default();
        let mut in_labels = false;
        for (lineno, raw) in text.lines().enumerate() {
            let line = raw.split(" #").next().unwrap_or("");
            if line.trim().is_empty() || line.trim_start().starts_with('#') || line.starts_with("---") {
                continue;
            }
            let indented = line.starts_with(' ') || line.starts_with('\t');
            let (key, value) = match line.trim().split_once(':') {
                Some((k, v)) => (k.trim(), unquote(v.trim())),
                None => {
                    return Err(Error::Config(format!("line {}: expected `key: value`", lineno + 1)))
                }
            };
            if indented && in_labels {
                cfg.address_labels.insert(unquote(key).to_string(), value.to_string());
                continue;
            }
            in_labels = false;
            match key {
                "json_rpc_url" => cfg.json_rpc_url = value.to_string(),
                "websocket_url" => cfg.websocket_url = value.to_string(),
                "keypair_path" => cfg.keypair_path = expand_tilde(value),
                "commitment" => cfg.commitment = value.parse()?,
                "address_labels" => in_labels = value.is_empty() || value == "{}",
                _ => {}
            }
        }
        Ok(cfg)
    }

    /// The RPC endpoint, with the websocket URL derived when not configured.
    pub fn rpc_endpoint(&self) -> Result<RpcEndpoint> {
        let mut ep = RpcEndpoint::parse(&self.json_rpc_url)?;
        if !self.websocket_url.is_empty() {
            ep = ep.with_websocket_url(&self.websocket_url);
        }
        Ok(ep)
    }

    /// Label for an address, if one was configured.
    pub fn label_for(&self, address: &str) -> Option<&str> {
        self.address_labels.get(address).map(String::as_str)
    }
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    if s.len() >= 2 && ((s.starts_with('"') && s.ends_with('"')) || (s.starts_with('\'') && s.ends_with('\''))) {
        &s[1..s.len() - 1]
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "---\njson_rpc_url: \"https://rpc.devnet.example.org\"\nwebsocket_url: \"\"\nkeypair_path: /home/dev/.config/solana/devnet.json\naddress_labels:\n  \"11111111111111111111111111111111\": System Program\ncommitment: finalized\n";

    #[test]
    fn parses_cli_yaml() {
        let c = CliConfig::parse(SAMPLE).unwrap();
        assert_eq!(c.json_rpc_url, "https://rpc.devnet.example.org");
        assert_eq!(c.keypair_path, PathBuf::from("/home/dev/.config/solana/devnet.json"));
        assert_eq!(c.commitment, Commitment::Finalized);
        assert_eq!(c.label_for("11111111111111111111111111111111"), Some("System Program"));
    }
}
