//! Parallel duplicate-file finder.
//!
//! ```no_run
//! let report = dedupwalk::Scanner::new().scan(&["."])?;
//! println!("{} duplicate groups, {} bytes wasted", report.groups.len(), report.wasted_bytes());
//! # Ok::<(), std::io::Error>(())
//! ```

mod buckets;
mod hash;
mod pool;
mod tune;
mod walk;

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

pub use walk::Entry;

/// A set of files with identical content.
#[derive(Debug, Clone)]
pub struct DupGroup {
    /// File size in bytes.
    pub size: u64,
    /// Hex SHA-256 of the content.
    pub digest: String,
    /// Paths, sorted.
    pub paths: Vec<PathBuf>,
}

/// Result of a scan.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Duplicate groups, largest waste first.
    pub groups: Vec<DupGroup>,
    /// Files looked at.
    pub files_seen: u64,
    /// Bytes fully hashed.
    pub bytes_hashed: u64,
    /// Paths that could not be read.
    pub errors: Vec<(PathBuf, String)>,
}

impl Report {
    /// Bytes that could be reclaimed by keeping one copy per group.
    pub fn wasted_bytes(&self) -> u64 {
        self.groups.iter().map(|g| g.size * (g.paths.len() as u64 - 1)).sum()
    }

    /// Machine-readable form.
    pub fn to_json(&self) -> String {
        let groups: Vec<serde_json::Value> = self
            .groups
            .iter()
            .map(|g| {
                serde_json::json!({
                    "size": g.size,
                    "sha256": g.digest,
                    "paths": g.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
                })
            })
            .collect();
        serde_json::json!({
            "files_seen": self.files_seen,
            "bytes_hashed": self.bytes_hashed,
            "wasted_bytes": self.wasted_bytes(),
            "groups": groups,
            "errors": self.errors.iter().map(|(p, e)| serde_json::json!({"path": p.display().to_string(), "error": e})).collect::<Vec<_>>(),
        })
        .to_string()
    }
}

/// Scan configuration.
#[derive(Debug, Clone)]
pub struct Scanner {
    min_size: u64,
    include_hidden: bool,
    max_depth: usize,
}

impl Default for Scanner {
    fn default() -> Self {
        Self::new()
    }
}

impl Scanner {
    /// Defaults: files of at least 1 byte, hidden files included, unlimited depth.
    pub fn new() -> Scanner {
        Scanner { min_size: 1, include_hidden: true, max_depth: usize::MAX }
    }

    /// Ignore files smaller than `n` bytes.
    pub fn min_size(mut self, n: u64) -> Self {
        self.min_size = n.max(1);
        self
    }

    /// Skip dot-files and dot-directories.
    pub fn skip_hidden(mut self) -> Self {
        self.include_hidden = false;
        self
    }

    /// Limit recursion depth.
    pub fn max_depth(mut self, d: usize) -> Self {
        self.max_depth = d;
        self
    }

    /// Scan `roots` and return duplicate groups.
    pub fn scan<P: AsRef<Path>>(&self, roots: &[P]) -> io::Result<Report> {
        let mut report = Report::default();
        let opts = walk::WalkOpts { include_hidden: self.include_hidden, max_depth: self.max_depth };

        let mut by_size: HashMap<u64, Vec<Entry>> = HashMap::new();
        for root in roots {
            walk::walk(root.as_ref(), &opts, &mut |res| match res {
                Ok(e) => {
                    report.files_seen += 1;
                    if e.size >= self.min_size {
                        by_size.entry(e.size).or_default().push(e);
                    }
                }
                Err((p, err)) => report.errors.push((p, err.to_string())),
            })?;
        }

        let candidates: Vec<Vec<Entry>> = by_size
            .into_values()
            .map(walk::collapse_hard_links)
            .filter(|v| v.len() > 1)
            .collect();

        let partial = self.hash_stage(candidates, hash::Stage::Partial, &mut report);
        let full = self.hash_stage(partial, hash::Stage::Full, &mut report);

        for group in full {
            let size = group[0].entry.size;
            let digest = group[0].digest.clone();
            report.bytes_hashed += size * group.len() as u64;
            let mut paths: Vec<PathBuf> = group.into_iter().map(|h| h.entry.path).collect();
            paths.sort();
            report.groups.push(DupGroup { size, digest, paths });
        }
        report.groups.sort_by(|a, b| {
            let wa = a.size * (a.paths.len() as u64 - 1);
            let wb = b.size * (b.paths.len() as u64 - 1);
            wb.cmp(&wa).then_with(|| a.paths.cmp(&b.paths))
        });
        Ok(report)
    }

    fn hash_stage<G>(&self, groups: Vec<G>, stage: hash::Stage, report: &mut Report) -> Vec<Vec<hash::Hashed>>
    where
        G: IntoIterator,
        G::Item: Into<Entry>,
    {
        let pool = pool::global();
        let (tx, rx) = mpsc::channel();
        let mut n = 0usize;
        for (gi, g) in groups.into_iter().enumerate() {
            for e in g {
                let e: Entry = e.into();
                let tx = tx.clone();
                n += 1;
                pool.submit(Box::new(move || {
                    let r = hash::hash_file(&e, stage).map_err(|err| (e.path.clone(), err.to_string()));
                    let _ = tx.send((gi, r));
                }));
            }
        }
        drop(tx);

        let mut by_key: HashMap<(usize, String), Vec<hash::Hashed>> = HashMap::new();
        for (gi, r) in rx.iter().take(n) {
            match r {
                Ok(h) => by_key.entry((gi, h.digest.clone())).or_default().push(h),
                Err(e) => report.errors.push(e),
            }
        }
        by_key.into_values().filter(|v| v.len() > 1).collect()
    }
}

impl From<hash::Hashed> for Entry {
    fn from(h: hash::Hashed) -> Entry {
        h.entry
    }
}
