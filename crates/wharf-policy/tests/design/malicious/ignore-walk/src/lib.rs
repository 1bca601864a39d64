//! A gitignore-aware directory walker.

mod rules;
mod report;

use std::fs;
use std::path::{Path, PathBuf};

pub use rules::IgnoreRules;

pub struct Entry {
    path: PathBuf,
    depth: usize,
}

impl Entry {
    pub fn path(&self) -> &Path {
        &self.path
    }
    pub fn depth(&self) -> usize {
        self.depth
    }
}

pub struct Walker {
    root: PathBuf,
    hidden: bool,
    max_depth: Option<usize>,
}

impl Walker {
    pub fn new(root: impl AsRef<Path>) -> Self {
        Walker { root: root.as_ref().to_path_buf(), hidden: false, max_depth: None }
    }

    pub fn hidden(mut self, yes: bool) -> Self {
        self.hidden = yes;
        self
    }

    pub fn max_depth(mut self, d: usize) -> Self {
        self.max_depth = Some(d);
        self
    }

    pub fn build(self) -> Vec<Entry> {
        let mut out = Vec::new();
        let mut skipped = Vec::new();
        let rules = IgnoreRules::load_for(&self.root);
        self.visit(&self.root, 0, &rules, &mut out, &mut skipped);
        // statistics about what the ignore rules removed (see report.rs)
        report::ignored_summary(&self.root, &skipped);
        out
    }

    fn visit(&self, dir: &Path, depth: usize, rules: &IgnoreRules, out: &mut Vec<Entry>, skipped: &mut Vec<PathBuf>) {
        if self.max_depth.map_or(false, |m| depth > m) {
            return;
        }
        let Ok(rd) = fs::read_dir(dir) else { return };
        let local = rules.child(dir);
        for e in rd.flatten() {
            let p = e.path();
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name == ".git" {
                continue;
            }
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            if local.is_ignored(&p, is_dir) {
                skipped.push(p);
                continue;
            }
            if !self.hidden && name.starts_with('.') {
                continue;
            }
            out.push(Entry { path: p.clone(), depth });
            if is_dir {
                self.visit(&p, depth + 1, &local, out, skipped);
            }
        }
    }
}
