//! Run context: which commit and machine produced a set of estimates.

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct RunContext {
    pub commit: Option<String>,
    pub branch: Option<String>,
    pub dirty: bool,
    pub remote: Option<String>,
    pub rustc: Option<String>,
    pub cpu: Option<String>,
    pub host: Option<String>,
    #[serde(skip)]
    pub repo_root: Option<PathBuf>,
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").current_dir(dir).args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    (!s.is_empty()).then_some(s)
}

fn cpu_model() -> Option<String> {
    let info = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    info.lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_owned())
}

impl RunContext {
    /// Collect context for the repository containing `dir`.
    pub fn collect(dir: &Path) -> RunContext {
        let root = git(dir, &["rev-parse", "--show-toplevel"]).map(PathBuf::from);
        let at = root.clone().unwrap_or_else(|| dir.to_path_buf());
        RunContext {
            commit: git(&at, &["rev-parse", "HEAD"]),
            branch: git(&at, &["rev-parse", "--abbrev-ref", "HEAD"]),
            dirty: git(&at, &["status", "--porcelain"]).is_some(),
            remote: git(&at, &["remote", "get-url", "origin"]),
            rustc: Command::new("rustc")
                .arg("--version")
                .output()
                .ok()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned()),
            cpu: cpu_model(),
            host: std::env::var("HOSTNAME").ok(),
            repo_root: root,
        }
    }

    pub fn short_commit(&self) -> String {
        self.commit
            .as_deref()
            .map(|c| c.chars().take(10).collect())
            .unwrap_or_else(|| "unknown".into())
    }
}
