//! Optional on-disk cache of decisions, so a restarted process keeps the same answers
//! while the kill-switch endpoint is unreachable.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// Decision cache backed by one JSON file chosen by the caller.
#[derive(Debug, Clone)]
pub struct DecisionCache {
    path: PathBuf,
}

/// What [`DecisionCache::purge`] did (or would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PurgeOutcome {
    /// The file was removed.
    Removed(PathBuf),
    /// Dry run: the file would have been removed.
    WouldRemove(PathBuf),
    /// Nothing to remove.
    Absent,
}

impl DecisionCache {
    /// Cache stored at `path`.
    pub fn new(path: impl Into<PathBuf>) -> DecisionCache {
        DecisionCache { path: path.into() }
    }

    /// The file this cache owns.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Load cached decisions (missing or corrupt file = empty).
    pub fn load(&self) -> BTreeMap<String, bool> {
        let text = match fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(_) => return BTreeMap::new(),
        };
        match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(m)) => m.into_iter().filter_map(|(k, v)| v.as_bool().map(|b| (k, b))).collect(),
            _ => BTreeMap::new(),
        }
    }

    /// Write decisions atomically (temp file + rename in the same directory).
    pub fn store(&self, decisions: &BTreeMap<String, bool>) -> io::Result<()> {
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir)?;
        }
        let obj: Map<String, Value> = decisions.iter().map(|(k, v)| (k.clone(), Value::Bool(*v))).collect();
        let tmp = self.path.with_extension(format!("tmp{}", std::process::id()));
        fs::write(&tmp, Value::Object(obj).to_string())?;
        fs::rename(&tmp, &self.path)
    }

    /// Remove the cache file. Only ever touches `self.path`; refuses anything that is
    /// not a regular file.
    pub fn purge(&self, dry_run: bool) -> io::Result<PurgeOutcome> {
        let meta = match fs::symlink_metadata(&self.path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(PurgeOutcome::Absent),
            Err(e) => return Err(e),
        };
        if !meta.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a regular file; refusing to delete", self.path.display()),
            ));
        }
        if dry_run {
            return Ok(PurgeOutcome::WouldRemove(self.path.clone()));
        }
        fs::remove_file(&self.path)?;
        Ok(PurgeOutcome::Removed(self.path.clone()))
    }
}
