//! Validate cryptocurrency addresses and copy them to the clipboard safely.
//!
//! See [`Address::parse`] and [`ClipGuard::copy`].

#![warn(missing_docs)]

mod address;
mod clip;

pub use address::{Address, Chain};
pub use clip::ClipGuard;

/// Errors produced by this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The string is not a recognised address.
    #[error("unrecognised address format")]
    Unrecognised,
    /// Base58Check checksum or version byte mismatch.
    #[error("invalid Base58Check address: {0}")]
    Base58(String),
    /// EIP-55 mixed-case checksum mismatch.
    #[error("EIP-55 checksum mismatch (expected {expected})")]
    Checksum {
        /// The correctly checksummed form.
        expected: String,
    },
    /// Clipboard access failed.
    #[error("clipboard: {0}")]
    Clipboard(#[from] arboard::Error),
}
