//! Where fonts live.

use std::env;
use std::path::PathBuf;

fn home() -> Option<PathBuf> {
    env::var_os("HOME").map(PathBuf::from)
}

/// Font directories for this platform, user directories first.
pub fn font_dirs() -> Vec<PathBuf> {
    let mut v = Vec::new();
    if cfg!(target_os = "macos") {
        if let Some(h) = home() {
            v.push(h.join("Library/Fonts"));
        }
        v.push(PathBuf::from("/Library/Fonts"));
        v.push(PathBuf::from("/System/Library/Fonts"));
        v.push(PathBuf::from("/System/Library/Fonts/Supplemental"));
    } else if cfg!(windows) {
        if let Some(l) = env::var_os("LOCALAPPDATA") {
            v.push(PathBuf::from(l).join("Microsoft\\Windows\\Fonts"));
        }
        let win = env::var_os("WINDIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("C:\\Windows"));
        v.push(win.join("Fonts"));
    } else {
        let data_home = env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| home().map(|h| h.join(".local/share")));
        if let Some(d) = data_home {
            v.push(d.join("fonts"));
        }
        if let Some(h) = home() {
            v.push(h.join(".fonts"));
        }
        let data_dirs = env::var("XDG_DATA_DIRS").unwrap_or_else(|_| "/usr/local/share:/usr/share".into());
        for d in data_dirs.split(':').filter(|d| !d.is_empty()) {
            v.push(PathBuf::from(d).join("fonts"));
        }
    }
    v.dedup();
    v
}

/// Per-user cache directory for the index.
pub fn cache_dir() -> Option<PathBuf> {
    let base = if cfg!(target_os = "macos") {
        home().map(|h| h.join("Library/Caches"))
    } else if cfg!(windows) {
        env::var_os("LOCALAPPDATA").map(PathBuf::from)
    } else {
        env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| home().map(|h| h.join(".cache")))
    }?;
    Some(base.join("fontdb-scan"))
}
