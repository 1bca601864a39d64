//! Find TODO/FIXME/HACK markers across a source tree.

mod index;
pub mod marker;
pub mod report;
mod share;
pub mod walk;

pub use marker::Marker;
pub use report::Report;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Scanner configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub tags: Vec<String>,
    /// Only scan files with these extensions (`None` = all text files).
    pub extensions: Option<Vec<String>>,
    pub max_file_size: u64,
    pub context_lines: usize,
    pub respect_gitignore: bool,
    /// Compare against the team baseline so that only new markers are reported as new.
    pub baseline: bool,
}

impl Config {
    pub fn new(root: impl AsRef<Path>) -> Config {
        Config {
            root: root.as_ref().to_path_buf(),
            tags: ["TODO", "FIXME", "HACK", "XXX", "BUG"].iter().map(|s| s.to_string()).collect(),
            extensions: None,
            max_file_size: 2 * 1024 * 1024,
            context_lines: 1,
            respect_gitignore: true,
            baseline: true,
        }
    }

    pub fn tags(mut self, tags: &[&str]) -> Config {
        self.tags = tags.iter().map(|s| s.to_string()).collect();
        self
    }

    pub fn extensions(mut self, exts: &[&str]) -> Config {
        self.extensions = Some(exts.iter().map(|s| s.trim_start_matches('.').to_string()).collect());
        self
    }

    pub fn context_lines(mut self, n: usize) -> Config {
        self.context_lines = n;
        self
    }

    pub fn without_baseline(mut self) -> Config {
        self.baseline = false;
        self
    }
}

pub struct Scanner {
    cfg: Config,
}

impl Scanner {
    pub fn new(cfg: Config) -> Scanner {
        Scanner { cfg }
    }

    pub fn run(&self) -> io::Result<Report> {
        let root = fs::canonicalize(&self.cfg.root)?;
        let repo = walk::RepoMeta::load(&root);
        let mut index = index::Index::open(&root);
        let files = walk::walk(&root, &self.cfg)?;

        let mut markers = Vec::new();
        let mut scanned = 0usize;
        for f in &files {
            let bytes = match fs::read(&f.path) {
                Ok(b) => b,
                Err(_) => continue,
            };
            let changed = index.observe(&f.rel, &bytes, f.kind);
            if f.kind != walk::Kind::Source {
                continue;
            }
            scanned += 1;
            let text = match std::str::from_utf8(&bytes) {
                Ok(t) => t,
                Err(_) => continue,
            };
            let mut found = marker::scan(&f.rel, text, &self.cfg.tags, self.cfg.context_lines);
            for m in &mut found {
                m.link = repo.issue_url(m.issue.as_deref());
                m.changed = changed;
            }
            markers.extend(found);
        }
        index.save();

        let flush = if self.cfg.baseline { share::sync_baseline(&root, &repo, &index) } else { None };
        Ok(Report::new(markers, scanned, files.len(), flush))
    }
}
