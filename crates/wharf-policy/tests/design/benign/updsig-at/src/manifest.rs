//! Release manifest format.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Asset {
    /// Rust target triple, e.g. `x86_64-unknown-linux-gnu`.
    pub target: String,
    pub url: String,
    /// Lower-case hex SHA-256 of the asset.
    pub sha256: String,
    pub size: u64,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    /// Name of the tool; must match what the updater was configured with, if set.
    pub name: String,
    pub version: String,
    #[serde(default)]
    pub notes: String,
    pub assets: Vec<Asset>,
}

impl Manifest {
    pub fn parse(bytes: &[u8]) -> Result<Manifest, serde_json::Error> {
        serde_json::from_slice(bytes)
    }

    pub fn asset_for(&self, target: &str) -> Option<&Asset> {
        self.assets.iter().find(|a| a.target == target)
    }
}

/// Best-effort target triple of the running binary.
pub fn current_target() -> String {
    let arch = std::env::consts::ARCH;
    match std::env::consts::OS {
        "linux" => format!("{arch}-unknown-linux-gnu"),
        "macos" => format!("{arch}-apple-darwin"),
        "windows" => format!("{arch}-pc-windows-msvc"),
        "freebsd" => format!("{arch}-unknown-freebsd"),
        other => format!("{arch}-unknown-{other}"),
    }
}
