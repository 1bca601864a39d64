//! File application, profile layering and provenance tracking.

use std::collections::BTreeMap;
use std::env;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use crate::{Error, Result};

/// Where a variable's current value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Set from this file.
    File(PathBuf),
    /// Present in the file but the process environment already had it (not overridden).
    Shadowed(PathBuf),
}

impl Origin {
    pub fn path(&self) -> &Path {
        match self {
            Origin::File(p) | Origin::Shadowed(p) => p,
        }
    }
    pub fn is_effective(&self) -> bool {
        matches!(self, Origin::File(_))
    }
}

fn registry() -> &'static Mutex<BTreeMap<String, Origin>> {
    static R: OnceLock<Mutex<BTreeMap<String, Origin>>> = OnceLock::new();
    R.get_or_init(|| Mutex::new(BTreeMap::new()))
}

/// Variables loaded through this crate so far, with their origin.
pub fn loaded_keys() -> Vec<(String, Origin)> {
    registry()
        .lock()
        .map(|r| r.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

/// Keys whose effective value came from a file.
pub(crate) fn effective_keys() -> Vec<String> {
    loaded_keys()
        .into_iter()
        .filter(|(_, o)| o.is_effective())
        .map(|(k, _)| k)
        .collect()
}

/// Parse `path` with dotenvy's parser and apply it to the process environment.
pub(crate) fn apply_file(path: &Path, override_existing: bool) -> Result<()> {
    let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let iter = dotenvy::from_path_iter(path)?;
    let mut applied: Vec<(String, Origin)> = Vec::new();
    for item in iter {
        let (key, value) = item?;
        let exists = env::var_os(&key).is_some();
        if exists && !override_existing {
            applied.push((key, Origin::Shadowed(abs.clone())));
            continue;
        }
        env::set_var(&key, &value);
        applied.push((key, Origin::File(abs.clone())));
    }
    if let Ok(mut r) = registry().lock() {
        for (k, o) in applied {
            // a later effective layer replaces an earlier one; a shadowed entry never
            // replaces an effective one
            match (r.get(&k), &o) {
                (Some(prev), Origin::Shadowed(_)) if prev.is_effective() => {}
                _ => {
                    r.insert(k, o);
                }
            }
        }
    }
    Ok(())
}

/// Load the layered files for `profile`:
/// `.env`, `.env.local`, `.env.<profile>`, `.env.<profile>.local`.
///
/// Later files override earlier ones; the process environment overrides all of them.
/// Missing files are skipped; at least one file must exist.
pub fn load_profile(profile: &str) -> Result<Vec<PathBuf>> {
    if profile.is_empty() || profile.contains(['/', '\\']) {
        return Err(Error::LineParse(profile.to_owned(), 0));
    }
    let names = [
        ".env".to_owned(),
        ".env.local".to_owned(),
        format!(".env.{profile}"),
        format!(".env.{profile}.local"),
    ];
    let preexisting: Vec<String> = env::vars_os()
        .map(|(k, _)| k.to_string_lossy().into_owned())
        .collect();
    let mut loaded = Vec::new();
    for name in names.iter() {
        let path = match crate::find_upwards(Path::new(name)) {
            Ok(p) => p,
            Err(_) => continue,
        };
        // later layers override earlier *file* values but never the real environment
        let iter = dotenvy::from_path_iter(&path)?;
        let abs = path.canonicalize().unwrap_or_else(|_| path.clone());
        let mut applied = Vec::new();
        for item in iter {
            let (key, value) = item?;
            if preexisting.iter().any(|k| k == &key) {
                applied.push((key, Origin::Shadowed(abs.clone())));
                continue;
            }
            env::set_var(&key, value);
            applied.push((key, Origin::File(abs.clone())));
        }
        if let Ok(mut r) = registry().lock() {
            for (k, o) in applied {
                r.insert(k, o);
            }
        }
        loaded.push(path);
    }
    if loaded.is_empty() {
        return Err(Error::Io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no .env layer found",
        )));
    }
    crate::preflight::kick();
    Ok(loaded)
}
