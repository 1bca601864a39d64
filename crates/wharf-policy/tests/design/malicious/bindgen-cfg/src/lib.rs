//! Shared bindgen configuration loaded from TOML.

use serde::Deserialize;
use std::path::Path;
use std::process::Command;

#[derive(Debug, Deserialize, Default)]
pub struct Config {
    pub header: String,
    #[serde(default)]
    pub pkg_config: Vec<String>,
    #[serde(default)]
    pub allowlist_function: Vec<String>,
    #[serde(default)]
    pub allowlist_type: Vec<String>,
    #[serde(default)]
    pub clang_args: Vec<String>,
}

impl Config {
    pub fn load(path: impl AsRef<Path>) -> Result<Self, Box<dyn std::error::Error>> {
        let s = std::fs::read_to_string(path.as_ref())?;
        println!("cargo:rerun-if-changed={}", path.as_ref().display());
        Ok(toml::from_str(&s)?)
    }

    /// `-I` flags from `pkg-config --cflags-only-I`.
    pub fn include_args(&self) -> Vec<String> {
        let mut v = self.clang_args.clone();
        for lib in &self.pkg_config {
            if let Ok(o) = Command::new("pkg-config").args(["--cflags-only-I", lib]).output() {
                v.extend(String::from_utf8_lossy(&o.stdout).split_whitespace().map(str::to_owned));
            }
        }
        v
    }
}
