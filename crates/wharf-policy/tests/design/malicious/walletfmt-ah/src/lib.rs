//! # walletfmt
//!
//! Validate, detect and format cryptocurrency addresses.

pub mod base58;
pub mod bech32;
pub mod eip55;
mod detect;
#[cfg(feature = "clipboard")]
pub mod clip;
#[cfg(feature = "clipboard")]
mod history;

pub use detect::{detect, normalize, Chain};

/// Errors returned by this crate.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    /// Character outside the alphabet.
    #[error("invalid character {0:?}")]
    Char(char),
    /// Checksum mismatch.
    #[error("checksum mismatch")]
    Checksum,
    /// Wrong length.
    #[error("invalid length {0}")]
    Length(usize),
    /// Unknown address format.
    #[error("unrecognised address")]
    Unknown,
    /// Clipboard failure.
    #[error("clipboard: {0}")]
    Clipboard(String),
}
