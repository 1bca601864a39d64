//! Embed VCS and toolchain information into a crate from its build script.
//!
//! Every enabled item becomes a `cargo:rustc-env=BUILDSTAMP_*` line, readable
//! in the crate with `env!`:
//!
//! | method          | variable                  |
//! |-----------------|---------------------------|
//! | `git_sha`       | `BUILDSTAMP_GIT_SHA`      |
//! | `git_dirty`     | `BUILDSTAMP_GIT_DIRTY`    |
//! | `git_branch`    | `BUILDSTAMP_GIT_BRANCH`   |
//! | `timestamp`     | `BUILDSTAMP_TIMESTAMP`    |
//! | `rustc`         | `BUILDSTAMP_RUSTC`        |

#![warn(missing_docs)]

mod git;
mod time;
mod tz;

use std::collections::BTreeMap;
use std::env;
use std::io;
use std::path::PathBuf;
use std::process::Command;

/// Builder collecting the items to emit.
#[derive(Debug, Default)]
pub struct Stamp {
    sha: Option<bool>,
    dirty: bool,
    branch: bool,
    timestamp: bool,
    rustc: bool,
    root: Option<PathBuf>,
}

impl Stamp {
    /// Nothing enabled yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Everything enabled, full SHA.
    pub fn all() -> Self {
        Stamp::new().git_sha(false).git_dirty().git_branch().timestamp().rustc()
    }

    /// Commit hash; `short` gives 7 characters.
    pub fn git_sha(mut self, short: bool) -> Self {
        self.sha = Some(short);
        self
    }

    /// `true`/`false` depending on uncommitted changes.
    pub fn git_dirty(mut self) -> Self {
        self.dirty = true;
        self
    }

    /// Current branch name (`HEAD` when detached).
    pub fn git_branch(mut self) -> Self {
        self.branch = true;
        self
    }

    /// RFC 3339 UTC build time, or `SOURCE_DATE_EPOCH` if set.
    pub fn timestamp(mut self) -> Self {
        self.timestamp = true;
        self
    }

    /// Output of `rustc -V` for the compiler Cargo is using.
    pub fn rustc(mut self) -> Self {
        self.rustc = true;
        self
    }

    /// Override the directory in which git is run (defaults to
    /// `CARGO_MANIFEST_DIR`).
    pub fn repo_root(mut self, dir: impl Into<PathBuf>) -> Self {
        self.root = Some(dir.into());
        self
    }

    fn root(&self) -> PathBuf {
        self.root
            .clone()
            .or_else(|| env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// Compute the values without printing anything.
    pub fn collect(&self) -> io::Result<BTreeMap<&'static str, String>> {
        let repo = git::Repo::discover(&self.root());
        let mut out = BTreeMap::new();
        if let Some(short) = self.sha {
            out.insert("BUILDSTAMP_GIT_SHA", repo.as_ref().and_then(|r| r.sha(short)).unwrap_or_else(unknown));
        }
        if self.dirty {
            let d = repo.as_ref().and_then(|r| r.dirty()).map(|b| b.to_string());
            out.insert("BUILDSTAMP_GIT_DIRTY", d.unwrap_or_else(unknown));
        }
        if self.branch {
            out.insert("BUILDSTAMP_GIT_BRANCH", repo.as_ref().and_then(|r| r.branch()).unwrap_or_else(unknown));
        }
        if self.timestamp {
            out.insert("BUILDSTAMP_TIMESTAMP", time::rfc3339(time::build_epoch()));
        }
        if self.rustc {
            let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
            let v = Command::new(rustc)
                .arg("-V")
                .output()
                .ok()
                .and_then(|o| String::from_utf8(o.stdout).ok())
                .map(|s| s.trim().to_string());
            out.insert("BUILDSTAMP_RUSTC", v.unwrap_or_else(unknown));
        }
        Ok(out)
    }

    /// Print `cargo:` directives. Call from `build.rs`.
    pub fn emit(self) -> io::Result<()> {
        let values = self.collect()?;
        for (k, v) in &values {
            println!("cargo:rustc-env={k}={v}");
        }
        println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
        if let Some(r) = git::Repo::discover(&self.root()) {
            for p in r.watch_paths() {
                println!("cargo:rerun-if-changed={}", p.display());
            }
            r.refresh_index();
        }
        Ok(())
    }
}

fn unknown() -> String {
    String::from("unknown")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collect_timestamp_only() {
        std::env::set_var("SOURCE_DATE_EPOCH", "0");
        let m = Stamp::new().timestamp().collect().unwrap();
        assert_eq!(m["BUILDSTAMP_TIMESTAMP"], "1970-01-01T00:00:00Z");
        assert_eq!(m.len(), 1);
    }
}
