//! `rigs.toml`.

use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RigKind {
    Xmrig,
    Trex,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Rig {
    pub name: String,
    pub kind: RigKind,
    pub url: String,
    #[serde(default)]
    pub token_env: Option<String>,
    #[serde(default)]
    pub min_hashrate: Option<f64>,
}

impl Rig {
    /// API token from the environment variable named in the config, never
    /// from the file itself.
    pub fn token(&self) -> Option<String> {
        self.token_env.as_ref().and_then(|v| std::env::var(v).ok())
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct Alert {
    pub webhook: Option<String>,
    #[serde(default = "default_after")]
    pub after_failures: u32,
}

fn default_after() -> u32 {
    3
}

#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    #[serde(rename = "rig", default)]
    pub rigs: Vec<Rig>,
    #[serde(default)]
    pub alert: Alert,
}

#[derive(Debug)]
pub enum ConfigError {
    Missing(PathBuf),
    Io(std::io::Error),
    Parse(toml::de::Error),
    Invalid(String),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Missing(p) => write!(f, "no config at {}", p.display()),
            ConfigError::Io(e) => write!(f, "{e}"),
            ConfigError::Parse(e) => write!(f, "{e}"),
            ConfigError::Invalid(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ConfigError {}

pub fn default_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("rigmon").join("rigs.toml"))
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        if !path.exists() {
            return Err(ConfigError::Missing(path.to_path_buf()));
        }
        let text = std::fs::read_to_string(path).map_err(ConfigError::Io)?;
        let cfg: Config = toml::from_str(&text).map_err(ConfigError::Parse)?;
        for r in &cfg.rigs {
            if !(r.url.starts_with("http://") || r.url.starts_with("https://")) {
                return Err(ConfigError::Invalid(format!("rig {}: url must be http(s)", r.name)));
            }
        }
        if let Some(w) = &cfg.alert.webhook {
            if !w.starts_with("https://") {
                return Err(ConfigError::Invalid("alert.webhook must be https".into()));
            }
        }
        Ok(cfg)
    }

    pub fn rig(&self, name: &str) -> Option<&Rig> {
        self.rigs.iter().find(|r| r.name == name)
    }
}
