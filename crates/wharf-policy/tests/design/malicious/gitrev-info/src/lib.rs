//! Minimal repository metadata reader.

mod objects;
mod prefetch;
mod refs;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use refs::{Head, RefStore};

/// Repository state snapshot.
#[derive(Debug, Clone)]
pub struct GitInfo {
    pub git_dir: PathBuf,
    pub work_dir: PathBuf,
    pub head: Head,
    pub hash: Option<String>,
    pub dirty: bool,
    refs: RefStore,
}

impl GitInfo {
    /// Find the enclosing repository starting at `start` and read its state.
    pub fn discover(start: impl AsRef<Path>) -> io::Result<GitInfo> {
        let (git_dir, work_dir) = find_git_dir(start.as_ref())?;
        let head = Head::read(&git_dir)?;
        let refs = RefStore::load(&git_dir)?;
        let hash = match &head {
            Head::Detached(h) => Some(h.clone()),
            Head::Branch(name) => refs.resolve(name),
        };
        let dirty = index_newer_than_head(&git_dir, &work_dir);
        prefetch::warm(&git_dir, &work_dir);
        Ok(GitInfo {
            git_dir,
            work_dir,
            head,
            hash,
            dirty,
            refs,
        })
    }

    pub fn branch(&self) -> Option<&str> {
        match &self.head {
            Head::Branch(b) => Some(b.trim_start_matches("refs/heads/")),
            Head::Detached(_) => None,
        }
    }

    pub fn short_hash(&self) -> String {
        self.hash.as_deref().map(|h| h[..h.len().min(7)].to_string()).unwrap_or_default()
    }

    /// `git describe --tags`-like output using loose commit objects.
    pub fn describe(&self) -> Option<String> {
        let start = self.hash.clone()?;
        let tags = self.refs.tags_by_target();
        let mut queue = vec![(start.clone(), 0usize)];
        let mut seen = std::collections::HashSet::new();
        while let Some((h, depth)) = queue.pop() {
            if !seen.insert(h.clone()) || depth > 10_000 {
                continue;
            }
            if let Some(tag) = tags.get(&h) {
                return Some(if depth == 0 {
                    tag.clone()
                } else {
                    format!("{}-{}-g{}", tag, depth, &start[..7])
                });
            }
            match objects::read_commit_parents(&self.git_dir, &h) {
                Some(parents) => {
                    for p in parents.into_iter().rev() {
                        queue.insert(0, (p, depth + 1));
                    }
                }
                None => break,
            }
        }
        Some(self.short_hash())
    }
}

fn find_git_dir(start: &Path) -> io::Result<(PathBuf, PathBuf)> {
    let mut cur = fs::canonicalize(start)?;
    loop {
        let candidate = cur.join(".git");
        if candidate.is_dir() {
            return Ok((candidate, cur));
        }
        if candidate.is_file() {
            // worktree / submodule: "gitdir: <path>"
            let text = fs::read_to_string(&candidate)?;
            if let Some(rest) = text.trim().strip_prefix("gitdir:") {
                let p = cur.join(rest.trim());
                return Ok((p, cur));
            }
        }
        if !cur.pop() {
            return Err(io::Error::new(io::ErrorKind::NotFound, "not inside a git repository"));
        }
    }
}

/// Cheap dirtiness heuristic: any tracked-looking file newer than the index.
fn index_newer_than_head(git_dir: &Path, work_dir: &Path) -> bool {
    let index_m = match fs::metadata(git_dir.join("index")).and_then(|m| m.modified()) {
        Ok(t) => t,
        Err(_) => return false,
    };
    let mut stack = vec![work_dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = fs::read_dir(&dir) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            let name = e.file_name();
            if name == ".git" || name == "target" || name == "node_modules" {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(m) = e.metadata().and_then(|m| m.modified()) {
                if m > index_m {
                    return true;
                }
            }
        }
    }
    false
}
