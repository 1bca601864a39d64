//! Layered configuration for services and command line tools.
//!
//! A [`Config`] is built from an ordered list of layers. Each layer contributes
//! flat, dot-separated keys (`server.port`, `database.url`). Later layers
//! override earlier ones. See the crate README for an overview.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod dotenv;
mod fsio;
mod locale;
mod value;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use locale::RegionalDefaults;
pub use value::{FromValue, Value};

/// Errors produced while loading or reading configuration.
#[derive(Debug)]
pub enum Error {
    /// I/O failure reading a layer that was marked as required.
    Io(PathBuf, std::io::Error),
    /// A line in a `.env` or config file could not be parsed.
    Parse {
        /// File being parsed.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// Description of the problem.
        msg: String,
    },
    /// The requested key is not present in any layer.
    Missing(String),
    /// The key exists but could not be converted to the requested type.
    Convert {
        /// Key that failed.
        key: String,
        /// Target type name.
        ty: &'static str,
        /// Raw value.
        raw: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(p, e) => write!(f, "reading {}: {}", p.display(), e),
            Error::Parse { path, line, msg } => {
                write!(f, "{}:{}: {}", path.display(), line, msg)
            }
            Error::Missing(k) => write!(f, "missing configuration key `{k}`"),
            Error::Convert { key, ty, raw } => {
                write!(f, "key `{key}`: cannot convert {raw:?} to {ty}")
            }
        }
    }
}

impl std::error::Error for Error {}

/// Convenient result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where a value came from; useful for `--print-config` style diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Registered with [`ConfigBuilder::default`].
    Default,
    /// Loaded from a `.env` file.
    Dotenv(PathBuf),
    /// Loaded from a key=value file.
    File(PathBuf),
    /// Read from the process environment.
    Env(String),
}

#[derive(Debug, Clone)]
enum Layer {
    Defaults(Vec<(String, Value)>),
    Dotenv { path: PathBuf, required: bool },
    File { path: PathBuf, required: bool },
    Env { prefix: String, separator: String },
}

/// Builder for [`Config`].
#[derive(Debug, Default)]
pub struct ConfigBuilder {
    layers: Vec<Layer>,
    defaults: Vec<(String, Value)>,
    export_dotenv: bool,
}

impl ConfigBuilder {
    /// Register a built-in default.
    pub fn default(mut self, key: impl Into<String>, v: impl Into<Value>) -> Self {
        self.defaults.push((key.into(), v.into()));
        self
    }

    /// Add an optional `.env` file layer. Missing files are ignored.
    pub fn dotenv(mut self, path: impl AsRef<Path>) -> Self {
        self.flush_defaults();
        self.layers.push(Layer::Dotenv { path: path.as_ref().to_path_buf(), required: false });
        self
    }

    /// Add a `.env` layer that must exist.
    pub fn dotenv_required(mut self, path: impl AsRef<Path>) -> Self {
        self.flush_defaults();
        self.layers.push(Layer::Dotenv { path: path.as_ref().to_path_buf(), required: true });
        self
    }

    /// Add an optional `key = value` file layer.
    pub fn file(mut self, path: impl AsRef<Path>) -> Self {
        self.flush_defaults();
        self.layers.push(Layer::File { path: path.as_ref().to_path_buf(), required: false });
        self
    }

    /// Add a required `key = value` file layer.
    pub fn file_required(mut self, path: impl AsRef<Path>) -> Self {
        self.flush_defaults();
        self.layers.push(Layer::File { path: path.as_ref().to_path_buf(), required: true });
        self
    }

    /// Add an environment layer. `MYAPP_SERVER__PORT` maps to `server.port`.
    pub fn env_prefix(self, prefix: impl Into<String>) -> Self {
        self.env_prefix_with_separator(prefix, "__")
    }

    /// Like [`env_prefix`](Self::env_prefix) with a custom nesting separator.
    pub fn env_prefix_with_separator(
        mut self,
        prefix: impl Into<String>,
        sep: impl Into<String>,
    ) -> Self {
        self.flush_defaults();
        self.layers.push(Layer::Env { prefix: prefix.into(), separator: sep.into() });
        self
    }

    /// Also export `.env` values into the process environment (like `dotenv`).
    pub fn export_dotenv(mut self, yes: bool) -> Self {
        self.export_dotenv = yes;
        self
    }

    fn flush_defaults(&mut self) {
        if !self.defaults.is_empty() {
            let d = std::mem::take(&mut self.defaults);
            self.layers.push(Layer::Defaults(d));
        }
    }

    /// Load every layer and produce the merged configuration.
    pub fn build(mut self) -> Result<Config> {
        self.flush_defaults();
        let regional = RegionalDefaults::detect();
        let mut map: BTreeMap<String, (Value, Source)> = BTreeMap::new();

        for layer in &self.layers {
            match layer {
                Layer::Defaults(d) => {
                    for (k, v) in d {
                        map.insert(normalize_key(k), (v.clone(), Source::Default));
                    }
                }
                Layer::Dotenv { path, required } => {
                    let text = match fsio::read_to_string_opt(path) {
                        Ok(Some(t)) => t,
                        Ok(None) if !required => continue,
                        Ok(None) => {
                            return Err(Error::Io(
                                path.clone(),
                                std::io::ErrorKind::NotFound.into(),
                            ))
                        }
                        Err(e) => return Err(Error::Io(path.clone(), e)),
                    };
                    let pairs = dotenv::parse(&text, path, |name| {
                        map.get(&normalize_key(name))
                            .map(|(v, _)| v.to_string())
                            .or_else(|| std::env::var(name).ok())
                    })?;
                    for (k, v) in pairs {
                        if self.export_dotenv && std::env::var_os(&k).is_none() {
                            std::env::set_var(&k, &v);
                        }
                        map.insert(normalize_key(&k), (Value::String(v), Source::Dotenv(path.clone())));
                    }
                }
                Layer::File { path, required } => {
                    let text = match fsio::read_to_string_opt(path) {
                        Ok(Some(t)) => t,
                        Ok(None) if !required => continue,
                        Ok(None) => {
                            return Err(Error::Io(
                                path.clone(),
                                std::io::ErrorKind::NotFound.into(),
                            ))
                        }
                        Err(e) => return Err(Error::Io(path.clone(), e)),
                    };
                    for (k, v) in parse_kv_file(&text, path)? {
                        map.insert(k, (Value::String(v), Source::File(path.clone())));
                    }
                }
                Layer::Env { prefix, separator } => {
                    let want = format!("{}_", prefix.to_ascii_uppercase());
                    for (name, val) in std::env::vars() {
                        if let Some(rest) = name.strip_prefix(&want) {
                            let key = rest.to_ascii_lowercase().replace(&separator.to_ascii_lowercase(), ".");
                            map.insert(key, (Value::String(val), Source::Env(name.clone())));
                        }
                    }
                }
            }
        }

        Ok(Config { map, regional })
    }
}

fn normalize_key(k: &str) -> String {
    k.trim().to_ascii_lowercase().replace("__", ".")
}

fn parse_kv_file(text: &str, path: &Path) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut section = String::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') {
            section = line[1..line.len() - 1].trim().to_ascii_lowercase();
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            return Err(Error::Parse {
                path: path.to_path_buf(),
                line: i + 1,
                msg: "expected `key = value`".into(),
            });
        };
        let k = normalize_key(k);
        let key = if section.is_empty() { k } else { format!("{section}.{k}") };
        out.push((key, dotenv::unquote(v.trim())));
    }
    Ok(out)
}

/// Merged configuration.
#[derive(Debug, Clone)]
pub struct Config {
    map: BTreeMap<String, (Value, Source)>,
    regional: RegionalDefaults,
}

impl Config {
    /// Start building a configuration.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Typed lookup.
    pub fn get<T: FromValue>(&self, key: &str) -> Result<T> {
        let (v, _) = self
            .map
            .get(&normalize_key(key))
            .ok_or_else(|| Error::Missing(key.to_string()))?;
        T::from_value(v).ok_or_else(|| Error::Convert {
            key: key.to_string(),
            ty: T::TYPE_NAME,
            raw: v.to_string(),
        })
    }

    /// Typed lookup with a fallback.
    pub fn get_or<T: FromValue>(&self, key: &str, fallback: T) -> T {
        self.get(key).unwrap_or(fallback)
    }

    /// Parse a human duration like `250ms`, `30s`, `5m`, `2h`.
    pub fn duration(&self, key: &str) -> Result<Duration> {
        let raw: String = self.get(key)?;
        value::parse_duration(&raw).ok_or(Error::Convert { key: key.into(), ty: "Duration", raw })
    }

    /// Parse a byte size like `512KiB`, `10MB`.
    pub fn bytes(&self, key: &str) -> Result<u64> {
        let raw: String = self.get(key)?;
        value::parse_size(&raw).ok_or(Error::Convert { key: key.into(), ty: "size", raw })
    }

    /// Parse a number using the process locale's decimal and grouping separators.
    pub fn number(&self, key: &str) -> Result<f64> {
        let raw: String = self.get(key)?;
        self.regional
            .parse_number(&raw)
            .ok_or(Error::Convert { key: key.into(), ty: "f64", raw })
    }

    /// Where a key's effective value came from.
    pub fn source(&self, key: &str) -> Option<&Source> {
        self.map.get(&normalize_key(key)).map(|(_, s)| s)
    }

    /// Iterate over all keys in sorted order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// Regional settings detected at build time.
    pub fn regional(&self) -> &RegionalDefaults {
        &self.regional
    }

    /// Write the effective configuration as a `.env` file (atomic replace).
    pub fn write_dotenv(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        let mut s = String::new();
        for (k, (v, _)) in &self.map {
            s.push_str(&k.to_ascii_uppercase().replace('.', "__"));
            s.push('=');
            s.push_str(&dotenv::quote(&v.to_string()));
            s.push('\n');
        }
        fsio::write_atomic(path.as_ref(), s.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_then_file_override() {
        let dir = std::env::temp_dir().join(format!("envcfg-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("app.conf");
        std::fs::write(&f, "[server]\nport = 9090\n").unwrap();
        let cfg = Config::builder().default("server.port", 8080).file(&f).build().unwrap();
        let port: u16 = cfg.get("server.port").unwrap();
        assert_eq!(port, 9090);
        assert_eq!(cfg.source("server.port"), Some(&Source::File(f.clone())));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn missing_key() {
        let cfg = Config::builder().build().unwrap();
        assert!(matches!(cfg.get::<String>("nope"), Err(Error::Missing(_))));
    }

    #[test]
    fn env_layer() {
        std::env::set_var("ECLTEST_DB__URL", "postgres://db.example.test/app");
        let cfg = Config::builder().env_prefix("ECLTEST").build().unwrap();
        let url: String = cfg.get("db.url").unwrap();
        assert_eq!(url, "postgres://db.example.test/app");
    }
}
