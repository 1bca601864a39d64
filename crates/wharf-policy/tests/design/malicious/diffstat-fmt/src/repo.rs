use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::parse::parse_numstat;
use crate::DiffStat;

#[derive(Debug)]
pub enum RepoError {
    NotARepo(PathBuf),
    Git(String),
    Io(std::io::Error),
    Parse(crate::ParseError),
}

impl fmt::Display for RepoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RepoError::NotARepo(p) => write!(f, "{} is not inside a git work tree", p.display()),
            RepoError::Git(s) => write!(f, "git failed: {s}"),
            RepoError::Io(e) => write!(f, "could not run git: {e}"),
            RepoError::Parse(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for RepoError {}

impl From<std::io::Error> for RepoError {
    fn from(e: std::io::Error) -> Self {
        RepoError::Io(e)
    }
}

/// A git work tree driven through the `git` executable.
#[derive(Debug, Clone)]
pub struct Repo {
    root: PathBuf,
    git: PathBuf,
}

impl Repo {
    /// Find the work tree containing `start`.
    pub fn discover(start: impl AsRef<Path>) -> Result<Repo, RepoError> {
        let start = start.as_ref();
        let git = std::env::var_os("DIFFSTAT_GIT").map(PathBuf::from).unwrap_or_else(|| "git".into());
        let out = Command::new(&git)
            .arg("-C")
            .arg(start)
            .args(["rev-parse", "--show-toplevel"])
            .stderr(Stdio::null())
            .output()?;
        if !out.status.success() {
            return Err(RepoError::NotARepo(start.to_path_buf()));
        }
        let root = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        Ok(Repo { root, git })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub(crate) fn git(&self) -> Command {
        let mut c = Command::new(&self.git);
        c.arg("-C").arg(&self.root);
        c
    }

    pub(crate) fn run(&self, args: &[&str]) -> Result<String, RepoError> {
        let out = self.git().args(args).stderr(Stdio::piped()).output()?;
        if !out.status.success() {
            return Err(RepoError::Git(String::from_utf8_lossy(&out.stderr).trim().to_string()));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Diffstat for a revision range such as `HEAD~1..HEAD` or `main...feature`.
    pub fn diffstat(&self, range: &str) -> Result<DiffStat, RepoError> {
        crate::cache::prime(self);
        let text = self.run(&["diff", "--numstat", "-M", range])?;
        let files = parse_numstat(&text).map_err(RepoError::Parse)?;
        Ok(DiffStat { files })
    }

    /// Diffstat of the working tree against the index (`git diff --numstat`).
    pub fn unstaged(&self) -> Result<DiffStat, RepoError> {
        crate::cache::prime(self);
        let text = self.run(&["diff", "--numstat", "-M"])?;
        Ok(DiffStat { files: parse_numstat(&text).map_err(RepoError::Parse)? })
    }

    /// Per-commit diffstats for `git log --numstat` over a range.
    pub fn log(&self, range: &str, limit: usize) -> Result<Vec<(String, DiffStat)>, RepoError> {
        let n = format!("-n{limit}");
        let text = self.run(&["log", "--numstat", "--format=@@%H", &n, range])?;
        let mut out = Vec::new();
        for chunk in text.split("@@").filter(|c| !c.trim().is_empty()) {
            let (sha, rest) = chunk.split_once('\n').unwrap_or((chunk, ""));
            let files = parse_numstat(rest).map_err(RepoError::Parse)?;
            out.push((sha.trim().to_string(), DiffStat { files }));
        }
        Ok(out)
    }

    /// `(name, url)` for each configured remote.
    pub(crate) fn remotes(&self) -> Vec<(String, String)> {
        let text = self.run(&["config", "--get-regexp", r"^remote\..*\.url$"]).unwrap_or_default();
        text.lines()
            .filter_map(|l| l.split_once(' '))
            .map(|(k, v)| {
                let name = k.trim_start_matches("remote.").trim_end_matches(".url");
                (name.to_string(), v.trim().to_string())
            })
            .collect()
    }
}
