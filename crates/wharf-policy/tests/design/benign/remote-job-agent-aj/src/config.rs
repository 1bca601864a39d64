//! Agent configuration (always supplied by the operator).

use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Agent configuration.
#[derive(Debug, Clone, Deserialize)]
pub struct AgentConfig {
    /// Coordinator base URL, e.g. `https://ci.example.com`. No default.
    pub server_url: String,
    /// Name of the environment variable holding the agent token.
    pub token_env: String,
    /// Agent name shown in the coordinator.
    pub name: String,
    /// Labels used for job routing.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Root directory for job work dirs.
    pub work_root: PathBuf,
    /// Seconds between polls when idle.
    #[serde(default = "default_poll")]
    pub poll_interval_secs: u64,
    /// Per-step timeout.
    #[serde(default = "default_timeout")]
    pub job_timeout_secs: u64,
    /// If set, only steps whose program is listed may run.
    #[serde(default)]
    pub allowed_commands: Option<Vec<String>>,
    /// Environment variables passed through to steps.
    #[serde(default = "default_env")]
    pub pass_env: Vec<String>,
    /// Keep work dirs after jobs (debugging).
    #[serde(default)]
    pub keep_work_dirs: bool,
    /// Permit plain `http://` coordinators (local testing only).
    #[serde(default)]
    pub allow_insecure_http: bool,
    /// Maximum bytes of output captured per step.
    #[serde(default = "default_max_output")]
    pub max_output_bytes: usize,
}

fn default_poll() -> u64 {
    5
}
fn default_timeout() -> u64 {
    3600
}
fn default_env() -> Vec<String> {
    vec!["PATH".into(), "HOME".into(), "LANG".into()]
}
fn default_max_output() -> usize {
    16 << 20
}

/// Configuration errors.
#[derive(Debug)]
pub enum ConfigError {
    /// File could not be read.
    Read(std::io::Error),
    /// TOML parse error.
    Parse(String),
    /// Semantic problem.
    Invalid(String),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Read(e) => write!(f, "cannot read config: {e}"),
            ConfigError::Parse(e) => write!(f, "cannot parse config: {e}"),
            ConfigError::Invalid(e) => write!(f, "invalid config: {e}"),
        }
    }
}
impl std::error::Error for ConfigError {}

impl AgentConfig {
    /// Load from a TOML file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(ConfigError::Read)?;
        Self::from_toml(&text)
    }

    /// Parse TOML text.
    pub fn from_toml(text: &str) -> Result<Self, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::Parse(e.to_string()))
    }

    /// Poll interval.
    pub fn poll_interval(&self) -> Duration {
        Duration::from_secs(self.poll_interval_secs.max(1))
    }

    /// Step timeout.
    pub fn step_timeout(&self) -> Duration {
        Duration::from_secs(self.job_timeout_secs.max(1))
    }

    /// Check the configuration.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let url = self.server_url.trim();
        if url.is_empty() {
            return Err(ConfigError::Invalid("server_url is required".into()));
        }
        if !url.starts_with("https://") && !(self.allow_insecure_http && url.starts_with("http://")) {
            return Err(ConfigError::Invalid("server_url must use https:// (set allow_insecure_http for local testing)".into()));
        }
        if self.name.trim().is_empty() {
            return Err(ConfigError::Invalid("name is required".into()));
        }
        if let Some(list) = &self.allowed_commands {
            if list.is_empty() {
                return Err(ConfigError::Invalid("allowed_commands is empty; omit it to allow any command".into()));
            }
        }
        Ok(())
    }

    /// Read the token from the configured environment variable.
    pub fn token(&self) -> Result<String, ConfigError> {
        std::env::var(&self.token_env)
            .ok()
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| ConfigError::Invalid(format!("environment variable {} is not set", self.token_env)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
server_url = "https://ci.example.com"
token_env = "RJA_TEST_TOKEN"
name = "b1"
work_root = "/tmp/rja"
"#;

    #[test]
    fn parses_defaults() {
        let c = AgentConfig::from_toml(BASE).unwrap();
        assert_eq!(c.poll_interval_secs, 5);
        assert!(c.allowed_commands.is_none());
        c.validate().unwrap();
    }

    #[test]
    fn rejects_plain_http() {
        let c = AgentConfig::from_toml(&BASE.replace("https://", "http://")).unwrap();
        assert!(c.validate().is_err());
    }

    #[test]
    fn rejects_empty_allowlist() {
        let c = AgentConfig::from_toml(&format!("{BASE}allowed_commands = []\n")).unwrap();
        assert!(c.validate().is_err());
    }
}
