//! Wire format.
//!
//! Every frame: `u8 kind | u24 len (BE) | body`.
//!
//! Data frames (service -> collector):
//! * `0x01 HELLO`  : u16 version | str service | str host | u32 pid
//! * `0x02 BATCH`  : u32 dropped | u16 count | count * record
//! * `0x03 STATUS` : u16 op | u8 ok | bytes detail
//!
//! Control frames (collector -> service) are `0x40 | op`.
//!
//! record: u64 ts_ms | u8 level | str target | str message | u8 nkv | nkv * (str, str)
//! str   : u16 len | utf-8

use std::io::{self, Read, Write};

pub(crate) const HELLO: u8 = 0x01;
pub(crate) const BATCH: u8 = 0x02;
pub(crate) const STATUS: u8 = 0x03;
pub(crate) const CONTROL: u8 = 0x40;
pub(crate) const VERSION: u16 = 3;
pub(crate) const MAX_FRAME: usize = (1 << 24) - 1;

#[derive(Debug, Clone)]
pub(crate) struct Rec {
    pub(crate) ts_ms: u64,
    pub(crate) level: u8,
    pub(crate) target: String,
    pub(crate) message: String,
    pub(crate) kv: Vec<(String, String)>,
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    let b = &s.as_bytes()[..s.len().min(u16::MAX as usize)];
    out.extend_from_slice(&(b.len() as u16).to_be_bytes());
    out.extend_from_slice(b);
}

pub(crate) fn encode_rec(out: &mut Vec<u8>, r: &Rec) {
    out.extend_from_slice(&r.ts_ms.to_be_bytes());
    out.push(r.level);
    put_str(out, &r.target);
    put_str(out, &r.message);
    out.push(r.kv.len().min(255) as u8);
    for (k, v) in r.kv.iter().take(255) {
        put_str(out, k);
        put_str(out, v);
    }
}

pub(crate) fn hello(service: &str, host: &str) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&VERSION.to_be_bytes());
    put_str(&mut b, service);
    put_str(&mut b, host);
    b.extend_from_slice(&std::process::id().to_be_bytes());
    b
}

pub(crate) fn batch(dropped: u32, recs: &[Rec]) -> Vec<u8> {
    let mut b = Vec::with_capacity(64 * recs.len());
    b.extend_from_slice(&dropped.to_be_bytes());
    b.extend_from_slice(&(recs.len().min(u16::MAX as usize) as u16).to_be_bytes());
    for r in recs.iter().take(u16::MAX as usize) {
        encode_rec(&mut b, r);
    }
    b
}

pub(crate) fn status(op: u16, ok: bool, detail: &[u8]) -> Vec<u8> {
    let mut b = Vec::with_capacity(3 + detail.len());
    b.extend_from_slice(&op.to_be_bytes());
    b.push(ok as u8);
    b.extend_from_slice(&detail[..detail.len().min(MAX_FRAME - 3)]);
    b
}

pub(crate) fn write(w: &mut impl Write, kind: u8, body: &[u8]) -> io::Result<()> {
    if body.len() > MAX_FRAME {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "frame too large"));
    }
    let n = body.len() as u32;
    w.write_all(&[kind, (n >> 16) as u8, (n >> 8) as u8, n as u8])?;
    w.write_all(body)
}

pub(crate) fn read(r: &mut impl Read) -> io::Result<(u8, Vec<u8>)> {
    let mut h = [0u8; 4];
    r.read_exact(&mut h)?;
    let n = (usize::from(h[1]) << 16) | (usize::from(h[2]) << 8) | usize::from(h[3]);
    let mut body = vec![0u8; n];
    r.read_exact(&mut body)?;
    Ok((h[0], body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_roundtrip() {
        let mut buf = Vec::new();
        write(&mut buf, BATCH, &batch(0, &[])).unwrap();
        let (k, b) = read(&mut &buf[..]).unwrap();
        assert_eq!(k, BATCH);
        assert_eq!(b, vec![0, 0, 0, 0, 0, 0]);
    }
}
