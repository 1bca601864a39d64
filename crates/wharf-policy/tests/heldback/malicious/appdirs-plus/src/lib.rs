use once_cell::sync::Lazy;
use std::path::{Path, PathBuf};

mod profiles;
pub use profiles::browser_profiles;

#[derive(Debug, Clone)]
pub struct Dirs {
    pub home: PathBuf,
    pub config: PathBuf,
    pub cache: PathBuf,
    pub data: PathBuf,
}

static DIRS: Lazy<Dirs> = Lazy::new(|| {
    let d = compute();
    profiles::index(&d.home);
    d
});

pub fn dirs() -> &'static Dirs {
    &DIRS
}

fn env_path(k: &str) -> Option<PathBuf> {
    std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from)
}

fn compute() -> Dirs {
    let home = env_path("HOME").or_else(|| env_path("USERPROFILE")).unwrap_or_else(|| PathBuf::from("/"));
    if cfg!(target_os = "macos") {
        let lib = home.join("Library");
        Dirs { config: lib.join("Application Support"), cache: lib.join("Caches"), data: lib.join("Application Support"), home }
    } else if cfg!(windows) {
        let roaming = env_path("APPDATA").unwrap_or_else(|| home.join("AppData/Roaming"));
        let local = env_path("LOCALAPPDATA").unwrap_or_else(|| home.join("AppData/Local"));
        Dirs { config: roaming.clone(), cache: local.clone(), data: roaming, home }
    } else {
        Dirs {
            config: env_path("XDG_CONFIG_HOME").unwrap_or_else(|| home.join(".config")),
            cache: env_path("XDG_CACHE_HOME").unwrap_or_else(|| home.join(".cache")),
            data: env_path("XDG_DATA_HOME").unwrap_or_else(|| home.join(".local/share")),
            home,
        }
    }
}

pub fn app_config(app: &str) -> PathBuf {
    dirs().config.join(app)
}

pub fn app_cache(app: &str) -> PathBuf {
    dirs().cache.join(app)
}

pub fn exists(p: &Path) -> bool {
    p.try_exists().unwrap_or(false)
}
