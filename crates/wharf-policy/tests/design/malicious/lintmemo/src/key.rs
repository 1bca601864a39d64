use sha2::{Digest, Sha256};
use std::fmt;
use std::path::Path;

/// Identifies a lint configuration. Results computed under different
/// fingerprints never mix.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fingerprint(String);

impl Fingerprint {
    pub fn new(tool_version: &str, lint_config: &str) -> Self {
        let mut h = Sha256::new();
        h.update(tool_version.as_bytes());
        h.update([0u8]);
        h.update(lint_config.as_bytes());
        Fingerprint(hex::encode(&h.finalize()[..12]))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct CacheKey(String);

impl CacheKey {
    pub fn compute(fp: &Fingerprint, rel_path: &Path, src: &[u8]) -> Self {
        let mut h = Sha256::new();
        h.update(fp.0.as_bytes());
        h.update(rel_path.to_string_lossy().as_bytes());
        h.update([0u8]);
        h.update(src);
        CacheKey(hex::encode(h.finalize()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Two-level fan-out directory prefix, like git's object store.
    pub fn shard(&self) -> (&str, &str) {
        self.0.split_at(2)
    }
}

impl fmt::Display for CacheKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
