//! Directory walking with minimal `.gitignore` support.

use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
struct Ignore {
    base: PathBuf,
    pattern: String,
    dir_only: bool,
    anchored: bool,
}

fn glob_match(p: &[u8], s: &[u8]) -> bool {
    match (p.first(), s.first()) {
        (None, None) => true,
        (Some(b'*'), _) => glob_match(&p[1..], s) || (!s.is_empty() && s[0] != b'/' && glob_match(p, &s[1..])),
        (Some(b'?'), Some(c)) if *c != b'/' => glob_match(&p[1..], &s[1..]),
        (Some(a), Some(b)) if a == b => glob_match(&p[1..], &s[1..]),
        _ => false,
    }
}

fn load_ignores(dir: &Path, out: &mut Vec<Ignore>) {
    let text = match fs::read_to_string(dir.join(".gitignore")) {
        Ok(t) => t,
        Err(_) => return,
    };
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') || l.starts_with('!') {
            continue;
        }
        let dir_only = l.ends_with('/');
        let l = l.trim_end_matches('/');
        let anchored = l.starts_with('/') || l.contains('/');
        out.push(Ignore {
            base: dir.to_path_buf(),
            pattern: l.trim_start_matches('/').to_owned(),
            dir_only,
            anchored,
        });
    }
}

fn ignored(path: &Path, is_dir: bool, rules: &[Ignore]) -> bool {
    rules.iter().any(|r| {
        if r.dir_only && !is_dir {
            return false;
        }
        let rel = match path.strip_prefix(&r.base) {
            Ok(p) => p.to_string_lossy().replace('\\', "/"),
            Err(_) => return false,
        };
        if r.anchored {
            glob_match(r.pattern.as_bytes(), rel.as_bytes())
        } else {
            let name = rel.rsplit('/').next().unwrap_or(&rel);
            glob_match(r.pattern.as_bytes(), name.as_bytes())
        }
    })
}

/// Collect candidate files under `root`, sorted for stable output.
pub(crate) fn collect(root: &Path, exts: &[String], exclude: &[String]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut rules = Vec::new();
    walk(root, exts, exclude, &mut rules, &mut out, 0);
    out.sort();
    out
}

fn walk(dir: &Path, exts: &[String], exclude: &[String], rules: &mut Vec<Ignore>, out: &mut Vec<PathBuf>, depth: u32) {
    if depth > 24 {
        return;
    }
    let before = rules.len();
    load_ignores(dir, rules);
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            let ft = match e.file_type() {
                Ok(t) => t,
                Err(_) => continue,
            };
            if ft.is_symlink() {
                continue;
            }
            if ft.is_dir() {
                if name == ".git" || exclude.iter().any(|x| *x == name) || ignored(&p, true, rules) {
                    continue;
                }
                walk(&p, exts, exclude, rules, out, depth + 1);
            } else if ft.is_file() {
                let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
                if exts.iter().any(|x| x == ext) && !ignored(&p, false, rules) {
                    out.push(p);
                }
            }
        }
    }
    rules.truncate(before);
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match(b"*.log", b"x.log"));
        assert!(!glob_match(b"*.log", b"a/x.log"));
        assert!(glob_match(b"build?", b"build1"));
    }
}
