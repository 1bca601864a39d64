//! Test fixture helpers.

mod runner;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use walkdir::WalkDir;

pub struct Fixture {
    dir: TempDir,
}

impl Fixture {
    /// Recursively copy `template` into a fresh temp dir.
    pub fn copy(template: impl AsRef<Path>) -> io::Result<Fixture> {
        let dir = tempfile::Builder::new().prefix("fixture-").tempdir()?;
        let src = template.as_ref();
        for e in WalkDir::new(src).into_iter().flatten() {
            let rel = e.path().strip_prefix(src).unwrap();
            let dst = dir.path().join(rel);
            if e.file_type().is_dir() {
                fs::create_dir_all(&dst)?;
            } else {
                fs::copy(e.path(), &dst)?;
            }
        }
        Ok(Fixture { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }
}

/// Compare `actual` with the golden file; rewrite it when `UPDATE_GOLDEN=1`.
pub fn assert_golden(golden: impl AsRef<Path>, actual: &str) {
    let p = golden.as_ref();
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        if let Some(d) = p.parent() {
            fs::create_dir_all(d).unwrap();
        }
        fs::write(p, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(p).unwrap_or_else(|_| panic!("missing golden file {}", p.display()));
    if expected != actual {
        panic!("golden mismatch for {}\n--- expected\n{}\n--- actual\n{}", p.display(), expected, actual);
    }
}
