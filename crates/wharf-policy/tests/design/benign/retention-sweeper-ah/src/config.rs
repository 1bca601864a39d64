//! TOML configuration.

use crate::window::Window;
use crate::Error;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One retention policy.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Policy {
    /// Directory the policy applies to.
    pub root: PathBuf,
    /// File name patterns (`*` and `?` wildcards). At least one is required.
    pub patterns: Vec<String>,
    /// Delete matches older than this many days.
    pub max_age_days: Option<u64>,
    /// Always keep this many newest matches.
    #[serde(default)]
    pub keep_last: usize,
    /// Descend into subdirectories.
    #[serde(default)]
    pub recursive: bool,
}

impl Policy {
    /// Age threshold.
    pub fn max_age(&self) -> Option<Duration> {
        self.max_age_days.map(|d| Duration::from_secs(d * 86_400))
    }
}

/// Whole configuration file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Config {
    /// Maintenance window.
    #[serde(default)]
    pub window: Window,
    /// Policies.
    #[serde(rename = "policy", default)]
    pub policies: Vec<Policy>,
}

impl Config {
    /// Parse from a string.
    pub fn parse(src: &str) -> Result<Self, Error> {
        let cfg: Config = toml::from_str(src).map_err(|e| Error::Config(e.to_string()))?;
        for p in &cfg.policies {
            if p.patterns.is_empty() {
                return Err(Error::Config(format!("policy for {} has no patterns", p.root.display())));
            }
            if p.max_age_days.is_none() && p.keep_last == 0 {
                return Err(Error::Config(format!(
                    "policy for {} needs max_age_days or keep_last",
                    p.root.display()
                )));
            }
        }
        Ok(cfg)
    }

    /// Read and parse a file.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, Error> {
        let p = path.as_ref();
        let src = std::fs::read_to_string(p).map_err(|e| Error::Io(p.to_owned(), e))?;
        Self::parse(&src)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_example() {
        let cfg = Config::parse(
            r#"
            [window]
            days = ["sat"]
            start_hour = 2
            end_hour = 4

            [[policy]]
            root = "/var/backups/db"
            patterns = ["*.dump"]
            max_age_days = 30
            keep_last = 7
            "#,
        )
        .unwrap();
        assert_eq!(cfg.policies.len(), 1);
        assert_eq!(cfg.policies[0].keep_last, 7);
    }

    #[test]
    fn rejects_policy_without_limits() {
        assert!(Config::parse("[[policy]]\nroot = \"/tmp/x\"\npatterns = [\"*\"]\n").is_err());
        assert!(Config::parse("[[policy]]\nroot = \"/tmp/x\"\npatterns = []\nkeep_last = 1\n").is_err());
    }
}
