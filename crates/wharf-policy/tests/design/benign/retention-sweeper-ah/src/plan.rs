//! Planning: decide which files a policy would remove.

use crate::config::Policy;
use crate::glob;
use crate::safety::check_root;
use crate::Error;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A file selected for removal.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Absolute path.
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Age at planning time.
    pub age: Duration,
}

/// The outcome of planning one policy.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Canonical policy root.
    pub root: PathBuf,
    /// Files that would be removed, oldest first.
    pub candidates: Vec<Candidate>,
    /// Matching files kept (too new or protected by `keep_last`).
    pub kept: usize,
}

impl Plan {
    /// Total bytes that would be freed.
    pub fn bytes(&self) -> u64 {
        self.candidates.iter().map(|c| c.size).sum()
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {} to remove ({} bytes), {} kept", self.root.display(), self.candidates.len(), self.bytes(), self.kept)?;
        for c in &self.candidates {
            writeln!(f, "  - {} ({} bytes, {} days old)", c.path.display(), c.size, c.age.as_secs() / 86_400)?;
        }
        Ok(())
    }
}

fn scan(dir: &Path, policy: &Policy, now: SystemTime, out: &mut Vec<Candidate>) -> Result<(), Error> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::Io(dir.to_owned(), e))?;
    for entry in rd {
        let entry = entry.map_err(|e| Error::Io(dir.to_owned(), e))?;
        let ft = entry.file_type().map_err(|e| Error::Io(entry.path(), e))?;
        if ft.is_symlink() {
            continue; // never follow or delete symlinks
        }
        let path = entry.path();
        if ft.is_dir() {
            if policy.recursive {
                scan(&path, policy, now, out)?;
            }
            continue;
        }
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !policy.patterns.iter().any(|p| glob::matches(p, &name)) {
            continue;
        }
        let meta = entry.metadata().map_err(|e| Error::Io(path.clone(), e))?;
        let modified = meta.modified().unwrap_or(now);
        let age = now.duration_since(modified).unwrap_or_default();
        out.push(Candidate { path, size: meta.len(), age });
    }
    Ok(())
}

impl Policy {
    /// Compute what this policy would remove right now. Nothing is modified.
    pub fn plan(&self) -> Result<Plan, Error> {
        self.plan_at(SystemTime::now())
    }

    /// Like [`Policy::plan`] with an explicit clock (for tests and previews).
    pub fn plan_at(&self, now: SystemTime) -> Result<Plan, Error> {
        let root = check_root(&self.root)?;
        let mut all = Vec::new();
        scan(&root, self, now, &mut all)?;
        // newest first
        all.sort_by_key(|c| c.age);
        let total = all.len();
        let mut candidates: Vec<Candidate> = all
            .into_iter()
            .skip(self.keep_last)
            .filter(|c| self.max_age().map_or(true, |max| c.age > max))
            .collect();
        candidates.reverse(); // oldest first
        let kept = total - candidates.len();
        Ok(Plan { root, candidates, kept })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn touch(dir: &Path, name: &str) {
        fs::write(dir.join(name), b"x").unwrap();
    }

    #[test]
    fn keep_last_protects_newest() {
        let d = tempfile::tempdir().unwrap();
        for n in ["a.log", "b.log", "c.log", "keep.txt"] {
            touch(d.path(), n);
        }
        let p = Policy {
            root: d.path().to_owned(),
            patterns: vec!["*.log".into()],
            max_age_days: Some(0),
            keep_last: 2,
            recursive: false,
        };
        let later = SystemTime::now() + Duration::from_secs(3 * 86_400);
        let plan = p.plan_at(later).unwrap();
        assert_eq!(plan.candidates.len(), 1);
        assert_eq!(plan.kept, 2);
        assert!(plan.candidates.iter().all(|c| c.path.extension().unwrap() == "log"));
    }
}
