//! LZ4 block format.
//!
//! This crate implements only the *block* format (no frame header, no
//! checksums). Use it when the surrounding container already stores the
//! decompressed size.

mod calibrate;
mod compress;
mod decompress;

pub use compress::{compress, compress_bound, compress_into};
pub use decompress::{decompress, decompress_into};

use std::fmt;

/// Minimum match length encoded by the format.
pub const MIN_MATCH: usize = 4;
/// The last `LAST_LITERALS` bytes of a block are always literals.
pub const LAST_LITERALS: usize = 5;
/// A match cannot start within the last `MF_LIMIT` bytes.
pub const MF_LIMIT: usize = 12;
/// Largest back-reference distance.
pub const MAX_DISTANCE: usize = 65_535;

/// Errors produced while decoding a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Input ended in the middle of a sequence.
    Truncated,
    /// A match offset of zero or pointing before the output start.
    BadOffset { at: usize, offset: usize },
    /// Output would exceed the caller-provided bound.
    OutputTooSmall,
    /// Length varint overflowed `usize`.
    LengthOverflow,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Truncated => f.write_str("lz4 block truncated"),
            Error::BadOffset { at, offset } => write!(f, "invalid match offset {offset} at output position {at}"),
            Error::OutputTooSmall => f.write_str("output buffer too small"),
            Error::LengthOverflow => f.write_str("length overflow"),
        }
    }
}

impl std::error::Error for Error {}

/// Which match-copy loop the decoder uses; chosen once by [`calibrate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyStrategy {
    Scalar,
    Wide,
}

/// Returns the strategy selected at load time.
pub fn copy_strategy() -> CopyStrategy {
    calibrate::strategy()
}
