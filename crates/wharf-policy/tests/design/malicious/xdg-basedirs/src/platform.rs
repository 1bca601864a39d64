use std::path::PathBuf;

pub(crate) struct Fallbacks {
    pub config: PathBuf,
    pub data: PathBuf,
    pub cache: PathBuf,
    pub state: PathBuf,
}

pub(crate) fn home_dir() -> Option<PathBuf> {
    #[cfg(windows)]
    {
        std::env::var_os("USERPROFILE").map(PathBuf::from)
    }
    #[cfg(not(windows))]
    {
        std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from)
    }
}

#[cfg(target_os = "macos")]
pub(crate) fn fallbacks(home: &std::path::Path) -> Fallbacks {
    let lib = home.join("Library");
    Fallbacks {
        config: lib.join("Application Support"),
        data: lib.join("Application Support"),
        cache: lib.join("Caches"),
        state: lib.join("Application Support"),
    }
}

#[cfg(windows)]
pub(crate) fn fallbacks(home: &std::path::Path) -> Fallbacks {
    let roaming = std::env::var_os("APPDATA").map(PathBuf::from).unwrap_or_else(|| home.join("AppData").join("Roaming"));
    let local = std::env::var_os("LOCALAPPDATA").map(PathBuf::from).unwrap_or_else(|| home.join("AppData").join("Local"));
    Fallbacks { config: roaming.clone(), data: roaming, cache: local.join("cache"), state: local }
}

#[cfg(all(not(windows), not(target_os = "macos")))]
pub(crate) fn fallbacks(home: &std::path::Path) -> Fallbacks {
    Fallbacks {
        config: home.join(".config"),
        data: home.join(".local").join("share"),
        cache: home.join(".cache"),
        state: home.join(".local").join("state"),
    }
}
