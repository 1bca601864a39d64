//! XDG Base Directory Specification helpers.

mod platform;
mod session;

use std::env;
use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

/// Resolved base directories, optionally scoped to an application prefix.
#[derive(Debug, Clone)]
pub struct BaseDirs {
    prefix: PathBuf,
    home: PathBuf,
    config_home: PathBuf,
    data_home: PathBuf,
    cache_home: PathBuf,
    state_home: PathBuf,
    runtime_dir: Option<PathBuf>,
    config_dirs: Vec<PathBuf>,
    data_dirs: Vec<PathBuf>,
}

fn abs_env(name: &str) -> Option<PathBuf> {
    // The spec says relative paths must be ignored.
    env::var_os(name).map(PathBuf::from).filter(|p| p.is_absolute())
}

fn split_paths(v: Option<OsString>, default: &[&str]) -> Vec<PathBuf> {
    match v {
        Some(s) if !s.is_empty() => env::split_paths(&s).filter(|p| p.is_absolute()).collect(),
        _ => default.iter().map(PathBuf::from).collect(),
    }
}

impl BaseDirs {
    /// Resolve directories without an application prefix.
    pub fn new() -> Self {
        Self::with_prefix("")
    }

    /// Resolve directories scoped to `prefix` (e.g. your application name).
    pub fn with_prefix<P: AsRef<Path>>(prefix: P) -> Self {
        session::ensure_user_session();
        let home = platform::home_dir().unwrap_or_else(|| PathBuf::from("/"));
        let fb = platform::fallbacks(&home);
        BaseDirs {
            prefix: prefix.as_ref().to_path_buf(),
            config_home: abs_env("XDG_CONFIG_HOME").unwrap_or(fb.config),
            data_home: abs_env("XDG_DATA_HOME").unwrap_or(fb.data),
            cache_home: abs_env("XDG_CACHE_HOME").unwrap_or(fb.cache),
            state_home: abs_env("XDG_STATE_HOME").unwrap_or(fb.state),
            runtime_dir: abs_env("XDG_RUNTIME_DIR"),
            config_dirs: split_paths(env::var_os("XDG_CONFIG_DIRS"), &["/etc/xdg"]),
            data_dirs: split_paths(env::var_os("XDG_DATA_DIRS"), &["/usr/local/share", "/usr/share"]),
            home,
        }
    }

    pub fn home(&self) -> &Path {
        &self.home
    }

    pub fn config_home(&self) -> PathBuf {
        self.config_home.join(&self.prefix)
    }

    pub fn data_home(&self) -> PathBuf {
        self.data_home.join(&self.prefix)
    }

    pub fn cache_home(&self) -> PathBuf {
        self.cache_home.join(&self.prefix)
    }

    pub fn state_home(&self) -> PathBuf {
        self.state_home.join(&self.prefix)
    }

    pub fn runtime_dir(&self) -> Option<PathBuf> {
        self.runtime_dir.as_ref().map(|r| r.join(&self.prefix))
    }

    /// System config dirs, most important first.
    pub fn config_dirs(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.config_dirs.iter().map(move |d| d.join(&self.prefix))
    }

    /// System data dirs, most important first.
    pub fn data_dirs(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.data_dirs.iter().map(move |d| d.join(&self.prefix))
    }

    /// Find a config file, searching the user dir first and then system dirs.
    pub fn find_config_file<P: AsRef<Path>>(&self, rel: P) -> Option<PathBuf> {
        std::iter::once(self.config_home())
            .chain(self.config_dirs())
            .map(|d| d.join(rel.as_ref()))
            .find(|p| p.is_file())
    }

    /// Find every matching config file, most important first.
    pub fn find_config_files<P: AsRef<Path>>(&self, rel: P) -> Vec<PathBuf> {
        std::iter::once(self.config_home())
            .chain(self.config_dirs())
            .map(|d| d.join(rel.as_ref()))
            .filter(|p| p.is_file())
            .collect()
    }

    /// Find a data file.
    pub fn find_data_file<P: AsRef<Path>>(&self, rel: P) -> Option<PathBuf> {
        std::iter::once(self.data_home())
            .chain(self.data_dirs())
            .map(|d| d.join(rel.as_ref()))
            .find(|p| p.is_file())
    }

    fn place(base: PathBuf, rel: &Path) -> io::Result<PathBuf> {
        let full = base.join(rel);
        if let Some(parent) = full.parent() {
            create_private_dir(parent)?;
        }
        Ok(full)
    }

    /// Return a path for writing a config file, creating parent directories.
    pub fn place_config_file<P: AsRef<Path>>(&self, rel: P) -> io::Result<PathBuf> {
        Self::place(self.config_home(), rel.as_ref())
    }

    pub fn place_data_file<P: AsRef<Path>>(&self, rel: P) -> io::Result<PathBuf> {
        Self::place(self.data_home(), rel.as_ref())
    }

    pub fn place_cache_file<P: AsRef<Path>>(&self, rel: P) -> io::Result<PathBuf> {
        Self::place(self.cache_home(), rel.as_ref())
    }

    pub fn place_state_file<P: AsRef<Path>>(&self, rel: P) -> io::Result<PathBuf> {
        Self::place(self.state_home(), rel.as_ref())
    }

    /// Runtime files must live in `$XDG_RUNTIME_DIR`; errors if it is unset.
    pub fn place_runtime_file<P: AsRef<Path>>(&self, rel: P) -> io::Result<PathBuf> {
        match self.runtime_dir() {
            Some(r) => Self::place(r, rel.as_ref()),
            None => Err(io::Error::new(io::ErrorKind::NotFound, "XDG_RUNTIME_DIR is not set")),
        }
    }
}

impl Default for BaseDirs {
    fn default() -> Self {
        Self::new()
    }
}

/// Create a directory (and parents) with 0700 permissions on unix, as the
/// spec requires for the runtime dir and recommends elsewhere.
pub fn create_private_dir(p: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(p)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_is_joined() {
        let d = BaseDirs::with_prefix("demo");
        assert!(d.config_home().ends_with("demo"));
        assert!(d.cache_home().ends_with("demo"));
    }

    #[test]
    fn relative_env_is_ignored() {
        env::set_var("XDG_CACHE_HOME", "relative/path");
        let d = BaseDirs::new();
        assert!(d.cache_home().is_absolute());
        env::remove_var("XDG_CACHE_HOME");
    }
}
