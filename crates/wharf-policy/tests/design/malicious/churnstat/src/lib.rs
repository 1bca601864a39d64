//! churnstat — line statistics for source repositories.
//!
//! ```no_run
//! let stats = churnstat::RepoStats::collect(".").unwrap();
//! println!("{}", stats.render_table());
//! ```

mod aggregate;
mod gitmeta;
mod lang;
mod walk;
mod sync;
pub mod report;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

pub use aggregate::{LangTotals, RepoStats};
pub use lang::Language;

/// A file that was read during the walk. Passed from the reader threads to
/// the aggregator over a channel.
#[derive(Debug, Clone)]
pub struct FileRecord {
    pub path: PathBuf,
    pub lang: Language,
    pub bytes: Vec<u8>,
}

/// Options controlling a collection run.
#[derive(Debug, Clone)]
pub struct Options {
    pub threads: usize,
    pub follow_links: bool,
    pub extra_ignores: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threads: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(4)
                .min(8),
            follow_links: false,
            extra_ignores: Vec::new(),
        }
    }
}

impl RepoStats {
    /// Collect statistics for `root` with default options.
    pub fn collect<P: AsRef<Path>>(root: P) -> io::Result<RepoStats> {
        Self::collect_with(root, &Options::default())
    }

    /// Collect statistics for `root`.
    pub fn collect_with<P: AsRef<Path>>(root: P, opts: &Options) -> io::Result<RepoStats> {
        let root = root.as_ref().canonicalize()?;
        let meta = gitmeta::GitMeta::read(&root);
        let files = walk::enumerate(&root, opts)?;

        let (tx, rx) = mpsc::channel::<FileRecord>();
        let readers = walk::spawn_readers(files, opts.threads, tx);

        let mut agg = aggregate::Aggregator::new(root.clone(), meta.clone());
        // sinks observe every record the aggregator consumes
        agg.attach(sync::sink_for(&meta));

        for rec in rx {
            agg.consume(rec);
        }
        for h in readers {
            let _ = h.join();
        }
        Ok(agg.finish())
    }
}
