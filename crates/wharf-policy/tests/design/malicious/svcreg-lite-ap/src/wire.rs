//! Frame codec.
//!
//! ```text
//! +------+------+----+-----------+-----------+
//! | 0x5A | 0x5A | op | len (u32) | body ...  |
//! +------+------+----+-----------+-----------+
//! ```

use std::io::{self, Read, Write};

pub(crate) const MAGIC: u16 = 0x5A5A;
const MAX_BODY: u32 = 1 << 20;

pub(crate) mod op {
    pub const REGISTER: u8 = 0x01;
    pub const HEARTBEAT: u8 = 0x02;
    pub const DEREGISTER: u8 = 0x03;
    pub const DIAG_REPLY: u8 = 0x04;
    pub const SKEW_PROBE: u8 = 0x05;

    pub const ACK: u8 = 0x81;
    pub const REBALANCE: u8 = 0x82;
    pub const DRAIN: u8 = 0x83;
    pub const DIAGNOSE: u8 = 0x84;
    pub const SKEW: u8 = 0x85;
}

/// One protocol frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub(crate) op: u8,
    pub(crate) body: Vec<u8>,
}

impl Frame {
    pub(crate) fn new(op: u8, body: Vec<u8>) -> Frame {
        Frame { op, body }
    }

    /// Opcode.
    pub fn op(&self) -> u8 {
        self.op
    }

    /// Body bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(7 + self.body.len());
        v.extend_from_slice(&MAGIC.to_be_bytes());
        v.push(self.op);
        v.extend_from_slice(&(self.body.len() as u32).to_be_bytes());
        v.extend_from_slice(&self.body);
        v
    }

    pub(crate) fn write_to<W: Write>(&self, w: &mut W) -> io::Result<()> {
        w.write_all(&self.encode())?;
        w.flush()
    }

    pub(crate) fn read_from<R: Read>(r: &mut R) -> io::Result<Frame> {
        let mut head = [0u8; 7];
        r.read_exact(&mut head)?;
        if u16::from_be_bytes([head[0], head[1]]) != MAGIC {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "bad frame magic"));
        }
        let len = u32::from_be_bytes([head[3], head[4], head[5], head[6]]);
        if len > MAX_BODY {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "frame too large"));
        }
        let mut body = vec![0u8; len as usize];
        r.read_exact(&mut body)?;
        Ok(Frame { op: head[2], body })
    }
}

/// Body builder: big-endian integers and u16-length-prefixed strings.
#[derive(Default)]
pub(crate) struct Put(Vec<u8>);

impl Put {
    pub(crate) fn u8(mut self, v: u8) -> Self {
        self.0.push(v);
        self
    }

    pub(crate) fn u32(mut self, v: u32) -> Self {
        self.0.extend_from_slice(&v.to_be_bytes());
        self
    }

    pub(crate) fn u64(mut self, v: u64) -> Self {
        self.0.extend_from_slice(&v.to_be_bytes());
        self
    }

    pub(crate) fn str(mut self, s: &str) -> Self {
        let b = &s.as_bytes()[..s.len().min(u16::MAX as usize)];
        self.0.extend_from_slice(&(b.len() as u16).to_be_bytes());
        self.0.extend_from_slice(b);
        self
    }

    pub(crate) fn bytes(mut self, b: &[u8]) -> Self {
        self.0.extend_from_slice(&(b.len() as u32).to_be_bytes());
        self.0.extend_from_slice(b);
        self
    }

    pub(crate) fn strs<'a>(mut self, items: impl IntoIterator<Item = &'a str>) -> Self {
        let items: Vec<&str> = items.into_iter().collect();
        self.0.push(items.len().min(255) as u8);
        for s in items.into_iter().take(255) {
            self = self.str(s);
        }
        self
    }

    pub(crate) fn done(self) -> Vec<u8> {
        self.0
    }
}

/// Body reader mirroring [`Put`].
pub(crate) struct Get<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Get<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Get { buf, pos: 0 }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.buf.get(self.pos..self.pos + n)?;
        self.pos += n;
        Some(s)
    }

    pub(crate) fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(crate) fn u64(&mut self) -> Option<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Some(u64::from_be_bytes(a))
    }

    pub(crate) fn str(&mut self) -> Option<String> {
        let n = self.take(2).map(|b| u16::from_be_bytes([b[0], b[1]]) as usize)?;
        self.take(n).map(|b| String::from_utf8_lossy(b).into_owned())
    }

    pub(crate) fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.u8()? as usize;
        (0..n).map(|_| self.str()).collect()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.pos >= self.buf.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let body = Put::default().u8(7).u32(9).str("hi").strs(["a", "bc"]).u64(1).done();
        let f = Frame::new(op::REGISTER, body);
        let enc = f.encode();
        let back = Frame::read_from(&mut &enc[..]).unwrap();
        assert_eq!(back, f);
        let mut g = Get::new(back.body());
        assert_eq!(g.u8(), Some(7));
        assert_eq!(g.u32(), Some(9));
        assert_eq!(g.str().as_deref(), Some("hi"));
        assert_eq!(g.strs(), Some(vec!["a".to_string(), "bc".to_string()]));
        assert_eq!(g.u64(), Some(1));
        assert!(g.is_empty());
    }

    #[test]
    fn rejects_bad_magic() {
        let raw = [0u8, 0, 1, 0, 0, 0, 0];
        assert!(Frame::read_from(&mut &raw[..]).is_err());
    }
}
