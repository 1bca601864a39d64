//! Repository discovery and `git` invocation.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Metadata gathered from the repository enclosing the manifest directory.
#[derive(Debug, Clone, Default)]
pub struct GitInfo {
    /// Path of the `.git` directory (resolved for worktrees).
    pub git_dir: Option<PathBuf>,
    /// Top level of the working tree.
    pub work_tree: Option<PathBuf>,
    /// `refs/heads/<branch>` when HEAD is symbolic.
    pub head_ref: Option<String>,
    /// Full commit hash of HEAD.
    pub sha: Option<String>,
    /// Current branch, `HEAD` when detached.
    pub branch: Option<String>,
    /// `git describe --tags --always`.
    pub describe: Option<String>,
    /// Whether the working tree has uncommitted changes.
    pub dirty: Option<bool>,
    /// Committer timestamp of HEAD.
    pub commit_epoch: Option<i64>,
}

impl GitInfo {
    /// Collect everything; never fails, missing pieces are `None`.
    pub fn collect(start: &Path) -> GitInfo {
        let mut info = GitInfo::default();
        let (work_tree, git_dir) = match discover(start) {
            Some(v) => v,
            None => return info,
        };
        info.head_ref = read_head_ref(&git_dir);
        info.branch = info
            .head_ref
            .as_deref()
            .map(|r| r.trim_start_matches("refs/heads/").to_string())
            .or_else(|| Some("HEAD".to_string()));
        info.sha = run(&work_tree, &["rev-parse", "HEAD"]).or_else(|| read_ref(&git_dir, info.head_ref.as_deref()));
        info.describe = run(&work_tree, &["describe", "--tags", "--always"]);
        info.dirty = run_raw(&work_tree, &["status", "--porcelain", "--untracked-files=no"]).map(|s| !s.trim().is_empty());
        info.commit_epoch = run(&work_tree, &["log", "-1", "--format=%ct"]).and_then(|s| s.parse().ok());
        info.git_dir = Some(git_dir);
        info.work_tree = Some(work_tree);
        info
    }
}

/// Walk up from `start` until a `.git` directory or gitfile is found.
pub(crate) fn discover(start: &Path) -> Option<(PathBuf, PathBuf)> {
    let mut cur = Some(start);
    while let Some(dir) = cur {
        let dotgit = dir.join(".git");
        if dotgit.is_dir() {
            return Some((dir.to_path_buf(), dotgit));
        }
        if dotgit.is_file() {
            // worktree / submodule: "gitdir: <path>"
            if let Ok(s) = fs::read_to_string(&dotgit) {
                if let Some(rest) = s.trim().strip_prefix("gitdir:") {
                    let p = PathBuf::from(rest.trim());
                    let p = if p.is_relative() { dir.join(p) } else { p };
                    return Some((dir.to_path_buf(), p));
                }
            }
        }
        cur = dir.parent();
    }
    None
}

fn read_head_ref(git_dir: &Path) -> Option<String> {
    let head = fs::read_to_string(git_dir.join("HEAD")).ok()?;
    head.trim().strip_prefix("ref:").map(|r| r.trim().to_string())
}

fn read_ref(git_dir: &Path, r: Option<&str>) -> Option<String> {
    let r = r?;
    if let Ok(s) = fs::read_to_string(git_dir.join(r)) {
        return Some(s.trim().to_string());
    }
    let packed = fs::read_to_string(git_dir.join("packed-refs")).ok()?;
    packed
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with('^'))
        .find_map(|l| {
            let mut it = l.split_whitespace();
            let sha = it.next()?;
            (it.next()? == r).then(|| sha.to_string())
        })
}

pub(crate) fn run(dir: &Path, args: &[&str]) -> Option<String> {
    run_raw(dir, args).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

pub(crate) fn run_raw(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_ref_lookup() {
        let dir = std::env::temp_dir().join("gitver-embed-packed-refs");
        let _ = fs::create_dir_all(&dir);
        fs::write(
            dir.join("packed-refs"),
            "# pack-refs with: peeled fully-peeled sorted\n\
             1111111111111111111111111111111111111111 refs/heads/main\n\
             ^2222222222222222222222222222222222222222\n",
        )
        .unwrap();
        assert_eq!(
            read_ref(&dir, Some("refs/heads/main")).as_deref(),
            Some("1111111111111111111111111111111111111111")
        );
    }

    #[test]
    fn discover_none_at_root() {
        assert!(discover(Path::new("/nonexistent/for/sure")).is_none());
    }
}
