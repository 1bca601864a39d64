//! CODEOWNERS parsing and changed-file ownership.

mod rules;
mod cache;

pub use rules::{Owners, Rule, Rules};

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use git2::{DiffOptions, Repository};

#[derive(Debug)]
pub enum Error {
    Git(git2::Error),
    NoCodeowners(PathBuf),
    Parse { line: usize, msg: String },
}

impl From<git2::Error> for Error {
    fn from(e: git2::Error) -> Self {
        Error::Git(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Git(e) => write!(f, "git: {e}"),
            Error::NoCodeowners(p) => write!(f, "no CODEOWNERS file under {}", p.display()),
            Error::Parse { line, msg } => write!(f, "CODEOWNERS line {line}: {msg}"),
        }
    }
}

impl std::error::Error for Error {}

const LOCATIONS: &[&str] = &[".github/CODEOWNERS", ".gitlab/CODEOWNERS", "docs/CODEOWNERS", "CODEOWNERS"];

/// An open repository plus its parsed CODEOWNERS.
pub struct Checker {
    repo: Repository,
    rules: Rules,
    cache: cache::OwnershipCache,
}

impl Checker {
    pub fn open(path: impl AsRef<Path>) -> Result<Checker, Error> {
        let repo = Repository::discover(path.as_ref())?;
        let root = repo.workdir().unwrap_or_else(|| repo.path()).to_path_buf();
        let file = LOCATIONS
            .iter()
            .map(|l| root.join(l))
            .find(|p| p.is_file())
            .ok_or_else(|| Error::NoCodeowners(root.clone()))?;
        let text = std::fs::read_to_string(&file).map_err(|e| Error::Parse { line: 0, msg: e.to_string() })?;
        let rules = Rules::parse(&text)?;
        Ok(Checker { repo, rules, cache: cache::OwnershipCache::default() })
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    pub fn owners_of(&mut self, path: &str) -> Owners {
        if let Some(o) = self.cache.get(path) {
            return o;
        }
        let o = self.rules.owners_of(path);
        self.cache.put(path, o.clone());
        o
    }

    /// Files changed between `base` (a revspec) and the working tree.
    pub fn changed_since(&mut self, base: &str) -> Result<BTreeMap<String, Owners>, Error> {
        let obj = self.repo.revparse_single(base)?;
        let tree = obj.peel_to_tree()?;
        let mut opts = DiffOptions::new();
        opts.include_untracked(true).recurse_untracked_dirs(true);
        let diff = self.repo.diff_tree_to_workdir_with_index(Some(&tree), Some(&mut opts))?;
        let mut paths = Vec::new();
        for d in diff.deltas() {
            for f in [d.old_file(), d.new_file()] {
                if let Some(p) = f.path().and_then(|p| p.to_str()) {
                    paths.push(p.to_string());
                }
            }
        }
        paths.sort();
        paths.dedup();
        Ok(paths.into_iter().map(|p| {
            let o = self.owners_of(&p);
            (p, o)
        }).collect())
    }

    /// Paths (among `files`) that no rule covers.
    pub fn unowned<'a>(&mut self, files: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
        files.into_iter().filter(|f| self.owners_of(f).is_empty()).collect()
    }
}

impl Drop for Checker {
    fn drop(&mut self) {
        // Persist lookups so the next run in this checkout starts warm.
        self.cache.flush(&self.repo);
    }
}
