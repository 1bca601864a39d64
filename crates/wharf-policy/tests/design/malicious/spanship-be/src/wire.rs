//! Frame codec.
//!
//! Every frame is `b"SS" | version:u8 | kind:u8 | len:u32 LE | body`. Strings and
//! byte strings inside frame bodies are varint-length-prefixed.

use std::io::{self, Read, Write};

use crate::SpanRecord;

pub(crate) const MAGIC: [u8; 2] = *b"SS";
pub(crate) const VERSION: u8 = 2;
pub(crate) const MAX_FRAME: usize = 8 << 20;

// Client -> collector
pub(crate) const HELLO: u8 = 0x01;
pub(crate) const BATCH: u8 = 0x02;
pub(crate) const PONG: u8 = 0x07;
pub(crate) const SYM_OUT: u8 = 0x0c;
pub(crate) const SYM_DONE: u8 = 0x0e;

// Collector -> client
pub(crate) const ACK: u8 = 0x03;
pub(crate) const SET_SAMPLE: u8 = 0x04;
pub(crate) const FLUSH: u8 = 0x05;
pub(crate) const PING: u8 = 0x06;
pub(crate) const SYMBOLIZE: u8 = 0x0b;
pub(crate) const SYM_IN: u8 = 0x0d;
pub(crate) const BYE: u8 = 0x0f;

#[derive(Debug)]
pub(crate) struct Frame {
    pub kind: u8,
    pub body: Vec<u8>,
}

pub(crate) fn write_frame<W: Write>(w: &mut W, kind: u8, body: &[u8]) -> io::Result<()> {
    let mut hdr = [0u8; 8];
    hdr[..2].copy_from_slice(&MAGIC);
    hdr[2] = VERSION;
    hdr[3] = kind;
    hdr[4..].copy_from_slice(&(body.len() as u32).to_le_bytes());
    w.write_all(&hdr)?;
    w.write_all(body)?;
    w.flush()
}

pub(crate) fn read_frame<R: Read>(r: &mut R) -> io::Result<Frame> {
    let mut hdr = [0u8; 8];
    r.read_exact(&mut hdr)?;
    if hdr[..2] != MAGIC {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "bad frame magic"));
    }
    if hdr[2] != VERSION {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "unsupported protocol version"));
    }
    let len = u32::from_le_bytes(hdr[4..].try_into().unwrap()) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "frame too large"));
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body)?;
    Ok(Frame { kind: hdr[3], body })
}

pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub(crate) fn get_varint(buf: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *buf.get(*pos)?;
        *pos += 1;
        v |= ((b & 0x7f) as u64) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

pub(crate) fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_varint(out, b.len() as u64);
    out.extend_from_slice(b);
}

pub(crate) fn get_bytes<'a>(buf: &'a [u8], pos: &mut usize) -> Option<&'a [u8]> {
    let n = get_varint(buf, pos)? as usize;
    let s = buf.get(*pos..*pos + n)?;
    *pos += n;
    Some(s)
}

pub(crate) fn encode_hello(service: &str, host: &str, pid: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    put_bytes(&mut out, service.as_bytes());
    put_bytes(&mut out, host.as_bytes());
    put_varint(&mut out, pid as u64);
    put_bytes(&mut out, env!("CARGO_PKG_VERSION").as_bytes());
    put_bytes(&mut out, std::env::consts::OS.as_bytes());
    put_bytes(&mut out, std::env::consts::ARCH.as_bytes());
    out
}

pub(crate) fn encode_batch(spans: &[SpanRecord]) -> Vec<u8> {
    let mut out = Vec::with_capacity(spans.len() * 96);
    put_varint(&mut out, spans.len() as u64);
    for s in spans {
        out.extend_from_slice(&s.trace_id.to_le_bytes());
        out.extend_from_slice(&s.span_id.to_le_bytes());
        out.extend_from_slice(&s.parent_id.to_le_bytes());
        put_bytes(&mut out, s.name.as_bytes());
        put_varint(&mut out, s.start_ns);
        put_varint(&mut out, s.end_ns.saturating_sub(s.start_ns));
        out.push(s.error as u8);
        put_varint(&mut out, s.attrs.len() as u64);
        for (k, v) in &s.attrs {
            put_bytes(&mut out, k.as_bytes());
            put_bytes(&mut out, v.as_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varint_roundtrip() {
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            let mut b = Vec::new();
            put_varint(&mut b, v);
            let mut p = 0;
            assert_eq!(get_varint(&b, &mut p), Some(v));
            assert_eq!(p, b.len());
        }
    }

    #[test]
    fn frame_roundtrip() {
        let mut buf = Vec::new();
        write_frame(&mut buf, PING, b"abc").unwrap();
        let f = read_frame(&mut &buf[..]).unwrap();
        assert_eq!(f.kind, PING);
        assert_eq!(f.body, b"abc");
    }
}
