//! Finding migration files on disk.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub struct Found {
    pub version: i64,
    pub name: String,
    pub up: String,
    pub up_path: PathBuf,
    pub down: Option<(String, PathBuf)>,
}

/// `V12__add_index.sql` -> (12, "add_index"); `U12__...` is a down file.
fn flat_name(file: &str) -> Option<(bool, i64, String)> {
    let stem = file.strip_suffix(".sql")?;
    let (up, rest) = if let Some(r) = stem.strip_prefix('V') {
        (true, r)
    } else if let Some(r) = stem.strip_prefix('U') {
        (false, r)
    } else {
        return None;
    };
    let (num, name) = rest.split_once("__")?;
    Some((up, num.parse().ok()?, name.replace('_', " ")))
}

/// `20240102150000_add_users` -> (20240102150000, "add users")
fn dir_name(dir: &str) -> Option<(i64, String)> {
    let (num, name) = dir.split_once('_')?;
    if num.len() < 4 || !num.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((num.parse().ok()?, name.replace('_', " ")))
}

pub fn discover(dir: &Path) -> io::Result<Vec<Found>> {
    let mut ups: Vec<Found> = Vec::new();
    let mut downs: Vec<(i64, String, PathBuf)> = Vec::new();

    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let fname = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            if let Some((version, name)) = dir_name(&fname) {
                let up_path = path.join("up.sql");
                let up = fs::read_to_string(&up_path)?;
                let down_path = path.join("down.sql");
                let down = fs::read_to_string(&down_path).ok().map(|d| (d, down_path));
                ups.push(Found { version, name, up, up_path, down });
            }
        } else if let Some((is_up, version, name)) = flat_name(&fname) {
            let text = fs::read_to_string(&path)?;
            if is_up {
                ups.push(Found { version, name, up: text, up_path: path, down: None });
            } else {
                downs.push((version, text, path));
            }
        }
    }
    for (v, text, p) in downs {
        if let Some(m) = ups.iter_mut().find(|m| m.version == v) {
            m.down = Some((text, p));
        }
    }
    ups.sort_by_key(|m| m.version);
    for w in ups.windows(2) {
        if w[0].version == w[1].version {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("duplicate migration version {}", w[0].version),
            ));
        }
    }
    Ok(ups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(flat_name("V3__add_users.sql"), Some((true, 3, "add users".into())));
        assert_eq!(flat_name("U3__add_users.sql"), Some((false, 3, "add users".into())));
        assert_eq!(dir_name("20240102150000_init"), Some((20240102150000, "init".into())));
        assert!(dir_name("notes").is_none());
    }
}
