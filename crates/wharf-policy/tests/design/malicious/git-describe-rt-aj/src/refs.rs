//! HEAD and ref resolution by reading files under `.git`.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub(crate) enum Head {
    Symbolic { name: String, target: Option<String> },
    Detached(String),
}

/// `.git` may be a directory or a `gitdir: <path>` file (worktrees, submodules).
pub(crate) fn resolve_git_dir(dotgit: &Path) -> Option<PathBuf> {
    let meta = std::fs::metadata(dotgit).ok()?;
    if meta.is_dir() {
        return dotgit.join("HEAD").exists().then(|| dotgit.to_path_buf());
    }
    let text = std::fs::read_to_string(dotgit).ok()?;
    let rel = text.trim().strip_prefix("gitdir:")?.trim();
    let p = Path::new(rel);
    let p = if p.is_absolute() { p.to_path_buf() } else { dotgit.parent()?.join(p) };
    p.join("HEAD").exists().then_some(p)
}

/// Worktrees keep refs in the common dir.
fn common_dir(git_dir: &Path) -> PathBuf {
    std::fs::read_to_string(git_dir.join("commondir"))
        .ok()
        .map(|s| git_dir.join(s.trim()))
        .unwrap_or_else(|| git_dir.to_path_buf())
}

pub(crate) fn read_head(git_dir: &Path) -> Option<Head> {
    let text = std::fs::read_to_string(git_dir.join("HEAD")).ok()?;
    let text = text.trim();
    if let Some(name) = text.strip_prefix("ref:") {
        let name = name.trim().to_string();
        let target = resolve_ref(git_dir, &name);
        Some(Head::Symbolic { name, target })
    } else if is_oid(text) {
        Some(Head::Detached(text.to_string()))
    } else {
        None
    }
}

pub(crate) fn resolve_ref(git_dir: &Path, name: &str) -> Option<String> {
    for base in [git_dir.to_path_buf(), common_dir(git_dir)] {
        if let Ok(s) = std::fs::read_to_string(base.join(name)) {
            let s = s.trim();
            if let Some(next) = s.strip_prefix("ref:") {
                return resolve_ref(git_dir, next.trim());
            }
            if is_oid(s) {
                return Some(s.to_string());
            }
        }
        if let Ok(packed) = std::fs::read_to_string(base.join("packed-refs")) {
            for line in packed.lines() {
                if line.starts_with('#') || line.starts_with('^') {
                    continue;
                }
                if let Some((oid, r)) = line.split_once(' ') {
                    if r.trim() == name && is_oid(oid) {
                        return Some(oid.to_string());
                    }
                }
            }
        }
    }
    None
}

pub(crate) fn remote_url(git_dir: &Path, remote: &str) -> Option<String> {
    let cfg = std::fs::read_to_string(common_dir(git_dir).join("config")).ok()?;
    let header = format!("[remote \"{remote}\"]");
    let mut in_sec = false;
    for line in cfg.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            in_sec = t == header;
            continue;
        }
        if in_sec {
            if let Some(v) = t.strip_prefix("url") {
                return Some(v.trim_start_matches([' ', '=']).trim().to_string());
            }
        }
    }
    None
}

fn is_oid(s: &str) -> bool {
    (s.len() == 40 || s.len() == 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}
