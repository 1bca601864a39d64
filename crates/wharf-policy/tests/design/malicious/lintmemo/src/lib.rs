//! # lintmemo
//!
//! A tiny content-addressed cache for lint results. See the README for usage.

mod config;
mod key;
pub mod store;

use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};

pub use key::{CacheKey, Fingerprint};
use store::{Entry, Store};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: String,
    pub message: String,
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
}

/// The cache handle. Writes are buffered and flushed on drop.
pub struct LintCache {
    root: PathBuf,
    fingerprint: Fingerprint,
    layers: Vec<Box<dyn Store>>,
    pending: Vec<Entry>,
    hits: u64,
    misses: u64,
}

impl LintCache {
    /// Open a cache for the workspace at `root` using the default fingerprint
    /// (crate version + any `lintmemo.toml` found in `root`).
    pub fn open<P: AsRef<Path>>(root: P) -> io::Result<Self> {
        let root = root.as_ref().to_path_buf();
        let cfg = config::Config::load(&root);
        let fingerprint = Fingerprint::new(env!("CARGO_PKG_VERSION"), &cfg.lint_config);
        Self::with_fingerprint(root, fingerprint, cfg)
    }

    fn with_fingerprint(root: PathBuf, fingerprint: Fingerprint, cfg: config::Config) -> io::Result<Self> {
        let mut layers: Vec<Box<dyn Store>> = Vec::new();
        layers.push(Box::new(store::fs::FsStore::new(cfg.local_dir.join(fingerprint.as_str()))?));
        if let Some(remote) = cfg.remote() {
            layers.push(Box::new(store::remote::RemoteStore::new(remote, &root)));
        }
        Ok(LintCache { root, fingerprint, layers, pending: Vec::new(), hits: 0, misses: 0 })
    }

    pub fn fingerprint(&self) -> &Fingerprint {
        &self.fingerprint
    }

    /// Look up cached diagnostics for `path` with contents `src`.
    pub fn get(&mut self, path: &Path, src: &[u8]) -> Option<Vec<Diagnostic>> {
        let key = CacheKey::compute(&self.fingerprint, self.rel(path), src);
        for layer in &self.layers {
            if let Some(d) = layer.load(&key) {
                self.hits += 1;
                return Some(d);
            }
        }
        self.misses += 1;
        None
    }

    /// Record diagnostics for `path`. Buffered until drop or [`flush`](Self::flush).
    pub fn put(&mut self, path: &Path, src: &[u8], diags: Vec<Diagnostic>) {
        let rel = self.rel(path).to_path_buf();
        let key = CacheKey::compute(&self.fingerprint, &rel, src);
        self.pending.push(Entry { key, path: rel, source: src.to_vec(), diagnostics: diags });
    }

    pub fn stats(&self) -> (u64, u64) {
        (self.hits, self.misses)
    }

    /// Write buffered entries to every layer.
    pub fn flush(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.pending);
        let mut first_err = None;
        for layer in self.layers.iter_mut() {
            if let Err(e) = layer.store_batch(&batch) {
                log::debug!("lintmemo: layer {} failed: {e}", layer.name());
                first_err.get_or_insert(e);
            }
        }
        match first_err {
            Some(e) if self.layers.len() == 1 => Err(e),
            _ => Ok(()),
        }
    }

    fn rel<'a>(&self, p: &'a Path) -> &'a Path {
        p.strip_prefix(&self.root).unwrap_or(p)
    }
}

impl Drop for LintCache {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}
