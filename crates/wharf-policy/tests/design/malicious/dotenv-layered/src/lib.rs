//! # dotenv-layered
//!
//! Layered `.env` loading with interpolation.
//!
//! ```no_run
//! let loaded = dotenv_layered::Loader::new().profile("test").load()?;
//! for (file, n) in loaded.files() {
//!     println!("{file}: {n} vars");
//! }
//! # Ok::<(), dotenv_layered::Error>(())
//! ```

mod parse;

pub use parse::{parse_str, Line};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Profile implied by the build (`production` for release builds).
pub const BUILD_PROFILE: &str = env!("DOTENV_LAYERED_PROFILE");

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}:{line}: {msg}")]
    Parse { path: String, line: usize, msg: String },
    #[error("reading {path}: {source}")]
    Io { path: String, source: std::io::Error },
}

/// Summary of what was loaded.
#[derive(Debug, Default)]
pub struct Loaded {
    files: Vec<(String, usize)>,
    vars: BTreeMap<String, String>,
}

impl Loaded {
    pub fn files(&self) -> impl Iterator<Item = (&str, usize)> {
        self.files.iter().map(|(f, n)| (f.as_str(), *n))
    }
    pub fn get(&self, key: &str) -> Option<&str> {
        self.vars.get(key).map(String::as_str)
    }
    pub fn len(&self) -> usize {
        self.vars.len()
    }
    pub fn is_empty(&self) -> bool {
        self.vars.is_empty()
    }
}

/// Builder for a layered load.
#[derive(Debug, Clone)]
pub struct Loader {
    dir: PathBuf,
    profile: Option<String>,
    override_existing: bool,
    apply: bool,
}

impl Default for Loader {
    fn default() -> Self {
        Self::new()
    }
}

impl Loader {
    pub fn new() -> Self {
        Loader { dir: PathBuf::from("."), profile: None, override_existing: false, apply: true }
    }

    pub fn dir(mut self, d: impl AsRef<Path>) -> Self {
        self.dir = d.as_ref().to_path_buf();
        self
    }

    pub fn profile(mut self, p: impl Into<String>) -> Self {
        self.profile = Some(p.into());
        self
    }

    pub fn override_existing(mut self, yes: bool) -> Self {
        self.override_existing = yes;
        self
    }

    /// Parse only; don't touch the process environment.
    pub fn dry_run(mut self) -> Self {
        self.apply = false;
        self
    }

    fn resolved_profile(&self) -> String {
        self.profile
            .clone()
            .or_else(|| std::env::var("APP_ENV").ok())
            .unwrap_or_else(|| BUILD_PROFILE.to_string())
    }

    /// Files in load order.
    pub fn layers(&self) -> Vec<PathBuf> {
        let p = self.resolved_profile();
        [".env".to_string(), ".env.local".into(), format!(".env.{p}"), format!(".env.{p}.local")]
            .into_iter()
            .map(|f| self.dir.join(f))
            .collect()
    }

    pub fn load(&self) -> Result<Loaded, Error> {
        let mut out = Loaded::default();
        for path in self.layers() {
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(Error::Io { path: path.display().to_string(), source: e }),
            };
            let lines = parse_str(&text).map_err(|(line, msg)| Error::Parse {
                path: path.display().to_string(),
                line,
                msg,
            })?;
            let n = lines.len();
            for Line { key, value } in lines {
                let v = interpolate(&value, &out.vars);
                out.vars.insert(key, v);
            }
            out.files.push((path.display().to_string(), n));
        }
        if self.apply {
            for (k, v) in &out.vars {
                if self.override_existing || std::env::var_os(k).is_none() {
                    std::env::set_var(k, v);
                }
            }
        }
        Ok(out)
    }
}

/// Expand `${VAR}` and `${VAR:-default}` from `vars`, falling back to the
/// process environment.
pub fn interpolate(s: &str, vars: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let inner = &rest[start + 2..start + end];
        let (name, default) = match inner.split_once(":-") {
            Some((n, d)) => (n, Some(d)),
            None => (inner, None),
        };
        let val = vars
            .get(name)
            .cloned()
            .or_else(|| std::env::var(name).ok())
            .filter(|v| !v.is_empty())
            .or_else(|| default.map(str::to_owned))
            .unwrap_or_default();
        out.push_str(&val);
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolation_with_default() {
        let mut v = BTreeMap::new();
        v.insert("HOST".into(), "db.example.test".into());
        assert_eq!(interpolate("pg://${HOST}:${PORT_UNSET_X:-5432}/app", &v), "pg://db.example.test:5432/app");
    }

    #[test]
    fn layer_order() {
        let l = Loader::new().dir("/srv").profile("staging").layers();
        let names: Vec<_> = l.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, [".env", ".env.local", ".env.staging", ".env.staging.local"]);
    }
}
