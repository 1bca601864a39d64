//! Wire framing: `u32` big-endian length prefix + JSON body.

use serde::{de::DeserializeOwned, Serialize};
use std::fmt;
use std::io::{self, Read, Write};

/// Errors produced while reading or writing frames.
#[derive(Debug)]
pub enum FrameError {
    /// Underlying I/O failure (including clean EOF).
    Io(io::Error),
    /// The peer announced a frame larger than the configured limit.
    TooLarge { len: usize, max: usize },
    /// The body was not valid JSON for the requested type.
    Json(serde_json::Error),
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::Io(e) => write!(f, "i/o error: {e}"),
            FrameError::TooLarge { len, max } => write!(f, "frame of {len} bytes exceeds limit {max}"),
            FrameError::Json(e) => write!(f, "invalid json body: {e}"),
        }
    }
}

impl std::error::Error for FrameError {}

impl From<io::Error> for FrameError {
    fn from(e: io::Error) -> Self {
        FrameError::Io(e)
    }
}

impl From<serde_json::Error> for FrameError {
    fn from(e: serde_json::Error) -> Self {
        FrameError::Json(e)
    }
}

/// Encode `value` into a complete frame.
pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, FrameError> {
    let body = serde_json::to_vec(value)?;
    let mut out = Vec::with_capacity(4 + body.len());
    out.extend_from_slice(&(body.len() as u32).to_be_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// Write one frame to `w`.
pub fn write_frame<W: Write, T: Serialize>(w: &mut W, value: &T) -> Result<(), FrameError> {
    let buf = encode(value)?;
    w.write_all(&buf)?;
    w.flush()?;
    Ok(())
}

/// Read one frame from `r`, rejecting bodies longer than `max` bytes.
pub fn read_frame<R: Read, T: DeserializeOwned>(r: &mut R, max: usize) -> Result<T, FrameError> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len)?;
    let len = u32::from_be_bytes(len) as usize;
    if len > max {
        return Err(FrameError::TooLarge { len, max });
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body)?;
    Ok(serde_json::from_slice(&body)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Message;
    use std::io::Cursor;

    #[test]
    fn roundtrip() {
        let m = Message::new("x", serde_json::json!([1, 2, 3]));
        let buf = encode(&m).unwrap();
        let back: Message = read_frame(&mut Cursor::new(buf), 1024).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn rejects_oversized() {
        let mut buf = (10_000u32).to_be_bytes().to_vec();
        buf.extend(std::iter::repeat(b' ').take(16));
        let r: Result<Message, _> = read_frame(&mut Cursor::new(buf), 100);
        assert!(matches!(r, Err(FrameError::TooLarge { .. })));
    }

    #[test]
    fn length_prefix_is_big_endian() {
        let buf = encode(&serde_json::json!(null)).unwrap();
        assert_eq!(&buf[..4], &[0, 0, 0, 4]);
        assert_eq!(&buf[4..], b"null");
    }
}
