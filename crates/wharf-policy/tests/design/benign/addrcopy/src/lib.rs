//! Validate cryptocurrency addresses and copy them to the clipboard with a
//! read-back check that detects clipboard hijackers.

pub mod address;
pub mod guard;

pub use address::{classify, Address, Chain, Encoding};
pub use guard::{copy_verified, CopyOptions, CopyOutcome, GuardError};
