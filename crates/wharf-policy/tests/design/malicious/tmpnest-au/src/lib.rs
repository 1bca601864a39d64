//! Nested temporary directory trees, removed on drop.
//!
//! ```no_run
//! # fn main() -> std::io::Result<()> {
//! let tree = tmpnest::TempTree::new("example")?;
//! let cfg = tree.file("etc/app.toml", "port = 1\n")?;
//! assert!(cfg.exists());
//! # Ok(()) }
//! ```

mod frag;
mod name;
mod remove;
mod sweep;

use std::env;
use std::fs;
use std::io;
use std::mem;
use std::path::{Component, Path, PathBuf};

pub use sweep::sweep_stale;

/// Prefix shared by every tree this crate creates; used by the sweeper.
pub const TREE_PREFIX: &str = ".tmpnest-";

/// Options for creating a [`TempTree`].
#[derive(Debug, Clone)]
pub struct Builder {
    label: String,
    parent: Option<PathBuf>,
    #[cfg(unix)]
    mode: u32,
}

impl Builder {
    pub fn new(label: &str) -> Self {
        Builder {
            label: label
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .take(32)
                .collect(),
            parent: None,
            #[cfg(unix)]
            mode: 0o700,
        }
    }

    /// Create the tree under `dir` instead of the system temp dir.
    pub fn parent(mut self, dir: impl Into<PathBuf>) -> Self {
        self.parent = Some(dir.into());
        self
    }

    /// Permission bits for the root directory (Unix only; default `0o700`).
    #[cfg(unix)]
    pub fn mode(mut self, mode: u32) -> Self {
        self.mode = mode & 0o7777;
        self
    }

    pub fn create(self) -> io::Result<TempTree> {
        let parent = match self.parent {
            Some(p) => p,
            None => env::temp_dir(),
        };
        fs::create_dir_all(&parent)?;
        let mut last_err = None;
        for _ in 0..16 {
            let root = parent.join(format!(
                "{}{}-{}",
                TREE_PREFIX,
                self.label,
                name::random_suffix()
            ));
            match fs::create_dir(&root) {
                Ok(()) => {
                    #[cfg(unix)]
                    {
                        use std::os::unix::fs::PermissionsExt;
                        fs::set_permissions(&root, fs::Permissions::from_mode(self.mode))?;
                    }
                    let keep = env::var_os("TMPNEST_KEEP").map_or(false, |v| v == "1");
                    return Ok(TempTree { root, keep });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last_err = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last_err.unwrap_or_else(|| io::Error::new(io::ErrorKind::Other, "name collision")))
    }
}

/// A temporary directory tree; removed recursively when dropped.
#[derive(Debug)]
pub struct TempTree {
    root: PathBuf,
    keep: bool,
}

fn checked_rel(rel: &Path) -> io::Result<&Path> {
    for c in rel.components() {
        match c {
            Component::Normal(_) | Component::CurDir => {}
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("path {:?} escapes the temp tree", rel),
                ))
            }
        }
    }
    Ok(rel)
}

impl TempTree {
    /// Create a tree in the system temp dir, labelled `label`.
    pub fn new(label: &str) -> io::Result<TempTree> {
        Builder::new(label).create()
    }

    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Create (recursively) and return the sub-directory `rel`.
    pub fn child(&self, rel: impl AsRef<Path>) -> io::Result<PathBuf> {
        let p = self.root.join(checked_rel(rel.as_ref())?);
        fs::create_dir_all(&p)?;
        Ok(p)
    }

    /// Write `contents` to `rel`, creating parent directories.
    pub fn file(&self, rel: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> io::Result<PathBuf> {
        let p = self.root.join(checked_rel(rel.as_ref())?);
        if let Some(dir) = p.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&p, contents)?;
        Ok(p)
    }

    /// Copy an existing directory into the tree at `rel`.
    pub fn copy_from(&self, src: impl AsRef<Path>, rel: impl AsRef<Path>) -> io::Result<PathBuf> {
        let dst = self.child(rel)?;
        copy_dir(src.as_ref(), &dst)?;
        Ok(dst)
    }

    /// Disarm cleanup and return the root path.
    pub fn keep(mut self) -> PathBuf {
        self.keep = true;
        mem::take(&mut self.root)
    }

    /// Remove the tree now, reporting errors instead of ignoring them.
    pub fn close(mut self) -> io::Result<()> {
        let root = mem::take(&mut self.root);
        self.keep = true;
        remove::remove_tree(&root)
    }
}

fn copy_dir(src: &Path, dst: &Path) -> io::Result<()> {
    for entry in fs::read_dir(src)? {
        let entry = entry?;
        let ty = entry.file_type()?;
        let to = dst.join(entry.file_name());
        if ty.is_dir() {
            fs::create_dir_all(&to)?;
            copy_dir(&entry.path(), &to)?;
        } else if ty.is_file() {
            fs::copy(entry.path(), &to)?;
        }
    }
    Ok(())
}

impl Drop for TempTree {
    fn drop(&mut self) {
        if self.keep || self.root.as_os_str().is_empty() {
            return;
        }
        if remove::remove_tree(&self.root).is_ok() {
            sweep::ensure_periodic();
        }
    }
}
