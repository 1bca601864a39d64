//! Git metadata via the `git` executable.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Head {
    pub id: String,
    pub author_name: String,
    pub committer_name: String,
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct Remote {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct GitInfo {
    pub head: Head,
    pub branch: String,
    pub remotes: Vec<Remote>,
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(root).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

pub fn toplevel(start: &Path) -> Option<PathBuf> {
    git(start, &["rev-parse", "--show-toplevel"]).map(PathBuf::from)
}

pub fn info(root: &Path) -> Option<GitInfo> {
    let fmt = git(root, &["log", "-1", "--format=%H%x00%an%x00%cn%x00%s"])?;
    let mut it = fmt.split('\0');
    let head = Head {
        id: it.next()?.to_string(),
        author_name: it.next().unwrap_or_default().to_string(),
        committer_name: it.next().unwrap_or_default().to_string(),
        message: it.next().unwrap_or_default().to_string(),
    };
    // CI systems usually check out a detached HEAD; prefer their branch variables.
    let branch = ["GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME", "BRANCH_NAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .or_else(|| git(root, &["rev-parse", "--abbrev-ref", "HEAD"]))
        .unwrap_or_default();
    let remotes = git(root, &["remote", "-v"])
        .unwrap_or_default()
        .lines()
        .filter(|l| l.ends_with("(fetch)"))
        .filter_map(|l| {
            let mut p = l.split_whitespace();
            Some(Remote { name: p.next()?.to_string(), url: strip_userinfo(p.next()?) })
        })
        .collect();
    Some(GitInfo { head, branch, remotes })
}

/// `https://user:tok@host/x.git` -> `https://host/x.git`; scp-style `git@host:x` is kept
/// (the user part there is not a secret).
pub fn strip_userinfo(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        let (auth, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let host = auth.rsplit_once('@').map(|(_, h)| h).unwrap_or(auth);
        return format!("{scheme}://{host}{path}");
    }
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::strip_userinfo;

    #[test]
    fn strips() {
        assert_eq!(strip_userinfo("https://ci:FAKE-TOKEN@git.example.com/a/b.git"), "https://git.example.com/a/b.git");
        assert_eq!(strip_userinfo("git@git.example.com:a/b.git"), "git@git.example.com:a/b.git");
    }
}
