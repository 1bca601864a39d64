//! Reproducible source archives of a git checkout.
//!
//! [`Archive::plan`] only lists files; nothing is read or written until
//! [`Plan::write_tar_gz`], and nothing leaves the machine unless you use
//! [`Upload`] (feature `upload`) with a URL of your choosing.

mod select;
mod tar;
#[cfg(feature = "upload")]
mod upload;

pub use crate::select::{glob_match, is_sensitive};
pub use crate::tar::TarWriter;
#[cfg(feature = "upload")]
pub use crate::upload::Upload;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub struct Archive {
    root: PathBuf,
    prefix: String,
    includes: Vec<String>,
    excludes: Vec<String>,
    mtime: Option<u64>,
    level: u32,
}

impl Archive {
    pub fn new(root: impl Into<PathBuf>) -> Archive {
        Archive {
            root: root.into(),
            prefix: String::new(),
            includes: Vec::new(),
            excludes: Vec::new(),
            mtime: None,
            level: 9,
        }
    }

    /// Directory prefix inside the archive, e.g. `"name-1.2.3/"`.
    pub fn prefix(mut self, p: impl Into<String>) -> Archive {
        let mut p = p.into();
        if !p.is_empty() && !p.ends_with('/') {
            p.push('/');
        }
        self.prefix = p;
        self
    }

    pub fn include(mut self, glob: impl Into<String>) -> Archive {
        self.includes.push(glob.into());
        self
    }

    pub fn exclude(mut self, glob: impl Into<String>) -> Archive {
        self.excludes.push(glob.into());
        self
    }

    pub fn mtime(mut self, secs: u64) -> Archive {
        self.mtime = Some(secs);
        self
    }

    pub fn compression_level(mut self, l: u32) -> Archive {
        self.level = l.min(9);
        self
    }

    /// Decide what would be archived (a dry run).
    pub fn plan(self) -> io::Result<Plan> {
        let sel = select::select(&self.root, &self.includes, &self.excludes)?;
        let mtime = self
            .mtime
            .or_else(|| std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.parse().ok()))
            .or_else(|| select::head_time(&self.root))
            .unwrap_or(0);
        Ok(Plan { archive: self, sel, mtime })
    }
}

pub struct Plan {
    archive: Archive,
    sel: select::Selection,
    mtime: u64,
}

#[cfg(unix)]
fn is_exec(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).map(|m| m.permissions().mode() & 0o111 != 0).unwrap_or(false)
}

#[cfg(not(unix))]
fn is_exec(_p: &Path) -> bool {
    false
}

impl Plan {
    pub fn files(&self) -> &[PathBuf] {
        &self.sel.files
    }

    pub fn excluded(&self) -> &[PathBuf] {
        &self.sel.excluded
    }

    /// Tracked files left out because their names look like secrets.
    pub fn sensitive_skipped(&self) -> &[PathBuf] {
        &self.sel.sensitive
    }

    pub fn total_bytes(&self) -> u64 {
        self.sel
            .files
            .iter()
            .filter_map(|f| std::fs::metadata(self.archive.root.join(f)).ok())
            .map(|m| m.len())
            .sum()
    }

    /// Write an uncompressed tar; returns bytes written.
    pub fn write_tar<W: Write>(&self, w: W) -> io::Result<u64> {
        let mut t = TarWriter::new(w, self.mtime);
        for f in &self.sel.files {
            let abs = self.archive.root.join(f);
            let data = std::fs::read(&abs)?;
            let name = format!("{}{}", self.archive.prefix, f.to_string_lossy().replace('\\', "/"));
            t.append(&name, &data, is_exec(&abs))?;
        }
        let n = t.written();
        t.finish()?;
        Ok(n + 1024)
    }

    /// Write a gzip-compressed tar; returns uncompressed tar size.
    pub fn write_tar_gz<W: Write>(&self, w: W) -> io::Result<u64> {
        let gz = flate2::GzBuilder::new()
            .mtime(self.mtime as u32)
            .write(w, flate2::Compression::new(self.archive.level));
        let mut gz = gz;
        let n = self.write_tar(&mut gz)?;
        gz.finish()?;
        Ok(n)
    }
}
