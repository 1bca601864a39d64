//! `lintkit.toml`: settings and the pinned plugin list.

use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct LintConfig {
    #[serde(default)]
    pub settings: crate::rules::Settings,
    #[serde(default, rename = "plugin")]
    pub plugins: Vec<PluginSpec>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PluginSpec {
    pub name: String,
    pub url: String,
    pub sha256: String,
}

impl PluginSpec {
    pub fn validate(&self) -> anyhow::Result<()> {
        anyhow::ensure!(
            self.name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            "plugin name {:?} may only contain letters, digits, - and _",
            self.name
        );
        anyhow::ensure!(self.url.starts_with("https://"), "plugin {} must be fetched over https", self.name);
        anyhow::ensure!(
            self.sha256.len() == 64 && self.sha256.chars().all(|c| c.is_ascii_hexdigit()),
            "plugin {} needs a 64-hex-digit sha256",
            self.name
        );
        Ok(())
    }
}

pub fn load(path: &Path) -> anyhow::Result<LintConfig> {
    if !path.exists() {
        return Ok(LintConfig::default());
    }
    let cfg: LintConfig = toml::from_str(&std::fs::read_to_string(path)?)?;
    for p in &cfg.plugins {
        p.validate()?;
    }
    Ok(cfg)
}

/// Cache location of a plugin: content-addressed by its pinned hash.
pub fn cache_path(spec: &PluginSpec) -> PathBuf {
    dirs::cache_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("lintkit")
        .join("plugins")
        .join(format!("{}-{}.wasm", spec.name, &spec.sha256[..16]))
}
