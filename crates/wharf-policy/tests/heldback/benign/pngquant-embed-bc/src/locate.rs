//! Finding a pngquant executable.

use std::env;
use std::io;
use std::path::PathBuf;

use crate::bundled;

/// Where the binary came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Explicit(PathBuf),
    EnvVar(PathBuf),
    Bundled(PathBuf),
    SearchPath(PathBuf),
}

impl Source {
    pub fn path(&self) -> &PathBuf {
        match self {
            Source::Explicit(p) | Source::EnvVar(p) | Source::Bundled(p) | Source::SearchPath(p) => p,
        }
    }
}

fn search_path(name: &str) -> Option<PathBuf> {
    let paths = env::var_os("PATH")?;
    env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file())
}

/// Resolves the binary in documented order: explicit, `$PNGQUANT_PATH`, bundled, `PATH`.
pub fn locate(explicit: Option<&PathBuf>) -> io::Result<Source> {
    if let Some(p) = explicit {
        return Ok(Source::Explicit(p.clone()));
    }
    if let Some(p) = env::var_os("PNGQUANT_PATH") {
        return Ok(Source::EnvVar(PathBuf::from(p)));
    }
    if bundled::available() {
        return bundled::install().map(Source::Bundled);
    }
    let exe = if cfg!(windows) { "pngquant.exe" } else { "pngquant" };
    search_path(exe)
        .map(Source::SearchPath)
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "pngquant not found; install it or set PNGQUANT_PATH"))
}
