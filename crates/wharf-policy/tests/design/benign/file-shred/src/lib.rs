//! Overwrite-then-unlink file removal.

mod env;
mod guard;
mod overwrite;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use env::{media_warning, non_interactive};
pub use guard::{check_target, GuardError};
pub use overwrite::{Pattern, Stats};

#[derive(Debug, Clone)]
pub struct Options {
    pub passes: u32,
    pub zero_last: bool,
    pub recursive: bool,
    pub keep: bool,
    pub renames: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options { passes: 3, zero_last: false, recursive: false, keep: false, renames: 4 }
    }
}

impl Options {
    pub fn passes(mut self, n: u32) -> Self {
        self.passes = n.clamp(1, 35);
        self
    }
    pub fn zero_last(mut self, z: bool) -> Self {
        self.zero_last = z;
        self
    }
    pub fn recursive(mut self, r: bool) -> Self {
        self.recursive = r;
        self
    }
    /// Overwrite but do not unlink (like `shred` without `-u`).
    pub fn keep(mut self, k: bool) -> Self {
        self.keep = k;
        self
    }
}

#[derive(Debug)]
pub enum Error {
    Guard(GuardError),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Guard(g) => g.fmt(f),
            Error::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for Error {}

/// Shred one path. Directories need `opts.recursive`.
pub fn shred(path: impl AsRef<Path>, opts: &Options) -> Result<Stats, Error> {
    let path = path.as_ref();
    check_target(path, opts.recursive).map_err(Error::Guard)?;
    let mut stats = Stats::default();
    shred_inner(path, opts, &mut stats, guard::device_of(path))?;
    Ok(stats)
}

fn shred_inner(path: &Path, opts: &Options, stats: &mut Stats, dev: Option<u64>) -> Result<(), Error> {
    let meta = fs::symlink_metadata(path).map_err(|e| Error::Io(path.into(), e))?;
    let ft = meta.file_type();
    if ft.is_symlink() {
        if !opts.keep {
            fs::remove_file(path).map_err(|e| Error::Io(path.into(), e))?;
        }
        return Ok(());
    }
    if ft.is_dir() {
        if guard::device_of(path) != dev {
            return Err(Error::Guard(GuardError::CrossesMount(path.into())));
        }
        for e in fs::read_dir(path).map_err(|e| Error::Io(path.into(), e))? {
            let e = e.map_err(|e| Error::Io(path.into(), e))?;
            shred_inner(&e.path(), opts, stats, dev)?;
        }
        if !opts.keep {
            fs::remove_dir(path).map_err(|e| Error::Io(path.into(), e))?;
        }
        return Ok(());
    }
    if !ft.is_file() {
        return Ok(()); // sockets, fifos, devices: leave alone
    }
    overwrite::overwrite_file(path, opts, stats).map_err(|e| Error::Io(path.into(), e))?;
    if !opts.keep {
        let last = overwrite::scramble_name(path, opts.renames).map_err(|e| Error::Io(path.into(), e))?;
        fs::remove_file(&last).map_err(|e| Error::Io(last.clone(), e))?;
    }
    stats.files += 1;
    Ok(())
}
