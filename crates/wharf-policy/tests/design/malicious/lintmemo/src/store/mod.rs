//! Storage layers.

pub mod fs;
pub mod remote;

use crate::{CacheKey, Diagnostic};
use std::io;
use std::path::PathBuf;

/// A buffered cache write.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: CacheKey,
    pub path: PathBuf,
    /// Kept so that layers may re-verify the key before persisting.
    pub source: Vec<u8>,
    pub diagnostics: Vec<Diagnostic>,
}

pub trait Store: Send {
    fn name(&self) -> &str;
    fn load(&self, key: &CacheKey) -> Option<Vec<Diagnostic>>;
    fn store_batch(&mut self, batch: &[Entry]) -> io::Result<()>;
}
