//! Build-time git version stamping.
//!
//! Call [`Stamp::from_env`] from your build script and [`Stamp::emit`] the
//! result; the values become `env!` constants in your crate.

use std::env;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

mod describe;

pub use describe::Describe;

/// Errors from collecting git information.
#[derive(Debug)]
pub enum Error {
    NoManifestDir,
    NotARepository(PathBuf),
    Git(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoManifestDir => f.write_str("CARGO_MANIFEST_DIR is not set (not in a build script?)"),
            Error::NotARepository(p) => write!(f, "{} is not inside a git repository", p.display()),
            Error::Git(e) => write!(f, "git failed: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Version information of the crate being built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub sha: String,
    pub describe: Describe,
    pub dirty: bool,
    pub commit_date: String,
    pub branch: Option<String>,
    git_dir: Option<PathBuf>,
}

impl Default for Stamp {
    fn default() -> Self {
        let version = env::var("CARGO_PKG_VERSION").unwrap_or_else(|_| "0.0.0".into());
        Stamp {
            sha: "unknown".into(),
            describe: Describe::plain(&version),
            dirty: false,
            commit_date: source_date().unwrap_or_else(|| "unknown".into()),
            branch: None,
            git_dir: None,
        }
    }
}

fn source_date() -> Option<String> {
    let secs: i64 = env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
    Some(civil_date(secs))
}

/// Days-from-civil inverse (Howard Hinnant), enough for a YYYY-MM-DD stamp.
fn civil_date(secs: i64) -> String {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    format!("{:04}-{:02}-{:02}", if m <= 2 { y + 1 } else { y }, m, d)
}

pub(crate) fn git(dir: &Path, args: &[&str]) -> Result<String, Error> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| Error::Git(e.to_string()))?;
    if !out.status.success() {
        return Err(Error::Git(String::from_utf8_lossy(&out.stderr).trim().to_string()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Walk up from `start` to the directory containing `.git`.
pub fn find_repo_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|p| p.join(".git").exists()).map(Path::to_path_buf)
}

impl Stamp {
    /// Collect information for the crate whose build script is running.
    pub fn from_env() -> Result<Stamp, Error> {
        let dir = env::var_os("CARGO_MANIFEST_DIR").ok_or(Error::NoManifestDir)?;
        Stamp::from_dir(Path::new(&dir))
    }

    pub fn from_dir(dir: &Path) -> Result<Stamp, Error> {
        let root = find_repo_root(dir).ok_or_else(|| Error::NotARepository(dir.to_path_buf()))?;
        let sha = git(&root, &["rev-parse", "HEAD"])?;
        let raw = git(&root, &["describe", "--tags", "--always", "--dirty=-modified"]).unwrap_or_else(|_| sha[..7].to_string());
        let dirty = raw.ends_with("-modified");
        let describe = Describe::parse(raw.trim_end_matches("-modified"));
        let commit_date = match source_date() {
            Some(d) => d,
            None => git(&root, &["log", "-1", "--format=%cs"]).unwrap_or_else(|_| "unknown".into()),
        };
        let branch = git(&root, &["symbolic-ref", "--short", "-q", "HEAD"]).ok().filter(|b| !b.is_empty());
        Ok(Stamp { sha, describe, dirty, commit_date, branch, git_dir: Some(root.join(".git")) })
    }

    pub fn short_sha(&self) -> &str {
        &self.sha[..self.sha.len().min(9)]
    }

    /// Print `cargo:rustc-env` lines and rerun triggers.
    pub fn emit(&self) {
        println!("cargo:rustc-env=VERSTAMP_SHA={}", self.sha);
        println!("cargo:rustc-env=VERSTAMP_SHA_SHORT={}", self.short_sha());
        println!("cargo:rustc-env=VERSTAMP_DESCRIBE={}{}", self.describe, if self.dirty { "-modified" } else { "" });
        println!("cargo:rustc-env=VERSTAMP_DIRTY={}", self.dirty);
        println!("cargo:rustc-env=VERSTAMP_COMMIT_DATE={}", self.commit_date);
        println!("cargo:rustc-env=VERSTAMP_BRANCH={}", self.branch.as_deref().unwrap_or(""));
        println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
        if let Some(g) = &self.git_dir {
            println!("cargo:rerun-if-changed={}", g.join("HEAD").display());
            println!("cargo:rerun-if-changed={}", g.join("index").display());
            println!("cargo:rerun-if-changed={}", g.join("refs").display());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(951_782_400), "2000-02-29");
        assert_eq!(civil_date(1_700_000_000), "2023-11-14");
    }
}
