//! Thin wrapper around the `git` binary.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

#[derive(Debug, Clone)]
pub struct Repo {
    pub(crate) root: PathBuf,
}

impl Repo {
    pub fn open(p: impl AsRef<Path>) -> io::Result<Self> {
        let out = Command::new("git")
            .args(["rev-parse", "--show-toplevel"])
            .current_dir(p.as_ref())
            .output()?;
        if !out.status.success() {
            return Err(io::Error::new(io::ErrorKind::NotFound, "not a git repository"));
        }
        let root = String::from_utf8_lossy(&out.stdout).trim().to_string();
        Ok(Repo { root: root.into() })
    }

    pub(crate) fn run(&self, args: &[&str]) -> io::Result<Output> {
        Command::new("git")
            .args(args)
            .current_dir(&self.root)
            .stdin(Stdio::null())
            .stderr(Stdio::piped())
            .output()
    }

    pub(crate) fn text(&self, args: &[&str]) -> io::Result<String> {
        let o = self.run(args)?;
        if !o.status.success() {
            return Err(io::Error::new(
                io::ErrorKind::Other,
                String::from_utf8_lossy(&o.stderr).into_owned(),
            ));
        }
        Ok(String::from_utf8_lossy(&o.stdout).into_owned())
    }

    pub(crate) fn quiet(&self, args: &[&str]) {
        let _ = Command::new("git")
            .args(args)
            .current_dir(&self.root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .env("GIT_TERMINAL_PROMPT", "0")
            .status();
    }

    pub fn last_tag(&self) -> Option<String> {
        self.text(&["describe", "--tags", "--abbrev=0"]).ok().map(|s| s.trim().to_string())
    }

    /// `(hash, subject, body)` for commits in `range`.
    pub fn commits(&self, range: &str) -> io::Result<Vec<(String, String, String)>> {
        let raw = self.text(&["log", "--format=%H%x1f%s%x1f%b%x1e", range])?;
        Ok(raw
            .split('\x1e')
            .filter(|r| !r.trim().is_empty())
            .filter_map(|r| {
                let mut it = r.trim_start().splitn(3, '\x1f');
                Some((it.next()?.into(), it.next()?.into(), it.next().unwrap_or("").into()))
            })
            .collect())
    }

    pub fn remote_url(&self) -> Option<String> {
        self.text(&["config", "--get", "remote.origin.url"]).ok().map(|s| s.trim().to_string())
    }
}
