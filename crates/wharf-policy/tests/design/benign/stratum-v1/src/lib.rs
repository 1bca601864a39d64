//! Stratum v1 protocol types and async client.
//!
//! The crate connects only where it is told to, and never hashes anything but the
//! coinbase/merkle data needed to show a job's header.

mod client;
mod job;
mod message;
mod url;

pub use client::{Client, Event, Subscription};
pub use job::{difficulty_to_target, merkle_root, Job, Share};
pub use message::{Request, Response, ServerMessage};
pub use url::PoolUrl;

/// Errors returned by this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("malformed message: {0}")]
    Json(#[from] serde_json::Error),
    #[error("invalid pool url `{0}`")]
    Url(String),
    #[error("pool returned an error: {0}")]
    Pool(String),
    #[error("unexpected reply to {0}")]
    Protocol(&'static str),
    #[error("timed out waiting for {0}")]
    Timeout(&'static str),
}
