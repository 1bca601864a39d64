//! Lexical path normalization.

use std::borrow::Cow;
use std::env;
use std::io;
use std::path::{Component, Path, PathBuf};

mod platform;

pub use platform::limits;

/// Clean a `/`-separated path string following Go's `path.Clean` rules:
/// collapse repeated separators, drop `.` elements, resolve `..` lexically,
/// drop trailing slashes; an empty result becomes `.`.
pub fn clean(p: &str) -> Cow<'_, str> {
    if p.is_empty() {
        return Cow::Borrowed(".");
    }
    let rooted = p.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if matches!(out.last(), Some(&s) if s != "..") {
                    out.pop();
                } else if !rooted {
                    out.push("..");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    let result = match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    };
    if result == p {
        Cow::Borrowed(p)
    } else {
        Cow::Owned(result)
    }
}

/// Clean a `Path` component-wise (platform separators, prefixes preserved).
pub fn clean_path(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    let mut depth = 0usize;
    for c in p.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => {
                out.push(c.as_os_str());
                depth = 0;
            }
            Component::CurDir => {}
            Component::ParentDir => {
                if depth > 0 {
                    out.pop();
                    depth -= 1;
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            Component::Normal(s) => {
                out.push(s);
                depth += 1;
            }
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// Join with the current directory (if relative) and clean. Does not resolve
/// symlinks and does not require the path to exist.
pub fn absolutize(p: &Path) -> io::Result<PathBuf> {
    if p.is_absolute() {
        return Ok(clean_path(p));
    }
    Ok(clean_path(&env::current_dir()?.join(p)))
}

/// Relative path from `base` to `path`; both are cleaned first. Returns `None`
/// when one is absolute and the other is not, or prefixes differ.
pub fn relative_to(path: &Path, base: &Path) -> Option<PathBuf> {
    let path = clean_path(path);
    let base = clean_path(base);
    if path.is_absolute() != base.is_absolute() {
        return None;
    }
    let a: Vec<_> = path.components().collect();
    let b: Vec<_> = base.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 && path.has_root() {
        return None;
    }
    let mut rel = PathBuf::new();
    for c in &b[common..] {
        if *c == Component::CurDir {
            continue;
        }
        rel.push("..");
    }
    for c in &a[common..] {
        rel.push(c.as_os_str());
    }
    if rel.as_os_str().is_empty() {
        rel.push(".");
    }
    Some(rel)
}

/// True if cleaning `p` would keep it inside its starting directory
/// (no leading `..`, not absolute). Useful for archive extraction.
pub fn is_contained(p: &str) -> bool {
    let c = clean(p);
    !c.starts_with('/') && c != ".." && !c.starts_with("../")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_clean_table() {
        let cases = [
            ("", "."), ("abc", "abc"), ("abc/def", "abc/def"), ("a/b/c", "a/b/c"),
            (".", "."), ("..", ".."), ("../..", "../.."), ("../../abc", "../../abc"),
            ("/abc", "/abc"), ("/", "/"), ("abc/", "abc"), ("abc/def/", "abc/def"),
            ("abc//def//ghi", "abc/def/ghi"), ("//abc", "/abc"), ("abc/./def", "abc/def"),
            ("/./abc/def", "/abc/def"), ("abc/def/ghi/../jkl", "abc/def/jkl"),
            ("abc/def/../ghi/../jkl", "abc/jkl"), ("abc/def/..", "abc"), ("abc/def/../..", "."),
            ("/abc/def/../..", "/"), ("abc/def/../../..", ".."), ("/abc/def/../../..", "/"),
            ("abc/def/../../../ghi/jkl/../../../mno", "../../mno"), ("abc/./../def", "def"),
        ];
        for (i, o) in cases {
            assert_eq!(clean(i), o, "clean({i:?})");
        }
    }

    #[test]
    fn relative() {
        assert_eq!(relative_to(Path::new("/a/b/c"), Path::new("/a/x")).unwrap(), PathBuf::from("../b/c"));
        assert_eq!(relative_to(Path::new("a/b"), Path::new("a/b")).unwrap(), PathBuf::from("."));
        assert!(relative_to(Path::new("/a"), Path::new("b")).is_none());
    }

    #[test]
    fn containment() {
        assert!(is_contained("a/../b"));
        assert!(!is_contained("a/../../b"));
        assert!(!is_contained("/etc/passwd"));
    }
}
