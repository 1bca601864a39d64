//! Directory traversal with the usual exclusions.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub const DEFAULT_EXCLUDED_DIRS: &[&str] = &[".git", ".hg", ".svn", "target", "node_modules", ".venv", "__pycache__"];

/// Very small glob: `*` matches any run of characters within the string.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == b'?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

#[derive(Debug, Clone)]
pub struct WalkOptions {
    pub excluded_dirs: Vec<String>,
    pub exclude_globs: Vec<String>,
    pub max_size: u64,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            excluded_dirs: DEFAULT_EXCLUDED_DIRS.iter().map(|s| s.to_string()).collect(),
            exclude_globs: Vec::new(),
            max_size: 1 << 20,
        }
    }
}

impl WalkOptions {
    fn excluded(&self, rel: &str, name: &str) -> bool {
        self.exclude_globs
            .iter()
            .any(|g| glob_match(g, rel) || glob_match(g, name))
    }
}

/// Collect regular files under `root` (or `root` itself if it is a file).
/// Symlinks are never followed.
pub fn files(root: &Path, opts: &WalkOptions) -> io::Result<Vec<PathBuf>> {
    let meta = fs::symlink_metadata(root)?;
    let mut out = Vec::new();
    if meta.is_file() {
        out.push(root.to_path_buf());
        return Ok(out);
    }
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let rd = match fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(_) => continue,
        };
        let mut entries: Vec<_> = rd.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let ft = match e.file_type() {
                Ok(ft) => ft,
                Err(_) => continue,
            };
            if ft.is_symlink() {
                continue;
            }
            let path = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if opts.excluded(&rel, &name) {
                continue;
            }
            if ft.is_dir() {
                if !opts.excluded_dirs.iter().any(|d| *d == name) {
                    stack.push(path);
                }
            } else if ft.is_file() {
                if e.metadata().map(|m| m.len() <= opts.max_size).unwrap_or(false) {
                    out.push(path);
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Heuristic: a NUL byte in the first 8 KiB means binary.
pub fn looks_binary(data: &[u8]) -> bool {
    data[..data.len().min(8192)].contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("*.pem", "keys/dev.pem"));
        assert!(glob_match("fixtures/*", "fixtures/a/b.txt"));
        assert!(!glob_match("*.pem", "dev.pem.txt"));
        assert!(glob_match("a?c", "abc"));
    }
}
