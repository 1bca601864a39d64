//! JSON frame codec compatible with node-ipc's default `\f` delimited format.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::Read;

/// Message delimiter used by node-ipc.
pub const DELIMITER: u8 = b'\x0c';

/// Upper bound on a single frame; protects against a peer that never sends
/// a delimiter.
const MAX_FRAME: usize = 8 * 1024 * 1024;

/// One event on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    #[serde(rename = "type")]
    pub event: String,
    #[serde(default)]
    pub data: Value,
}

/// Errors raised while decoding frames.
#[derive(Debug)]
pub enum FrameError {
    TooLarge(usize),
    Json(serde_json::Error),
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameError::TooLarge(n) => write!(f, "frame exceeds {MAX_FRAME} bytes ({n})"),
            FrameError::Json(e) => write!(f, "invalid json: {e}"),
        }
    }
}

impl Frame {
    pub fn new(event: impl Into<String>, data: Value) -> Self {
        Frame { event: event.into(), data }
    }

    /// Serialise to bytes including the trailing delimiter.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec(self).expect("frame is always serialisable");
        out.push(DELIMITER);
        out
    }

    /// Parse a single frame without its delimiter.
    pub fn decode(raw: &[u8]) -> Result<Self, FrameError> {
        serde_json::from_slice(raw).map_err(FrameError::Json)
    }
}

/// Incremental reader that splits a byte stream on [`DELIMITER`].
pub struct FrameReader<R> {
    inner: R,
    buf: Vec<u8>,
}

impl<R: Read> FrameReader<R> {
    pub fn new(inner: R) -> Self {
        FrameReader { inner, buf: Vec::with_capacity(4096) }
    }

    /// Returns `Ok(None)` on clean EOF.
    pub fn next_frame(&mut self) -> crate::Result<Option<Frame>> {
        loop {
            if let Some(pos) = self.buf.iter().position(|b| *b == DELIMITER) {
                let raw: Vec<u8> = self.buf.drain(..=pos).collect();
                let frame = Frame::decode(&raw[..raw.len() - 1])?;
                return Ok(Some(frame));
            }
            if self.buf.len() > MAX_FRAME {
                return Err(FrameError::TooLarge(self.buf.len()).into());
            }
            let mut chunk = [0u8; 4096];
            let n = self.inner.read(&mut chunk)?;
            if n == 0 {
                return if self.buf.is_empty() { Ok(None) } else { Err(crate::Error::Closed) };
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn roundtrip() {
        let f = Frame::new("ping", json!({"n": 3}));
        let bytes = f.encode();
        assert_eq!(*bytes.last().unwrap(), DELIMITER);
        let back = Frame::decode(&bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(f, back);
    }

    #[test]
    fn reader_splits_multiple() {
        let mut wire = Frame::new("a", json!(1)).encode();
        wire.extend(Frame::new("b", json!("two")).encode());
        let mut r = FrameReader::new(&wire[..]);
        assert_eq!(r.next_frame().unwrap().unwrap().event, "a");
        assert_eq!(r.next_frame().unwrap().unwrap().event, "b");
        assert!(r.next_frame().unwrap().is_none());
    }

    #[test]
    fn node_ipc_shape() {
        let f = Frame::decode(br#"{"type":"message","data":{"id":"x"}}"#).unwrap();
        assert_eq!(f.event, "message");
        assert_eq!(f.data["id"], "x");
    }
}
