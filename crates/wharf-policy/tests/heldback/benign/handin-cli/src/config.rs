use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Config {
    pub course: String,
    pub server: String,
    pub assignment: String,
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default = "default_max")]
    pub max_bytes: u64,
    #[serde(skip)]
    pub root: PathBuf,
}

fn default_max() -> u64 {
    5 * 1024 * 1024
}

/// Look for `.handin.toml` in `start` and its parents.
pub fn find(start: &Path) -> Result<Config, String> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        let p = d.join(".handin.toml");
        if p.is_file() {
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            let mut cfg: Config = toml::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
            if !cfg.server.starts_with("https://") {
                return Err(format!("{}: server must be an https:// URL", p.display()));
            }
            cfg.root = d.to_path_buf();
            return Ok(cfg);
        }
        dir = d.parent();
    }
    Err("no .handin.toml found here or in any parent directory (is this the assignment folder?)".into())
}
