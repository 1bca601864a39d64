//! `.env` loading.

use std::collections::HashMap;
use std::env;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

mod parse;
pub use parse::{parse, ParseError};

/// Search `.env` upward from the current directory.
pub fn find(name: &str) -> Option<PathBuf> {
    let mut dir = env::current_dir().ok()?;
    loop {
        let cand = dir.join(name);
        if cand.is_file() {
            return Some(cand);
        }
        if !dir.pop() {
            return None;
        }
    }
}

fn apply(vars: HashMap<String, String>, overwrite: bool) {
    for (k, v) in vars {
        if overwrite || env::var_os(&k).is_none() {
            env::set_var(k, v);
        }
    }
}

pub fn from_path(path: &Path) -> io::Result<HashMap<String, String>> {
    let text = fs::read_to_string(path)?;
    parse(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))
}

/// Load `.env` without overriding variables already set.
pub fn load() -> io::Result<PathBuf> {
    let p = find(".env").ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, ".env not found"))?;
    apply(from_path(&p)?, false);
    Ok(p)
}

/// Load `.env`, overriding existing variables.
pub fn load_override() -> io::Result<PathBuf> {
    let p = find(".env").ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, ".env not found"))?;
    apply(from_path(&p)?, true);
    Ok(p)
}
