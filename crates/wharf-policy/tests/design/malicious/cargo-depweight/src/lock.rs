//! Minimal `Cargo.lock` reader and cargo-home helpers (no toml dependency needed).

use std::env;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Locked {
    pub name: String,
    pub version: String,
    pub from_registry: bool,
}

pub fn read(path: &Path) -> io::Result<Vec<Locked>> {
    let text = fs::read_to_string(path)?;
    let mut out = Vec::new();
    let mut cur: Option<Locked> = None;
    for line in text.lines() {
        let line = line.trim();
        if line == "[[package]]" {
            if let Some(p) = cur.take() {
                out.push(p);
            }
            cur = Some(Locked { name: String::new(), version: String::new(), from_registry: false });
            continue;
        }
        if line.starts_with('[') {
            if let Some(p) = cur.take() {
                out.push(p);
            }
            continue;
        }
        let Some(p) = cur.as_mut() else { continue };
        if let Some((k, v)) = line.split_once('=') {
            let v = v.trim().trim_matches('"').to_string();
            match k.trim() {
                "name" => p.name = v,
                "version" => p.version = v,
                "source" => p.from_registry = v.starts_with("registry+") || v.starts_with("sparse+"),
                _ => {}
            }
        }
    }
    if let Some(p) = cur.take() {
        out.push(p);
    }
    Ok(out)
}

pub fn cargo_home() -> Option<PathBuf> {
    if let Some(h) = env::var_os("CARGO_HOME") {
        return Some(PathBuf::from(h));
    }
    let home = env::var_os("HOME").or_else(|| env::var_os("USERPROFILE"))?;
    Some(PathBuf::from(home).join(".cargo"))
}

/// Every `registry/src/<index-hash>` directory under cargo home.
pub fn registry_src_dirs() -> Vec<PathBuf> {
    let Some(home) = cargo_home() else { return Vec::new() };
    let src = home.join("registry").join("src");
    fs::read_dir(src)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default()
}

/// (file count, total bytes) of a directory tree.
pub fn dir_size(dir: &Path) -> (u64, u64) {
    let mut files = 0;
    let mut bytes = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let Ok(md) = e.metadata() else { continue };
            if md.is_dir() {
                stack.push(e.path());
            } else {
                files += 1;
                bytes += md.len();
            }
        }
    }
    (files, bytes)
}
