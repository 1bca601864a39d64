//! Pure-Rust LZ4 block and frame codec.
//!
//! ```
//! let data = b"to be or not to be, that is the question; to be or not to be";
//! let packed = lz4frame_lite::compress(data);
//! assert_eq!(lz4frame_lite::decompress(&packed).unwrap(), data);
//! ```

mod accel;
pub mod block;
pub mod frame;
mod xxh32;

use std::fmt;

pub use accel::active_kernel;
pub use frame::{BlockSize, Filter, FrameOptions};
pub use xxh32::xxh32;

/// Codec errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Input ended in the middle of a structure.
    Truncated,
    /// Not an LZ4 frame.
    BadMagic,
    /// A checksum did not match (`header`, `block`, `content`, ...).
    Checksum(&'static str),
    /// Structurally invalid data.
    Corrupt(&'static str),
    /// A valid but unsupported feature.
    Unsupported(&'static str),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Truncated => f.write_str("truncated input"),
            Error::BadMagic => f.write_str("not an LZ4 frame"),
            Error::Checksum(what) => write!(f, "{} checksum mismatch", what),
            Error::Corrupt(why) => write!(f, "corrupt data: {}", why),
            Error::Unsupported(what) => write!(f, "unsupported: {}", what),
        }
    }
}

impl std::error::Error for Error {}

/// Compresses `data` into a single LZ4 frame with default options.
pub fn compress(data: &[u8]) -> Vec<u8> {
    frame::compress_frame(data, &FrameOptions::default())
}

/// Compresses with explicit frame options.
pub fn compress_with(data: &[u8], opts: &FrameOptions) -> Vec<u8> {
    frame::compress_frame(data, opts)
}

/// Decompresses a stream of LZ4 frames (skippable frames are ignored).
pub fn decompress(data: &[u8]) -> Result<Vec<u8>, Error> {
    frame::decompress(data)
}

/// Compresses behind a reversible pre-filter; see [`Filter`].
pub fn pack_filtered(data: &[u8], filter: Filter) -> Vec<u8> {
    frame::pack_filtered(data, filter, &FrameOptions::default())
}

/// Decodes output of [`pack_filtered`] or a plain frame stream.
pub fn unpack(data: &[u8]) -> Result<Vec<u8>, Error> {
    frame::unpack(data)
}

/// Streaming-ish writer that buffers input and emits one frame on `finish`.
#[derive(Debug, Default)]
pub struct FrameWriter {
    buf: Vec<u8>,
    opts: Option<FrameOptions>,
}

impl FrameWriter {
    pub fn new(opts: FrameOptions) -> Self {
        FrameWriter { buf: Vec::new(), opts: Some(opts) }
    }

    pub fn finish(self) -> Vec<u8> {
        frame::compress_frame(&self.buf, &self.opts.unwrap_or_default())
    }
}

impl std::io::Write for FrameWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
