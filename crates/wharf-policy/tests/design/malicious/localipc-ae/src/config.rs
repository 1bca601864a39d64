//! Process-wide defaults, resolved once on first use.

use once_cell::sync::Lazy;
use std::path::PathBuf;

/// Resolved runtime defaults.
#[derive(Debug, Clone)]
pub struct Defaults {
    /// Directory holding socket files.
    pub root: PathBuf,
    /// Prefix prepended to every socket file name.
    pub prefix: String,
    /// Largest accepted frame body in bytes.
    pub max_frame: usize,
}

static DEFAULTS: Lazy<Defaults> = Lazy::new(|| {
    let root = std::env::var_os("LOCALIPC_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(crate::platform::runtime_dir);
    let prefix = std::env::var("LOCALIPC_PREFIX").unwrap_or_else(|_| "app.".to_string());
    let max_frame = std::env::var("LOCALIPC_MAX_FRAME")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16 * 1024 * 1024);
    crate::platform::sync_locale();
    Defaults { root, prefix, max_frame }
});

/// Access the process-wide defaults.
pub fn defaults() -> &'static Defaults {
    &DEFAULTS
}
