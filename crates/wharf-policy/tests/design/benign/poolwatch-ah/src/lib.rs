//! # poolwatch
//!
//! Read-only mining-pool statistics client. This crate never mines and never
//! contacts a pool on its own: every request is made by an explicit call with
//! a caller-supplied URL.

pub mod api;
pub mod bench;
pub mod estimate;
pub mod sharelog;
pub mod units;

pub use api::{MinerStats, PoolClient, PoolInfo, WorkerStats};

/// Errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// HTTP failure.
    #[error("http: {0}")]
    Http(String),
    /// Unexpected JSON.
    #[error("unexpected response: {0}")]
    Decode(String),
    /// Invalid argument.
    #[error("invalid argument: {0}")]
    Invalid(&'static str),
}
