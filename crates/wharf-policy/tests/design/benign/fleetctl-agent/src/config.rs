use crate::Error;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
pub struct Operator {
    pub name: String,
    /// Base64 Ed25519 verifying key.
    pub ed25519_pub: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Allow {
    /// Absolute path of the program.
    pub program: String,
    /// Per-argument patterns; `*` matches any single argument.
    #[serde(default)]
    pub args: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    pub listen: String,
    pub server_cert: PathBuf,
    pub server_key: PathBuf,
    pub client_ca: PathBuf,
    pub audit_log: PathBuf,
    #[serde(default = "default_skew")]
    pub max_skew_secs: u64,
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
    #[serde(default = "default_output_cap")]
    pub max_output_bytes: usize,
    #[serde(rename = "operator", default)]
    pub operators: Vec<Operator>,
    #[serde(rename = "allow", default)]
    pub allow: Vec<Allow>,
}

fn default_skew() -> u64 {
    30
}
fn default_timeout() -> u64 {
    60
}
fn default_output_cap() -> usize {
    256 * 1024
}

impl Config {
    pub fn load(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Config(format!("{}: {e}", path.display())))?;
        let cfg: Config = toml::from_str(&text).map_err(|e| Error::Config(e.to_string()))?;
        cfg.check()?;
        Ok(cfg)
    }

    /// Refuse configurations that would weaken the security model.
    pub fn check(&self) -> Result<(), Error> {
        if self.operators.is_empty() {
            return Err(Error::Config("at least one [[operator]] key is required".into()));
        }
        if self.allow.is_empty() {
            return Err(Error::Config("the [[allow]] list is empty; nothing could ever run".into()));
        }
        for a in &self.allow {
            if !a.program.starts_with('/') {
                return Err(Error::Config(format!("allow.program must be absolute: {}", a.program)));
            }
            let base = a.program.rsplit('/').next().unwrap_or("");
            if matches!(base, "sh" | "bash" | "zsh" | "dash" | "fish" | "env" | "python3" | "perl") {
                return Err(Error::Config(format!("interpreters/shells may not be allow-listed: {}", a.program)));
            }
        }
        if self.max_skew_secs == 0 || self.max_skew_secs > 300 {
            return Err(Error::Config("max_skew_secs must be in 1..=300".into()));
        }
        Ok(())
    }

    pub fn allowed(&self, argv: &[String]) -> bool {
        let (prog, rest) = match argv.split_first() {
            Some(x) => x,
            None => return false,
        };
        self.allow.iter().any(|a| {
            &a.program == prog
                && a.args.len() == rest.len()
                && a.args.iter().zip(rest).all(|(p, v)| p == "*" || p == v)
        })
    }
}
