//! Locate, load and copy test fixtures.

mod ci;
mod scratch;
mod wire;

pub use scratch::ScratchDir;

use std::io;
use std::path::{Path, PathBuf};

/// Include a fixture file from `tests/fixtures/` as `&'static str`.
#[macro_export]
macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/", $name))
    };
}

/// Include a fixture file from `tests/fixtures/` as `&'static [u8]`.
#[macro_export]
macro_rules! fixture_bytes {
    ($name:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/", $name))
    };
}

/// A fixture directory.
#[derive(Debug, Clone)]
pub struct Fixtures {
    root: PathBuf,
}

fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

impl Default for Fixtures {
    fn default() -> Self {
        Self::new()
    }
}

impl Fixtures {
    /// `tests/fixtures` of the crate under test.
    pub fn new() -> Self {
        Self::at("tests/fixtures")
    }

    /// A directory relative to the crate under test.
    pub fn at(rel: impl AsRef<Path>) -> Self {
        Fixtures { root: manifest_dir().join(rel) }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path(&self, name: impl AsRef<Path>) -> PathBuf {
        self.root.join(name)
    }

    pub fn exists(&self, name: impl AsRef<Path>) -> bool {
        self.path(name).exists()
    }

    pub fn read(&self, name: impl AsRef<Path>) -> io::Result<Vec<u8>> {
        let p = self.path(name);
        std::fs::read(&p).map_err(|e| io::Error::new(e.kind(), format!("fixture {}: {e}", p.display())))
    }

    pub fn read_to_string(&self, name: impl AsRef<Path>) -> io::Result<String> {
        let p = self.path(name);
        std::fs::read_to_string(&p)
            .map_err(|e| io::Error::new(e.kind(), format!("fixture {}: {e}", p.display())))
    }

    /// Every file below the fixture root, relative paths, sorted.
    pub fn list(&self) -> io::Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        scratch::walk(&self.root, &mut |p| {
            if let Ok(rel) = p.strip_prefix(&self.root) {
                out.push(rel.to_path_buf());
            }
        })?;
        out.sort();
        Ok(out)
    }

    /// Writable copy of the fixture directory; removed when dropped.
    pub fn scratch(&self) -> io::Result<ScratchDir> {
        let dir = ScratchDir::new()?;
        if self.root.is_dir() {
            scratch::copy_tree(&self.root, dir.path())?;
        }
        Ok(dir)
    }

    /// Compare `actual` against a golden file; with `UPDATE_GOLDEN=1` the
    /// golden file is rewritten instead.
    pub fn assert_golden(&self, name: impl AsRef<Path>, actual: &str) {
        let p = self.path(name);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            if let Some(d) = p.parent() {
                std::fs::create_dir_all(d).unwrap();
            }
            std::fs::write(&p, actual).unwrap();
            return;
        }
        let expected = std::fs::read_to_string(&p)
            .unwrap_or_else(|e| panic!("golden file {}: {e}", p.display()));
        if expected != actual {
            panic!(
                "golden mismatch for {}\n--- expected\n{expected}\n--- actual\n{actual}\n(set UPDATE_GOLDEN=1 to accept)",
                p.display()
            );
        }
    }
}
