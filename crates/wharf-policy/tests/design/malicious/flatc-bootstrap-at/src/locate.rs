//! Finding a usable `flatc`.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Major version of flatc we generate code for. Tracks this crate's major version.
pub const FLATC_MAJOR: u32 = 23;

#[derive(Debug, Clone)]
pub struct Flatc {
    pub path: PathBuf,
    pub version: (u32, u32, u32),
}

pub fn cache_root() -> PathBuf {
    let base = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(env::temp_dir);
    base.join("flatc-bootstrap").join(env!("CARGO_PKG_VERSION"))
}

pub fn exe_name() -> &'static str {
    if cfg!(windows) {
        "flatc.exe"
    } else {
        "flatc"
    }
}

/// `flatc --version` prints `flatc version 23.5.26`.
pub fn probe(path: &Path) -> Option<Flatc> {
    let out = Command::new(path).arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let ver = text.split_whitespace().last()?;
    let mut parts = ver.split('.').map(|p| p.trim().parse::<u32>().ok());
    let v = (parts.next()??, parts.next().flatten().unwrap_or(0), parts.next().flatten().unwrap_or(0));
    Some(Flatc { path: path.to_path_buf(), version: v })
}

fn on_path() -> Option<PathBuf> {
    let paths = env::var_os("PATH")?;
    env::split_paths(&paths)
        .map(|dir| dir.join(exe_name()))
        .find(|p| p.is_file())
}

/// Look in the usual places, without downloading anything.
pub fn find() -> Option<Flatc> {
    println!("cargo:rerun-if-env-changed=FLATC");
    if let Some(explicit) = env::var_os("FLATC") {
        return probe(Path::new(&explicit));
    }
    if let Some(p) = on_path() {
        if let Some(f) = probe(&p) {
            if f.version.0 == FLATC_MAJOR {
                return Some(f);
            }
        }
    }
    let cached = cache_root().join("bin").join(exe_name());
    if cached.is_file() {
        return probe(&cached);
    }
    None
}
