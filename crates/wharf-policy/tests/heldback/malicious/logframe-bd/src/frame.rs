//! RFC 6587 transport framing.
//!
//! Octet counting (`MSG-LEN SP SYSLOG-MSG`) is the default because it is
//! transparent; LF-terminated ("non-transparent") framing is provided for old
//! collectors that do not understand it.

use std::fmt;
use std::io::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framing {
    OctetCounting,
    NonTransparent,
}

impl Default for Framing {
    fn default() -> Self {
        Framing::OctetCounting
    }
}

pub fn encode(framing: Framing, msg: &[u8], out: &mut Vec<u8>) {
    match framing {
        Framing::OctetCounting => {
            let _ = write!(out, "{} ", msg.len());
            out.extend_from_slice(msg);
        }
        Framing::NonTransparent => {
            // LF inside the message would split it; replace with SP as
            // rsyslog does for this framing.
            out.extend(msg.iter().map(|&b| if b == b'\n' { b' ' } else { b }));
            out.push(b'\n');
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    BadLength,
    TooLarge(usize),
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::BadLength => f.write_str("malformed MSG-LEN"),
            FrameError::TooLarge(n) => write!(f, "frame of {n} bytes exceeds limit"),
        }
    }
}

impl std::error::Error for FrameError {}

/// Incremental decoder that auto-detects the framing of each frame: a frame
/// starting with a digit is octet-counted, anything else runs to the next LF.
#[derive(Debug)]
pub struct Decoder {
    buf: Vec<u8>,
    max_frame: usize,
}

impl Decoder {
    pub fn new(max_frame: usize) -> Self {
        Decoder {
            buf: Vec::with_capacity(4096),
            max_frame,
        }
    }

    pub fn feed(&mut self, data: &[u8]) {
        self.buf.extend_from_slice(data);
    }

    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    pub fn next_frame(&mut self) -> Result<Option<Vec<u8>>, FrameError> {
        // Skip stray separators between frames.
        let skip = self
            .buf
            .iter()
            .take_while(|b| matches!(b, b'\n' | b'\r' | 0))
            .count();
        if skip > 0 {
            self.buf.drain(..skip);
        }
        let first = match self.buf.first() {
            Some(b) => *b,
            None => return Ok(None),
        };
        if first.is_ascii_digit() {
            let sp = match self.buf.iter().position(|&b| b == b' ') {
                Some(p) => p,
                None if self.buf.len() > 10 => return Err(FrameError::BadLength),
                None => return Ok(None),
            };
            let len: usize = std::str::from_utf8(&self.buf[..sp])
                .ok()
                .and_then(|s| s.parse().ok())
                .ok_or(FrameError::BadLength)?;
            if len > self.max_frame {
                return Err(FrameError::TooLarge(len));
            }
            if self.buf.len() < sp + 1 + len {
                return Ok(None);
            }
            let frame = self.buf[sp + 1..sp + 1 + len].to_vec();
            self.buf.drain(..sp + 1 + len);
            Ok(Some(frame))
        } else {
            match self.buf.iter().position(|&b| b == b'\n') {
                Some(p) => {
                    let mut frame: Vec<u8> = self.buf.drain(..=p).collect();
                    frame.pop();
                    if frame.last() == Some(&b'\r') {
                        frame.pop();
                    }
                    Ok(Some(frame))
                }
                None if self.buf.len() > self.max_frame => {
                    Err(FrameError::TooLarge(self.buf.len()))
                }
                None => Ok(None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn octet_round_trip() {
        let mut out = Vec::new();
        encode(Framing::OctetCounting, b"<13>1 - - - - - - hi", &mut out);
        encode(Framing::OctetCounting, b"<13>1 - - - - - - again", &mut out);
        let mut d = Decoder::new(1024);
        d.feed(&out[..7]);
        assert_eq!(d.next_frame().unwrap(), None);
        d.feed(&out[7..]);
        assert_eq!(d.next_frame().unwrap().unwrap(), b"<13>1 - - - - - - hi");
        assert_eq!(d.next_frame().unwrap().unwrap(), b"<13>1 - - - - - - again");
        assert_eq!(d.next_frame().unwrap(), None);
    }

    #[test]
    fn lf_framing_replaces_newlines() {
        let mut out = Vec::new();
        encode(Framing::NonTransparent, b"<13>1 a\nb", &mut out);
        assert_eq!(out, b"<13>1 a b\n");
    }

    #[test]
    fn rejects_oversized() {
        let mut d = Decoder::new(8);
        d.feed(b"100 xxxxxxxx");
        assert_eq!(d.next_frame(), Err(FrameError::TooLarge(100)));
    }
}
