//! Pinned, checksum-verified code-generator binaries for build scripts.
//!
//! Nothing is downloaded or executed unless the caller invokes [`Toolpin::ensure`]
//! (or [`Toolpin::command`]). Every archive is verified against the SHA-256 in the
//! lock table before it is unpacked.

mod fetch;
mod install;
mod lock;
mod verify;

use std::env;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

pub use lock::{LockTable, ToolSpec};

/// Errors from this crate.
#[derive(Debug)]
pub enum Error {
    /// Tool not present in the lock table.
    UnknownTool(String),
    /// No pinned archive for the host platform.
    UnsupportedPlatform { tool: String, platform: String },
    /// Download needed but `TOOLPIN_OFFLINE` is set.
    Offline(String),
    /// Download failed.
    Http(String),
    /// Archive checksum did not match the lock table.
    Checksum { tool: String, expected: String, actual: String },
    /// `--version` output did not mention the pinned version.
    VersionMismatch { tool: String, expected: String, output: String },
    /// Lock table syntax error.
    Lock { line: usize, msg: String },
    /// Filesystem or process error.
    Io(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownTool(t) => write!(f, "`{t}` is not in the toolpin lock table"),
            Error::UnsupportedPlatform { tool, platform } => {
                write!(f, "no pinned `{tool}` archive for platform `{platform}`; set TOOLPIN_{}_PATH", tool.to_uppercase())
            }
            Error::Offline(url) => write!(f, "TOOLPIN_OFFLINE is set but {url} is not cached"),
            Error::Http(e) => write!(f, "download failed: {e}"),
            Error::Checksum { tool, expected, actual } => {
                write!(f, "checksum mismatch for {tool}: expected {expected}, got {actual}")
            }
            Error::VersionMismatch { tool, expected, output } => {
                write!(f, "{tool} --version printed {output:?}, expected it to contain {expected:?}")
            }
            Error::Lock { line, msg } => write!(f, "tools.lock line {line}: {msg}"),
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// Result alias.
pub type Result<T> = std::result::Result<T, Error>;

/// Entry point.
#[derive(Debug, Clone)]
pub struct Toolpin {
    lock: LockTable,
    cache: PathBuf,
    mirror: Option<String>,
    offline: bool,
    check_version: bool,
}

const BUILTIN_LOCK: &str = include_str!("../data/tools.lock");

fn default_cache() -> PathBuf {
    if let Some(c) = env::var_os("TOOLPIN_CACHE") {
        return PathBuf::from(c);
    }
    if let Some(h) = env::var_os("CARGO_HOME") {
        return PathBuf::from(h).join("toolpin");
    }
    let home = env::var_os("HOME").or_else(|| env::var_os("USERPROFILE")).unwrap_or_default();
    PathBuf::from(home).join(".cargo").join("toolpin")
}

impl Toolpin {
    /// Built-in lock table, configuration from `TOOLPIN_*` environment variables.
    pub fn from_env() -> Toolpin {
        let lock = LockTable::parse(BUILTIN_LOCK).expect("built-in lock table is valid");
        Toolpin {
            lock,
            cache: default_cache(),
            mirror: env::var("TOOLPIN_MIRROR").ok().filter(|s| !s.is_empty()),
            offline: env::var_os("TOOLPIN_OFFLINE").is_some(),
            check_version: true,
        }
    }

    /// Use a caller-supplied lock table instead of the built-in one.
    pub fn with_lock(mut self, lock: LockTable) -> Self {
        self.lock = lock;
        self
    }

    /// Override the cache directory.
    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache = dir.into();
        self
    }

    /// Replace the scheme+host of every lock URL with `origin` (e.g. an internal mirror).
    pub fn mirror(mut self, origin: &str) -> Self {
        self.mirror = Some(origin.trim_end_matches('/').to_string());
        self
    }

    /// Never download.
    pub fn offline(mut self, yes: bool) -> Self {
        self.offline = yes;
        self
    }

    /// Skip the `--version` check (for tools that do not support it).
    pub fn skip_version_check(mut self) -> Self {
        self.check_version = false;
        self
    }

    /// Path to a verified binary for `name`, downloading it if needed.
    pub fn ensure(&self, name: &str) -> Result<PathBuf> {
        let spec = self.lock.get(name).ok_or_else(|| Error::UnknownTool(name.to_string()))?;

        let override_var = format!("TOOLPIN_{}_PATH", name.to_uppercase().replace('-', "_"));
        if let Some(p) = env::var_os(&override_var) {
            println!("cargo:rerun-if-env-changed={override_var}");
            return Ok(PathBuf::from(p));
        }

        let platform = lock::host_platform();
        let expected = spec
            .sha256
            .get(platform)
            .ok_or_else(|| Error::UnsupportedPlatform { tool: name.into(), platform: platform.into() })?;

        let dest = install::cached_path(&self.cache, spec, platform);
        if dest.is_file() {
            return Ok(dest);
        }

        let url = fetch::resolve_url(&spec.url_for(platform), self.mirror.as_deref());
        if self.offline {
            return Err(Error::Offline(url));
        }
        let archive = fetch::download(&url)?;
        let actual = verify::sha256_hex(&archive);
        if !verify::ct_eq(&actual, expected) {
            return Err(Error::Checksum { tool: name.into(), expected: expected.clone(), actual });
        }

        install::unpack_binary(&archive, &spec.bin, &dest)?;
        if self.check_version {
            if let Err(e) = verify::version_matches(&dest, spec) {
                let _ = std::fs::remove_file(&dest);
                return Err(e);
            }
        }
        Ok(dest)
    }

    /// A `Command` for `name` with the verified binary as program.
    pub fn command(&self, name: &str) -> Result<Command> {
        Ok(Command::new(self.ensure(name)?))
    }

    /// The cache directory in use.
    pub fn cache(&self) -> &Path {
        &self.cache
    }
}
