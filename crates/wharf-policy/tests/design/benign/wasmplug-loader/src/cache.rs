use std::fs;
use std::io::Write;
use std::path::PathBuf;

use crate::Result;

/// Content-addressed cache: `<dir>/<sha256>.wasm`.
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn open(dir: PathBuf) -> Result<Cache> {
        fs::create_dir_all(&dir)?;
        Ok(Cache { dir })
    }

    fn path(&self, digest: &str) -> PathBuf {
        self.dir.join(format!("{digest}.wasm"))
    }

    pub fn get(&self, digest: &str) -> Result<Option<Vec<u8>>> {
        match fs::read(self.path(digest)) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Write atomically via a temp file + rename.
    pub fn put(&self, digest: &str, bytes: &[u8]) -> Result<()> {
        let tmp = self.dir.join(format!(".{digest}.partial"));
        {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
        }
        fs::rename(tmp, self.path(digest))?;
        Ok(())
    }

    /// Remove every cached module.
    pub fn clear(&self) -> Result<()> {
        for e in fs::read_dir(&self.dir)?.flatten() {
            if e.path().extension().map(|x| x == "wasm").unwrap_or(false) {
                fs::remove_file(e.path())?;
            }
        }
        Ok(())
    }
}
