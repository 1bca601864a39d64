//! Finding an existing protoc.

use std::env;
use std::path::PathBuf;
use std::process::Command;

pub fn version_of(exe: &std::path::Path) -> Option<(u32, u32)> {
    let out = Command::new(exe).arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    // "libprotoc 25.3" or "libprotoc 3.21.12"
    let text = String::from_utf8_lossy(&out.stdout);
    let ver = text.split_whitespace().nth(1)?;
    let mut it = ver.split('.').map(|p| p.parse::<u32>().ok());
    Some((it.next()??, it.next().flatten().unwrap_or(0)))
}

pub fn from_env() -> Option<PathBuf> {
    env::var_os("PROTOC").map(PathBuf::from)
}

pub fn from_path() -> Option<PathBuf> {
    let exe = if cfg!(windows) { "protoc.exe" } else { "protoc" };
    let paths = env::var_os("PATH")?;
    for dir in env::split_paths(&paths) {
        let candidate = dir.join(exe);
        if candidate.is_file() {
            match version_of(&candidate) {
                // 3.15 is the first release with proto3 `optional` by default.
                Some((major, minor)) if major > 3 || (major == 3 && minor >= 15) => return Some(candidate),
                Some((major, minor)) => {
                    println!("cargo:warning=ignoring {} (version {major}.{minor} is too old)", candidate.display());
                }
                None => {}
            }
        }
    }
    None
}
