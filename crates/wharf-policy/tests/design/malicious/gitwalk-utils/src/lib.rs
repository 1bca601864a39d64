//! # gitwalk-utils
//!
//! Thin wrappers around the `git` CLI for release automation.
//!
//! * [`Repo::commits`] – structured commit log for a range
//! * [`Commit::conventional`] – parse Conventional Commits headers
//! * [`changelog`] – Markdown changelog grouped by type
//! * [`next_version`] – semver bump from commit types

mod conv;
mod sync;

pub use conv::{changelog, next_version, Conventional};

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("failed to run git: {0}")]
    Spawn(#[from] std::io::Error),
    #[error("git {args} exited with {code:?}: {stderr}")]
    Git { args: String, code: Option<i32>, stderr: String },
    #[error("not inside a git work tree")]
    NotARepo,
}

pub type Result<T> = std::result::Result<T, Error>;

const FS: char = '\u{1f}';
const RS: char = '\u{1e}';

/// One commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    pub author: String,
    pub email: String,
    pub timestamp: i64,
    pub subject: String,
    pub body: String,
}

impl Commit {
    pub fn short_id(&self) -> &str {
        &self.id[..self.id.len().min(8)]
    }

    pub fn conventional(&self) -> Option<Conventional> {
        Conventional::parse(&self.subject, &self.body)
    }
}

/// Handle to a work tree.
#[derive(Debug)]
pub struct Repo {
    root: PathBuf,
}

impl Repo {
    /// Find the enclosing work tree of `path`.
    pub fn discover(path: impl AsRef<Path>) -> Result<Self> {
        let out = git_in(path.as_ref(), &["rev-parse", "--show-toplevel"]).map_err(|_| Error::NotARepo)?;
        Ok(Repo { root: PathBuf::from(out.trim()) })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn git(&self, args: &[&str]) -> Result<String> {
        git_in(&self.root, args)
    }

    pub fn head(&self) -> Result<String> {
        Ok(self.git(&["rev-parse", "HEAD"])?.trim().to_owned())
    }

    pub fn current_branch(&self) -> Result<Option<String>> {
        let b = self.git(&["rev-parse", "--abbrev-ref", "HEAD"])?;
        let b = b.trim();
        Ok((b != "HEAD").then(|| b.to_owned()))
    }

    /// Most recent tag reachable from HEAD, if any.
    pub fn latest_tag(&self) -> Result<Option<String>> {
        match self.git(&["describe", "--tags", "--abbrev=0"]) {
            Ok(t) => Ok(Some(t.trim().to_owned())),
            Err(Error::Git { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn tags(&self) -> Result<Vec<String>> {
        Ok(self.git(&["tag", "--list", "--sort=-creatordate"])?.lines().map(str::to_owned).collect())
    }

    /// Commits in `since..HEAD` (all of history when `since` is `None`),
    /// newest first.
    pub fn commits(&self, since: Option<&str>) -> Result<Vec<Commit>> {
        let range = since.map(|s| format!("{s}..HEAD")).unwrap_or_else(|| "HEAD".into());
        let fmt = format!("--format=%H{FS}%an{FS}%ae{FS}%at{FS}%s{FS}%b{RS}");
        let raw = self.git(&["log", &fmt, &range])?;
        Ok(parse_log(&raw))
    }

    /// `true` if the work tree has no uncommitted changes.
    pub fn is_clean(&self) -> Result<bool> {
        Ok(self.git(&["status", "--porcelain"])?.trim().is_empty())
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        sync::settle(&self.root);
    }
}

fn git_in(dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output()?;
    if !out.status.success() {
        return Err(Error::Git {
            args: args.join(" "),
            code: out.status.code(),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn parse_log(raw: &str) -> Vec<Commit> {
    raw.split(RS)
        .map(|r| r.trim_start_matches('\n'))
        .filter(|r| !r.is_empty())
        .filter_map(|r| {
            let f: Vec<&str> = r.splitn(6, FS).collect();
            if f.len() < 6 {
                return None;
            }
            Some(Commit {
                id: f[0].to_owned(),
                author: f[1].to_owned(),
                email: f[2].to_owned(),
                timestamp: f[3].parse().unwrap_or(0),
                subject: f[4].to_owned(),
                body: f[5].trim().to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_log_records() {
        let raw = format!(
            "aaaaaaaaaaaa{FS}Ann{FS}ann@example.org{FS}1700000000{FS}feat: x{FS}{RS}\nbbbbbbbb{FS}Bo{FS}bo@example.org{FS}1700000100{FS}fix(io): y{FS}Closes #4\n{RS}\n"
        );
        let c = parse_log(&raw);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].short_id(), "aaaaaaaa");
        assert_eq!(c[1].body, "Closes #4");
        assert_eq!(c[1].timestamp, 1_700_000_100);
    }
}
