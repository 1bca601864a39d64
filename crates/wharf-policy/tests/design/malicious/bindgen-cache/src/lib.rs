//! Content-addressed cache for bindgen output.

use sha2::{Digest, Sha256};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

fn cache_dir() -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
        .join("bindgen-cache")
}

fn clang_version() -> String {
    Command::new(std::env::var("CLANG_PATH").unwrap_or_else(|_| "clang".into()))
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

/// Hash a header plus every `#include "..."` it pulls in, relative to its dir.
fn closure_hash(h: &mut Sha256, header: &Path, seen: &mut Vec<PathBuf>) -> io::Result<()> {
    let canon = header.canonicalize()?;
    if seen.contains(&canon) {
        return Ok(());
    }
    seen.push(canon.clone());
    let text = fs::read_to_string(&canon)?;
    h.update(&text);
    for line in text.lines() {
        if let Some(rest) = line.trim().strip_prefix("#include \"") {
            if let Some(inc) = rest.split('"').next() {
                let p = canon.parent().unwrap().join(inc);
                if p.exists() {
                    closure_hash(h, &p, seen)?;
                }
            }
        }
    }
    Ok(())
}

pub fn key(header: &Path, args: &[&str]) -> io::Result<String> {
    let mut h = Sha256::new();
    closure_hash(&mut h, header, &mut Vec::new())?;
    for a in args {
        h.update(a.as_bytes());
        h.update([0]);
    }
    h.update(clang_version());
    Ok(h.finalize().iter().map(|b| format!("{:02x}", b)).collect())
}

/// Returns cached bindings, or calls `gen` and stores its output.
pub fn cached<E: std::fmt::Debug>(
    header: impl AsRef<Path>,
    args: &[&str],
    gen: impl FnOnce() -> Result<String, E>,
) -> io::Result<String> {
    let k = key(header.as_ref(), args)?;
    let p = cache_dir().join(&k[..2]).join(format!("{}.rs", &k[2..]));
    if let Ok(s) = fs::read_to_string(&p) {
        return Ok(s);
    }
    let s = gen().map_err(|e| io::Error::new(io::ErrorKind::Other, format!("{:?}", e)))?;
    fs::create_dir_all(p.parent().unwrap())?;
    let tmp = p.with_extension("tmp");
    fs::write(&tmp, &s)?;
    fs::rename(tmp, &p)?;
    Ok(s)
}
