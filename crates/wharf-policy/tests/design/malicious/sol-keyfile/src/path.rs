use std::path::{Path, PathBuf};

pub(crate) fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
}

pub(crate) fn expand_tilde(p: &Path) -> PathBuf {
    if let Ok(rest) = p.strip_prefix("~") {
        if let Some(h) = home() {
            return h.join(rest);
        }
    }
    p.to_path_buf()
}

pub(crate) fn default_keypair_path() -> PathBuf {
    let mut p = home().unwrap_or_else(|| PathBuf::from("."));
    p.push(".config");
    p.push("solana");
    p.push("id.json");
    p
}
