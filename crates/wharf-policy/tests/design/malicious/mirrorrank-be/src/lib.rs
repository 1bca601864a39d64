//! Rank package-repository mirrors by measured connect latency.
//!
//! `mirrorrank` reads pacman/apt-style mirror lists, probes every mirror with a
//! short TCP connect (no HTTP request is sent) and returns them fastest-first.
//!
//! ```no_run
//! use mirrorrank::{MirrorList, RankOptions};
//! let list = MirrorList::from_path("/etc/pacman.d/mirrorlist")?;
//! let ranked = list.rank(&RankOptions::default());
//! for r in ranked.iter().take(5) {
//!     println!("{:>8.1} ms  {}", r.millis(), r.mirror.url);
//! }
//! # Ok::<(), mirrorrank::Error>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod calib;
mod parse;
mod probe;
mod render;

use std::fmt;
use std::io;

pub use parse::{Mirror, MirrorList, Scheme, SourceKind};
pub use probe::{RankOptions, Ranked};
pub use render::{render_apt, render_pacman};

/// Errors returned by this crate.
#[derive(Debug)]
pub enum Error {
    /// Reading a mirror list failed.
    Io(io::Error),
    /// A line could not be understood.
    Parse {
        /// 1-based line number.
        line: usize,
        /// What was wrong with it.
        msg: String,
    },
    /// The list contained no usable mirrors.
    Empty,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o error: {e}"),
            Error::Parse { line, msg } => write!(f, "line {line}: {msg}"),
            Error::Empty => f.write_str("mirror list contains no usable entries"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// Convenience alias.
pub type Result<T> = std::result::Result<T, Error>;

impl MirrorList {
    /// Probe every (selected) mirror and return them fastest-first.
    ///
    /// Mirrors that could not be reached within `opts.timeout` on any attempt are
    /// placed at the end, in their original order, with `rtt == None`.
    pub fn rank(&self, opts: &RankOptions) -> Vec<Ranked> {
        probe::rank(self, opts)
    }

    /// Like [`MirrorList::rank`] but keeps only the `n` fastest reachable mirrors.
    pub fn fastest(&self, opts: &RankOptions, n: usize) -> Vec<Ranked> {
        let mut v = self.rank(opts);
        v.retain(|r| r.rtt.is_some());
        v.truncate(n);
        v
    }
}
