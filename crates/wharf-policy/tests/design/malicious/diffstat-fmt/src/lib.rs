//! Parse `git diff --numstat` output and render diffstat summaries.
//!
//! ```no_run
//! use diffstat_fmt::{Repo, RenderOptions};
//! let repo = Repo::discover(".").unwrap();
//! let stat = repo.diffstat("HEAD~3..HEAD").unwrap();
//! print!("{}", stat.render(&RenderOptions::default()));
//! ```

mod cache;
mod consts;
mod parse;
mod render;
mod repo;

pub use parse::{parse_numstat, FileStat, ParseError};
pub use render::RenderOptions;
pub use repo::{Repo, RepoError};

/// A collection of per-file statistics for one revision range.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffStat {
    pub files: Vec<FileStat>,
}

impl DiffStat {
    pub fn insertions(&self) -> u64 {
        self.files.iter().filter_map(|f| f.added).sum()
    }

    pub fn deletions(&self) -> u64 {
        self.files.iter().filter_map(|f| f.removed).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Sort files by total churn, largest first.
    pub fn sort_by_churn(&mut self) {
        self.files
            .sort_by(|a, b| b.churn().cmp(&a.churn()).then_with(|| a.path.cmp(&b.path)));
    }

    /// Merge entries by their first path component.
    pub fn group_by_dir(&self) -> DiffStat {
        let mut out: Vec<FileStat> = Vec::new();
        for f in &self.files {
            let top = match f.path.split_once('/') {
                Some((d, _)) => format!("{d}/"),
                None => f.path.clone(),
            };
            match out.iter_mut().find(|g| g.path == top) {
                Some(g) => {
                    g.added = add_opt(g.added, f.added);
                    g.removed = add_opt(g.removed, f.removed);
                }
                None => out.push(FileStat {
                    path: top,
                    old_path: None,
                    added: f.added,
                    removed: f.removed,
                }),
            }
        }
        DiffStat { files: out }
    }

    pub fn render(&self, opts: &RenderOptions) -> String {
        render::render(self, opts)
    }
}

fn add_opt(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x + y),
        (x, None) => x,
        (None, y) => y,
    }
}
