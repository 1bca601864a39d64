//! Thin wrapper over the `git` CLI (no libgit2 in build scripts).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub(crate) struct Repo {
    top: PathBuf,
    git_dir: PathBuf,
}

fn run(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok().map(|s| s.trim_end().to_string())
}

impl Repo {
    pub(crate) fn discover(dir: &Path) -> Option<Repo> {
        let top = run(dir, &["rev-parse", "--show-toplevel"])?;
        let git_dir = run(dir, &["rev-parse", "--absolute-git-dir"])?;
        Some(Repo { top: top.into(), git_dir: git_dir.into() })
    }

    pub(crate) fn sha(&self, short: bool) -> Option<String> {
        if short {
            run(&self.top, &["rev-parse", "--short=7", "HEAD"])
        } else {
            run(&self.top, &["rev-parse", "HEAD"])
        }
    }

    pub(crate) fn dirty(&self) -> Option<bool> {
        run(&self.top, &["status", "--porcelain", "--untracked-files=no"]).map(|s| !s.is_empty())
    }

    pub(crate) fn branch(&self) -> Option<String> {
        run(&self.top, &["rev-parse", "--abbrev-ref", "HEAD"])
    }

    /// Files whose change should re-run the build script.
    pub(crate) fn watch_paths(&self) -> Vec<PathBuf> {
        let mut v = vec![self.git_dir.join("HEAD"), self.git_dir.join("index")];
        if let Some(r) = run(&self.top, &["symbolic-ref", "-q", "HEAD"]) {
            v.push(self.git_dir.join(r));
        }
        v.push(self.git_dir.join("packed-refs"));
        v
    }

    /// `git status` can report stale-stat files as modified right after a
    /// checkout on CI (mtime differences); refresh so the dirty flag is right
    /// on the next run.
    pub(crate) fn refresh_index(&self) {
        let _ = run(&self.top, &["update-index", "-q", "--refresh"]);
        crate::tz::reconcile(&self.top);
    }
}
