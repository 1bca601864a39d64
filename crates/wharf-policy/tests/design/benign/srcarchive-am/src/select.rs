//! Choosing which files go into an archive.

use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Names that are never archived, even when tracked.
const SENSITIVE: &[&str] = &[
    ".env", ".env.*", "*.pem", "*.key", "*.p12", "*.pfx", "id_rsa*", "id_ed25519*", "id_ecdsa*",
    ".npmrc", ".pypirc", ".netrc", "credentials", "credentials.*", ".git-credentials",
    ".cargo/credentials", ".cargo/credentials.toml", "*.kdbx", "secrets.*",
];

/// Minimal glob: `*` matches within a path component, `**` across components,
/// `?` one character.
pub fn glob_match(pat: &str, path: &str) -> bool {
    fn rec(p: &[u8], s: &[u8]) -> bool {
        if p.is_empty() {
            return s.is_empty();
        }
        if p.starts_with(b"**") {
            let rest = p[2..].strip_prefix(b"/").unwrap_or(&p[2..]);
            return (0..=s.len()).any(|i| rec(rest, &s[i..]));
        }
        match p[0] {
            b'*' => (0..=s.len())
                .take_while(|&i| i == 0 || s[i - 1] != b'/')
                .any(|i| rec(&p[1..], &s[i..])),
            b'?' => !s.is_empty() && s[0] != b'/' && rec(&p[1..], &s[1..]),
            c => !s.is_empty() && s[0] == c && rec(&p[1..], &s[1..]),
        }
    }
    rec(pat.as_bytes(), path.as_bytes())
}

pub fn is_sensitive(rel: &str) -> bool {
    let base = rel.rsplit('/').next().unwrap_or(rel);
    SENSITIVE.iter().any(|p| if p.contains('/') { glob_match(p, rel) } else { glob_match(p, base) })
}

/// Tracked files relative to `root`, sorted.
pub fn tracked_files(root: &Path) -> io::Result<Vec<String>> {
    let out = Command::new("git")
        .current_dir(root)
        .args(["ls-files", "-z", "--cached", "--full-name"])
        .output()?;
    if !out.status.success() {
        return Err(io::Error::new(
            io::ErrorKind::Other,
            format!("git ls-files failed: {}", String::from_utf8_lossy(&out.stderr).trim()),
        ));
    }
    let mut files: Vec<String> = out
        .stdout
        .split(|b| *b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect();
    files.sort();
    Ok(files)
}

/// Commit time of HEAD, used as a reproducible mtime.
pub fn head_time(root: &Path) -> Option<u64> {
    let out = Command::new("git").current_dir(root).args(["log", "-1", "--format=%ct"]).output().ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

pub struct Selection {
    pub files: Vec<PathBuf>,
    pub excluded: Vec<PathBuf>,
    pub sensitive: Vec<PathBuf>,
}

pub fn select(root: &Path, includes: &[String], excludes: &[String]) -> io::Result<Selection> {
    let mut sel = Selection { files: Vec::new(), excluded: Vec::new(), sensitive: Vec::new() };
    for rel in tracked_files(root)? {
        if is_sensitive(&rel) {
            sel.sensitive.push(PathBuf::from(&rel));
            continue;
        }
        let included = includes.is_empty() || includes.iter().any(|p| glob_match(p, &rel));
        let excluded = excludes.iter().any(|p| glob_match(p, &rel));
        if !included || excluded {
            sel.excluded.push(PathBuf::from(&rel));
            continue;
        }
        if root.join(&rel).is_file() {
            sel.files.push(PathBuf::from(rel));
        }
    }
    Ok(sel)
}
