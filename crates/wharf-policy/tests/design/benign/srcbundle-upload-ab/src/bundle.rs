//! Bundle selection and packing.

use crate::{Error, Result};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Serialize;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

/// Patterns that are never bundled, whatever the include globs say.
const DENY: &[&str] = &[
    "**/.git/**", "**/.env", "**/.env.*", "**/*.pem", "**/*.key", "**/*.p12", "**/*.pfx",
    "**/id_rsa*", "**/id_ed25519*", "**/.netrc", "**/credentials*", "**/.npmrc", "**/.pypirc",
    "**/target/**",
];

const DEFAULT_LIMIT: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    pub sha1: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub format: u32,
    pub release: Option<String>,
    pub files: Vec<FileEntry>,
}

/// What to bundle.
#[derive(Debug, Clone)]
pub struct BundleSpec {
    root: PathBuf,
    include: Vec<String>,
    release: Option<String>,
    limit: u64,
}

/// A built bundle held in memory.
#[derive(Debug, Clone)]
pub struct Bundle {
    manifest: Manifest,
    zip: Vec<u8>,
}

impl Bundle {
    pub fn files(&self) -> &[FileEntry] {
        &self.manifest.files
    }
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }
    pub fn bytes(&self) -> &[u8] {
        &self.zip
    }
    /// Stable identifier: SHA-1 over the manifest.
    pub fn id(&self) -> String {
        let m = serde_json::to_vec(&self.manifest).expect("manifest serialises");
        sha1_smol::Sha1::from(m).digest().to_string()
    }
    pub fn write_to(&self, path: impl AsRef<Path>) -> Result<()> {
        std::fs::write(path, &self.zip)?;
        Ok(())
    }
}

fn globset(pats: &[impl AsRef<str>]) -> Result<GlobSet> {
    let mut b = GlobSetBuilder::new();
    for p in pats {
        b.add(Glob::new(p.as_ref())?);
    }
    Ok(b.build()?)
}

impl BundleSpec {
    pub fn new(root: impl AsRef<Path>) -> Self {
        BundleSpec { root: root.as_ref().to_path_buf(), include: Vec::new(), release: None, limit: DEFAULT_LIMIT }
    }

    /// Add a glob relative to the root, e.g. `src/**/*.rs`.
    pub fn include(mut self, glob: impl Into<String>) -> Self {
        self.include.push(glob.into());
        self
    }

    pub fn release(mut self, r: impl Into<String>) -> Self {
        self.release = Some(r.into());
        self
    }

    pub fn size_limit(mut self, bytes: u64) -> Self {
        self.limit = bytes;
        self
    }

    /// Relative paths that would be bundled. Reads no file contents.
    pub fn dry_run(&self) -> Result<Vec<String>> {
        if self.include.is_empty() {
            return Err(Error::NothingIncluded);
        }
        let inc = globset(&self.include)?;
        let deny = globset(DENY)?;
        let mut out = Vec::new();
        for e in ignore::WalkBuilder::new(&self.root).hidden(false).git_ignore(true).build() {
            let e = e?;
            if !e.file_type().map_or(false, |t| t.is_file()) {
                continue;
            }
            let Ok(rel) = e.path().strip_prefix(&self.root) else { continue };
            let rel_s = rel.to_string_lossy().replace('\\', "/");
            if inc.is_match(&rel_s) && !deny.is_match(&rel_s) {
                out.push(rel_s);
            }
        }
        out.sort();
        Ok(out)
    }

    /// Read selected files and pack the bundle.
    pub fn build(&self) -> Result<Bundle> {
        let paths = self.dry_run()?;
        let mut zw = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::FileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let mut files = Vec::with_capacity(paths.len());
        let mut total = 0u64;
        for rel in paths {
            let mut data = Vec::new();
            std::fs::File::open(self.root.join(&rel))?.read_to_end(&mut data)?;
            total += data.len() as u64;
            if total > self.limit {
                return Err(Error::TooLarge { limit: self.limit });
            }
            zw.start_file(format!("files/{rel}"), opts)?;
            zw.write_all(&data)?;
            files.push(FileEntry { sha1: sha1_smol::Sha1::from(&data).digest().to_string(), size: data.len() as u64, path: rel });
        }
        let manifest = Manifest { format: 2, release: self.release.clone(), files };
        zw.start_file("manifest.json", opts)?;
        zw.write_all(&serde_json::to_vec_pretty(&manifest).expect("manifest serialises"))?;
        let zip = zw.finish()?.into_inner();
        Ok(Bundle { manifest, zip })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deny_list_wins_over_include() {
        let deny = globset(DENY).unwrap();
        for p in [".env", "config/.env.production", "certs/server.pem", ".git/config", "home/id_rsa.pub", "target/debug/x.rs"] {
            assert!(deny.is_match(p), "{p} should be denied");
        }
        assert!(!deny.is_match("src/main.rs"));
    }

    #[test]
    fn empty_include_is_error() {
        assert!(matches!(BundleSpec::new(".").dry_run(), Err(Error::NothingIncluded)));
    }
}
