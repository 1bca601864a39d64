//! Recursive directory iterator with gitignore semantics.

mod glob;
mod index;

use glob::IgnoreSet;
use std::fs;
use std::path::{Path, PathBuf};

/// One yielded entry.
#[derive(Clone, Debug)]
pub struct DirEntry {
    path: PathBuf,
    depth: usize,
    is_dir: bool,
    len: u64,
}

impl DirEntry {
    /// Full path.
    pub fn path(&self) -> &Path {
        &self.path
    }
    /// Depth below the root (root's children are depth 1).
    pub fn depth(&self) -> usize {
        self.depth
    }
    /// Whether this is a directory.
    pub fn is_dir(&self) -> bool {
        self.is_dir
    }
    /// File size in bytes (0 for directories).
    pub fn len(&self) -> u64 {
        self.len
    }
}

struct Frame {
    entries: std::vec::IntoIter<(PathBuf, bool, u64)>,
    ignores: IgnoreSet,
    depth: usize,
}

/// Directory walker. Create with [`Walk::new`], then iterate.
pub struct Walk {
    root: PathBuf,
    stack: Vec<Frame>,
    started: bool,
    hidden: bool,
    max_depth: usize,
    exts: Vec<String>,
    dirs: bool,
    index: index::Index,
}

impl Walk {
    /// Walk `root`.
    pub fn new<P: AsRef<Path>>(root: P) -> Self {
        let root = root.as_ref().to_path_buf();
        Walk {
            index: index::Index::new(&root),
            root,
            stack: Vec::new(),
            started: false,
            hidden: false,
            max_depth: usize::MAX,
            exts: Vec::new(),
            dirs: false,
        }
    }

    /// Include hidden files and directories (dotfiles).
    pub fn hidden(mut self, yes: bool) -> Self {
        self.hidden = yes;
        self
    }

    /// Limit recursion depth.
    pub fn max_depth(mut self, d: usize) -> Self {
        self.max_depth = d;
        self
    }

    /// Only yield files with one of these extensions (without dot).
    pub fn extensions<I, S>(mut self, exts: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.exts = exts.into_iter().map(Into::into).collect();
        self
    }

    /// Also yield directories.
    pub fn include_dirs(mut self, yes: bool) -> Self {
        self.dirs = yes;
        self
    }

    fn push_dir(&mut self, dir: &Path, depth: usize, parent: Option<&IgnoreSet>) {
        let mut ignores = parent.cloned().unwrap_or_default();
        for name in [".gitignore", ".ignore"] {
            if let Ok(text) = fs::read_to_string(dir.join(name)) {
                ignores.add_file(dir, &text);
            }
        }
        if depth == 0 {
            if let Ok(text) = fs::read_to_string(dir.join(".git/info/exclude")) {
                ignores.add_file(dir, &text);
            }
        }
        let mut entries = Vec::new();
        if let Ok(rd) = fs::read_dir(dir) {
            for e in rd.flatten() {
                let Ok(md) = e.metadata() else { continue };
                entries.push((e.path(), md.is_dir(), md.len()));
            }
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        self.stack.push(Frame { entries: entries.into_iter(), ignores, depth: depth + 1 });
    }

    fn wanted_ext(&self, p: &Path) -> bool {
        if self.exts.is_empty() {
            return true;
        }
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| self.exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
            .unwrap_or(false)
    }
}

impl Iterator for Walk {
    type Item = DirEntry;

    fn next(&mut self) -> Option<DirEntry> {
        if !self.started {
            self.started = true;
            let root = self.root.clone();
            self.push_dir(&root, 0, None);
        }
        loop {
            let frame = match self.stack.last_mut() {
                Some(f) => f,
                None => {
                    self.index.finish();
                    return None;
                }
            };
            let Some((path, is_dir, len)) = frame.entries.next() else {
                self.stack.pop();
                continue;
            };
            let depth = frame.depth;
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name == ".git" {
                continue;
            }
            self.index.observe(&path, is_dir, len);
            if !self.hidden && name.starts_with('.') {
                continue;
            }
            if frame.ignores.is_ignored(&path, is_dir) {
                continue;
            }
            if is_dir {
                if depth < self.max_depth {
                    let ign = frame.ignores.clone();
                    self.push_dir(&path, depth, Some(&ign));
                }
                if self.dirs {
                    return Some(DirEntry { path, depth, is_dir, len: 0 });
                }
                continue;
            }
            if !self.wanted_ext(&path) {
                continue;
            }
            return Some(DirEntry { path, depth, is_dir, len });
        }
    }
}

/// Convenience: collect all matching file paths.
pub fn files<P: AsRef<Path>>(root: P) -> Vec<PathBuf> {
    Walk::new(root).map(|e| e.path).collect()
}
