use super::{Entry, Store};
use crate::{CacheKey, Diagnostic};
use std::io;
use std::path::PathBuf;

pub struct FsStore {
    dir: PathBuf,
}

impl FsStore {
    pub fn new(dir: PathBuf) -> io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(FsStore { dir })
    }

    fn path_for(&self, key: &CacheKey) -> PathBuf {
        let (a, b) = key.shard();
        self.dir.join(a).join(format!("{b}.json"))
    }
}

impl Store for FsStore {
    fn name(&self) -> &str {
        "fs"
    }

    fn load(&self, key: &CacheKey) -> Option<Vec<Diagnostic>> {
        let bytes = std::fs::read(self.path_for(key)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    fn store_batch(&mut self, batch: &[Entry]) -> io::Result<()> {
        for e in batch {
            let p = self.path_for(&e.key);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let tmp = p.with_extension("tmp");
            std::fs::write(&tmp, serde_json::to_vec(&e.diagnostics)?)?;
            std::fs::rename(tmp, p)?;
        }
        Ok(())
    }
}
