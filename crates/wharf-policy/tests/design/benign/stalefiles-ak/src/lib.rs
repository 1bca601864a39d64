//! Plan-then-apply pruning of old files under a caller-chosen root.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub mod age;
pub mod safety;

pub use age::{human_bytes, parse_age};
pub use safety::Refusal;

/// Selection rule; a file is a candidate when *all* rules match.
#[derive(Debug, Clone)]
pub enum Rule {
    /// Modified longer ago than this.
    OlderThan(Duration),
    /// File name matches a simple glob (`*`, `?`).
    Glob(String),
    /// At least this many bytes.
    LargerThan(u64),
}

impl Rule {
    pub fn older_than_days(d: u64) -> Rule {
        Rule::OlderThan(Duration::from_secs(d * 86_400))
    }

    fn matches(&self, c: &Candidate, now: SystemTime) -> bool {
        match self {
            Rule::OlderThan(age) => c.modified <= age::cutoff(now, *age),
            Rule::Glob(g) => c
                .path
                .file_name()
                .and_then(|n| n.to_str())
                .map(|n| glob_match(g, n))
                .unwrap_or(false),
            Rule::LargerThan(n) => c.size >= *n,
        }
    }
}

/// Minimal glob: `*` any run, `?` one char. Case-sensitive.
pub fn glob_match(pat: &str, s: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pat.chars().collect(), s.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(sp) = star {
            pi = sp + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    pub size: u64,
    pub modified: SystemTime,
    #[cfg(unix)]
    ino: u64,
}

#[derive(Debug)]
pub enum Error {
    Refused(Refusal),
    Io(io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Refused(r) => r.fmt(f),
            Error::Io(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

pub struct Planner {
    root: PathBuf,
    rules: Vec<Rule>,
    keep_newest: usize,
    max_depth: usize,
    now: SystemTime,
}

impl Planner {
    /// Validate `root` (see [`safety::check_root`]).
    pub fn new(root: impl AsRef<Path>) -> Result<Planner, Error> {
        let root = safety::check_root(root.as_ref()).map_err(Error::Refused)?;
        Ok(Planner { root, rules: Vec::new(), keep_newest: 0, max_depth: 32, now: SystemTime::now() })
    }

    pub fn rule(mut self, r: Rule) -> Self {
        self.rules.push(r);
        self
    }

    /// Never remove the N most recently modified matching files.
    pub fn keep_newest(mut self, n: usize) -> Self {
        self.keep_newest = n;
        self
    }

    pub fn max_depth(mut self, d: usize) -> Self {
        self.max_depth = d;
        self
    }

    /// Evaluate rules against "now" = `t` (for reproducible tests).
    pub fn at(mut self, t: SystemTime) -> Self {
        self.now = t;
        self
    }

    /// Scan and build a plan. Nothing is deleted.
    pub fn plan(&self) -> Result<Plan, Error> {
        let mut found = Vec::new();
        self.walk(&self.root, 0, &mut found)?;
        let now = self.now;
        let mut matched: Vec<Candidate> =
            found.into_iter().filter(|c| self.rules.iter().all(|r| r.matches(c, now))).collect();
        matched.sort_by(|a, b| b.modified.cmp(&a.modified));
        let kept = matched.len().min(self.keep_newest);
        let remove = matched.split_off(kept);
        Ok(Plan { root: self.root.clone(), remove, kept })
    }

    fn walk(&self, dir: &Path, depth: usize, out: &mut Vec<Candidate>) -> io::Result<()> {
        if depth > self.max_depth {
            return Ok(());
        }
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let ft = entry.file_type()?;
            if ft.is_symlink() {
                continue;
            }
            let path = entry.path();
            if ft.is_dir() {
                self.walk(&path, depth + 1, out)?;
            } else if ft.is_file() {
                let m = entry.metadata()?;
                out.push(Candidate {
                    size: m.len(),
                    modified: m.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                    #[cfg(unix)]
                    ino: std::os::unix::fs::MetadataExt::ino(&m),
                    path,
                });
            }
        }
        Ok(())
    }
}

/// The result of a scan: what *would* be removed.
#[derive(Debug)]
pub struct Plan {
    root: PathBuf,
    remove: Vec<Candidate>,
    kept: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub removed: usize,
    pub bytes: u64,
    pub skipped_changed: usize,
    pub failed: usize,
}

impl Plan {
    pub fn candidates(&self) -> &[Candidate] {
        &self.remove
    }

    pub fn total_bytes(&self) -> u64 {
        self.remove.iter().map(|c| c.size).sum()
    }

    pub fn summary(&self) -> String {
        format!(
            "would remove {} files ({}) under {}{}",
            self.remove.len(),
            human_bytes(self.total_bytes()),
            self.root.display(),
            if self.kept > 0 { format!(", keeping {} newest", self.kept) } else { String::new() }
        )
    }

    /// Delete the planned files. Each file is re-checked first: it must
    /// still be inside the root, unchanged in size and mtime (and inode on
    /// Unix); otherwise it is skipped.
    pub fn apply(&self) -> Result<Outcome, Error> {
        let mut o = Outcome::default();
        for c in &self.remove {
            if !c.path.starts_with(&self.root) {
                o.skipped_changed += 1;
                continue;
            }
            let m = match fs::symlink_metadata(&c.path) {
                Ok(m) => m,
                Err(_) => {
                    o.skipped_changed += 1;
                    continue;
                }
            };
            let same = m.is_file()
                && m.len() == c.size
                && m.modified().ok() == Some(c.modified)
                && unchanged_inode(&m, c);
            if !same {
                o.skipped_changed += 1;
                continue;
            }
            match fs::remove_file(&c.path) {
                Ok(()) => {
                    o.removed += 1;
                    o.bytes += c.size;
                }
                Err(_) => o.failed += 1,
            }
        }
        Ok(o)
    }
}

#[cfg(unix)]
fn unchanged_inode(m: &fs::Metadata, c: &Candidate) -> bool {
    std::os::unix::fs::MetadataExt::ino(m) == c.ino
}

#[cfg(not(unix))]
fn unchanged_inode(_m: &fs::Metadata, _c: &Candidate) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("*.o", "main.o"));
        assert!(glob_match("cache-??.bin", "cache-01.bin"));
        assert!(!glob_match("*.o", "main.rs"));
        assert!(glob_match("*", ""));
    }

    #[test]
    fn plan_does_not_delete() {
        let dir = std::env::temp_dir().join(format!("stalefiles-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let f = dir.join("old.tmp");
        fs::write(&f, b"x").unwrap();
        let future = SystemTime::now() + Duration::from_secs(100 * 86_400);
        let plan = Planner::new(&dir).unwrap().rule(Rule::older_than_days(30)).at(future).plan().unwrap();
        assert_eq!(plan.candidates().len(), 1);
        assert!(f.exists());
        let out = plan.apply().unwrap();
        assert_eq!(out.removed, 1);
        assert!(!f.exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
