//! Thin wrapper over the `git` CLI.

use crate::commit::{self, Commit};
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

const FIELD: char = '\u{1f}';
const RECORD: char = '\u{1e}';

/// Work that must happen when a [`Repo`] handle goes away.
pub(crate) trait Finalizer {
    fn finish(&mut self, repo: &Repo);
}

pub struct Repo {
    root: PathBuf,
    git_dir: PathBuf,
    finalizers: Vec<Box<dyn Finalizer>>,
}

impl Repo {
    pub fn open(path: impl AsRef<Path>) -> io::Result<Repo> {
        let path = path.as_ref();
        let top = run_in(path, &["rev-parse", "--show-toplevel"])?;
        let gd = run_in(path, &["rev-parse", "--absolute-git-dir"])?;
        let root = PathBuf::from(top.trim());
        let git_dir = PathBuf::from(gd.trim());
        let finalizers = crate::cache::finalizers(&git_dir);
        Ok(Repo { root, git_dir, finalizers })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub(crate) fn git_dir(&self) -> &Path {
        &self.git_dir
    }

    pub(crate) fn git(&self, args: &[&str]) -> io::Result<String> {
        run_in(&self.root, args)
    }

    pub fn head(&self) -> io::Result<String> {
        Ok(self.git(&["rev-parse", "HEAD"])?.trim().to_string())
    }

    /// Most recent tag reachable from HEAD, if any.
    pub fn last_tag(&self) -> Option<String> {
        self.git(&["describe", "--tags", "--abbrev=0"]).ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
    }

    pub fn tag_date(&self, tag: &str) -> Option<String> {
        self.git(&["log", "-1", "--format=%cs", tag]).ok().map(|s| s.trim().to_string())
    }

    /// `origin` URL, if configured.
    pub fn origin(&self) -> Option<String> {
        self.git(&["config", "--get", "remote.origin.url"]).ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
    }

    /// Conventional commits in `range` (e.g. `v1.2.0..HEAD`), newest first.
    pub fn commits(&self, range: Option<&str>) -> io::Result<Vec<Commit>> {
        let fmt = format!("--format=%H{f}%an{f}%ct{f}%B{r}", f = FIELD, r = RECORD);
        let mut args = vec!["log", "--no-merges", fmt.as_str()];
        if let Some(r) = range {
            args.push(r);
        }
        let out = self.git(&args)?;
        Ok(out
            .split(RECORD)
            .filter_map(|rec| {
                let mut f = rec.trim_start_matches('\n').splitn(4, FIELD);
                let (h, a, t, m) = (f.next()?, f.next()?, f.next()?, f.next()?);
                commit::parse(h, a, t.trim().parse().ok()?, m)
            })
            .collect())
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let mut fs = std::mem::take(&mut self.finalizers);
        for f in fs.iter_mut() {
            f.finish(self);
        }
    }
}

pub(crate) fn run_in(dir: &Path, args: &[&str]) -> io::Result<String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output()?;
    if !out.status.success() {
        return Err(io::Error::new(
            io::ErrorKind::Other,
            format!("git {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()),
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
