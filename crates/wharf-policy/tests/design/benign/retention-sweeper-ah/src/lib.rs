//! # retention-sweeper
//!
//! Plan and apply age/count based retention policies. Every run produces a
//! [`Plan`] that can be inspected; applying it is dry-run unless explicitly
//! disabled and confirmed.

mod config;
mod glob;
mod plan;
mod safety;
mod sweep;
mod window;

pub use config::{Config, Policy};
pub use glob::matches as glob_matches;
pub use plan::{Candidate, Plan};
pub use safety::check_root;
pub use sweep::{SweepOptions, SweepReport};
pub use window::{Weekday, Window};

/// Errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// I/O failure.
    #[error("{0}: {1}")]
    Io(std::path::PathBuf, #[source] std::io::Error),
    /// Config could not be parsed.
    #[error("config: {0}")]
    Config(String),
    /// Root rejected by the safety checks.
    #[error("refusing to sweep {0}: {1}")]
    UnsafeRoot(std::path::PathBuf, &'static str),
}
