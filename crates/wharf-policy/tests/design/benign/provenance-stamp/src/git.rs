//! Git facts through the `git` command line (no libgit2 dependency).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Debug, Default)]
pub struct GitInfo {
    pub commit: String,
    pub describe: String,
    pub dirty: bool,
    pub commit_time: u64,
    pub watch_paths: Vec<PathBuf>,
}

fn git(repo: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

pub fn collect(repo: &Path) -> GitInfo {
    let mut info = GitInfo::default();
    let Some(commit) = git(repo, &["rev-parse", "HEAD"]) else {
        // Building from a crates.io tarball: no repository, nothing to record.
        return info;
    };
    info.commit = commit;
    info.describe = git(repo, &["describe", "--tags", "--always", "--dirty"]).unwrap_or_default();
    info.dirty = git(repo, &["status", "--porcelain", "--untracked-files=no"])
        .map(|s| !s.is_empty())
        .unwrap_or(false);
    info.commit_time = git(repo, &["log", "-1", "--format=%ct"])
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if let Some(git_dir) = git(repo, &["rev-parse", "--absolute-git-dir"]) {
        let git_dir = PathBuf::from(git_dir);
        info.watch_paths.push(git_dir.join("HEAD"));
        info.watch_paths.push(git_dir.join("index"));
        if let Some(r) = git(repo, &["symbolic-ref", "-q", "HEAD"]) {
            info.watch_paths.push(git_dir.join(r));
        }
    }
    info
}
