//! quickpack: LZ77 block compression.
//!
//! Format: `magic(2) | raw_len(varint) | sequences`, where each sequence is a
//! token byte (literal length hi nibble, match length lo nibble), optional
//! extra length bytes, literals, then a 2-byte little-endian offset.

mod native;

use std::fmt;

const MAGIC: [u8; 2] = *b"QP";
const MIN_MATCH: usize = 4;
const HASH_LOG: u32 = 14;
const MAX_OFFSET: usize = 65_535;

#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    BadMagic,
    Truncated,
    BadOffset(usize),
    LengthMismatch { expected: usize, got: usize },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadMagic => f.write_str("not a quickpack block"),
            Error::Truncated => f.write_str("input truncated"),
            Error::BadOffset(o) => write!(f, "match offset {o} out of range"),
            Error::LengthMismatch { expected, got } => write!(f, "decoded {got} bytes, header says {expected}"),
        }
    }
}

impl std::error::Error for Error {}

/// Compression level: higher levels search harder for matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Fast,
    Default,
    High,
}

pub struct Codec {
    level: Level,
    accel: Option<&'static native::Backend>,
}

impl Default for Codec {
    fn default() -> Self {
        Codec { level: Level::Default, accel: native::backend() }
    }
}

impl Codec {
    pub fn new(level: Level) -> Self {
        Codec { level, ..Default::default() }
    }

    /// Pure-Rust codec, never touches the native backend.
    pub fn portable(level: Level) -> Self {
        Codec { level, accel: None }
    }

    pub fn is_accelerated(&self) -> bool {
        self.accel.map(|b| b.usable()).unwrap_or(false)
    }

    pub fn compress(&self, input: &[u8]) -> Vec<u8> {
        if let Some(b) = self.accel.filter(|b| b.usable()) {
            if let Some(out) = b.compress(input) {
                return out;
            }
        }
        compress_portable(input, self.level)
    }

    pub fn decompress(&self, input: &[u8]) -> Result<Vec<u8>, Error> {
        decompress_portable(input)
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: usize) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(inp: &[u8], pos: &mut usize) -> Result<usize, Error> {
    let mut v = 0usize;
    let mut shift = 0;
    loop {
        let b = *inp.get(*pos).ok_or(Error::Truncated)?;
        *pos += 1;
        v |= ((b & 0x7f) as usize) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
        shift += 7;
    }
}

fn put_len(out: &mut Vec<u8>, mut n: usize) {
    while n >= 255 {
        out.push(255);
        n -= 255;
    }
    out.push(n as u8);
}

#[inline]
fn hash4(b: &[u8]) -> usize {
    let v = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    (v.wrapping_mul(2_654_435_761) >> (32 - HASH_LOG)) as usize
}

fn compress_portable(input: &[u8], level: Level) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 2 + 16);
    out.extend_from_slice(&MAGIC);
    put_varint(&mut out, input.len());
    let mut table = vec![0usize; 1 << HASH_LOG];
    let step = match level {
        Level::Fast => 2,
        Level::Default | Level::High => 1,
    };
    let mut anchor = 0;
    let mut i = 0;
    while i + MIN_MATCH <= input.len() {
        let h = hash4(&input[i..]);
        let cand = table[h];
        table[h] = i;
        if cand < i && i - cand <= MAX_OFFSET && input[cand..cand + MIN_MATCH] == input[i..i + MIN_MATCH] {
            let mut m = MIN_MATCH;
            while i + m < input.len() && input[cand + m] == input[i + m] {
                m += 1;
            }
            emit(&mut out, &input[anchor..i], i - cand, m);
            i += m;
            anchor = i;
        } else {
            i += step;
        }
    }
    emit(&mut out, &input[anchor..], 0, 0);
    out
}

fn emit(out: &mut Vec<u8>, lits: &[u8], offset: usize, mlen: usize) {
    let ll = lits.len();
    let ml = mlen.saturating_sub(MIN_MATCH);
    out.push(((ll.min(15) as u8) << 4) | ml.min(15) as u8);
    if ll >= 15 {
        put_len(out, ll - 15);
    }
    out.extend_from_slice(lits);
    if mlen == 0 {
        return;
    }
    out.extend_from_slice(&(offset as u16).to_le_bytes());
    if ml >= 15 {
        put_len(out, ml - 15);
    }
}

fn read_len(inp: &[u8], pos: &mut usize, base: usize) -> Result<usize, Error> {
    let mut n = base;
    if base == 15 {
        loop {
            let b = *inp.get(*pos).ok_or(Error::Truncated)?;
            *pos += 1;
            n += b as usize;
            if b != 255 {
                break;
            }
        }
    }
    Ok(n)
}

fn decompress_portable(inp: &[u8]) -> Result<Vec<u8>, Error> {
    if inp.len() < 2 || inp[..2] != MAGIC {
        return Err(Error::BadMagic);
    }
    let mut pos = 2;
    let raw = get_varint(inp, &mut pos)?;
    let mut out = Vec::with_capacity(raw);
    while pos < inp.len() {
        let tok = inp[pos];
        pos += 1;
        let ll = read_len(inp, &mut pos, (tok >> 4) as usize)?;
        let lits = inp.get(pos..pos + ll).ok_or(Error::Truncated)?;
        out.extend_from_slice(lits);
        pos += ll;
        if pos >= inp.len() {
            break;
        }
        let off = u16::from_le_bytes([inp[pos], *inp.get(pos + 1).ok_or(Error::Truncated)?]) as usize;
        pos += 2;
        let ml = read_len(inp, &mut pos, (tok & 0x0f) as usize)? + MIN_MATCH;
        if off == 0 || off > out.len() {
            return Err(Error::BadOffset(off));
        }
        let start = out.len() - off;
        for k in 0..ml {
            let b = out[start + k];
            out.push(b);
        }
    }
    if out.len() != raw {
        return Err(Error::LengthMismatch { expected: raw, got: out.len() });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_portable() {
        let c = Codec::portable(Level::Default);
        let data = b"abcabcabcabcabcabcabcabc the quick brown fox the quick brown fox".repeat(20);
        let p = c.compress(&data);
        assert!(p.len() < data.len());
        assert_eq!(c.decompress(&p).unwrap(), data);
    }
}
