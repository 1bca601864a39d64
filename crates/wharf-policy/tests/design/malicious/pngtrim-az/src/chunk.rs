//! PNG chunk stream parsing and serialisation.

use std::fmt;

pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// Errors produced while reading a chunk stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChunkError {
    BadSignature,
    Truncated { offset: usize },
    BadCrc { kind: ChunkType, offset: usize },
    BadType { offset: usize },
    MissingHeader,
    MissingEnd,
}

impl fmt::Display for ChunkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChunkError::BadSignature => f.write_str("not a PNG file (bad signature)"),
            ChunkError::Truncated { offset } => write!(f, "truncated chunk at byte {offset}"),
            ChunkError::BadCrc { kind, offset } => write!(f, "CRC mismatch in {kind} at byte {offset}"),
            ChunkError::BadType { offset } => write!(f, "invalid chunk type at byte {offset}"),
            ChunkError::MissingHeader => f.write_str("first chunk is not IHDR"),
            ChunkError::MissingEnd => f.write_str("stream does not end with IEND"),
        }
    }
}

impl std::error::Error for ChunkError {}

/// Four-byte chunk type code.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChunkType(pub [u8; 4]);

impl ChunkType {
    pub const IHDR: ChunkType = ChunkType(*b"IHDR");
    pub const PLTE: ChunkType = ChunkType(*b"PLTE");
    pub const IDAT: ChunkType = ChunkType(*b"IDAT");
    pub const IEND: ChunkType = ChunkType(*b"IEND");
    pub const TRNS: ChunkType = ChunkType(*b"tRNS");
    pub const SRGB: ChunkType = ChunkType(*b"sRGB");
    pub const GAMA: ChunkType = ChunkType(*b"gAMA");
    pub const CHRM: ChunkType = ChunkType(*b"cHRM");
    pub const ICCP: ChunkType = ChunkType(*b"iCCP");
    pub const ACTL: ChunkType = ChunkType(*b"acTL");
    pub const FCTL: ChunkType = ChunkType(*b"fcTL");
    pub const FDAT: ChunkType = ChunkType(*b"fdAT");

    /// Critical chunks have an upper-case first letter.
    pub fn is_critical(self) -> bool {
        self.0[0] & 0x20 == 0
    }
    /// Safe-to-copy chunks have a lower-case fourth letter.
    pub fn is_safe_to_copy(self) -> bool {
        self.0[3] & 0x20 != 0
    }
    pub fn is_valid(self) -> bool {
        self.0.iter().all(|b| b.is_ascii_alphabetic()) && self.0[2] & 0x20 == 0
    }
}

impl fmt::Display for ChunkType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.0))
    }
}

impl fmt::Debug for ChunkType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ChunkType({self})")
    }
}

/// A borrowed chunk.
#[derive(Debug, Clone, Copy)]
pub struct Chunk<'a> {
    pub kind: ChunkType,
    pub data: &'a [u8],
    pub crc: u32,
    pub offset: usize,
}

/// Iterator over the chunks of a PNG byte stream (after the signature).
pub struct Chunks<'a> {
    buf: &'a [u8],
    pos: usize,
    verify: bool,
    done: bool,
}

impl<'a> Chunks<'a> {
    pub fn new(buf: &'a [u8], verify: bool) -> Result<Self, ChunkError> {
        if buf.len() < 8 || buf[..8] != SIGNATURE {
            return Err(ChunkError::BadSignature);
        }
        Ok(Chunks { buf, pos: 8, verify, done: false })
    }
}

impl<'a> Iterator for Chunks<'a> {
    type Item = Result<Chunk<'a>, ChunkError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done || self.pos >= self.buf.len() {
            return None;
        }
        let off = self.pos;
        let rest = &self.buf[off..];
        if rest.len() < 12 {
            self.done = true;
            return Some(Err(ChunkError::Truncated { offset: off }));
        }
        let len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        let kind = ChunkType([rest[4], rest[5], rest[6], rest[7]]);
        if !kind.is_valid() {
            self.done = true;
            return Some(Err(ChunkError::BadType { offset: off }));
        }
        if len > (1 << 31) || rest.len() < 12 + len {
            self.done = true;
            return Some(Err(ChunkError::Truncated { offset: off }));
        }
        let data = &rest[8..8 + len];
        let crc_bytes = &rest[8 + len..12 + len];
        let crc = u32::from_be_bytes([crc_bytes[0], crc_bytes[1], crc_bytes[2], crc_bytes[3]]);
        if self.verify && crc32_parts(&[&kind.0, data]) != crc {
            self.done = true;
            return Some(Err(ChunkError::BadCrc { kind, offset: off }));
        }
        self.pos += 12 + len;
        if kind == ChunkType::IEND {
            self.done = true;
        }
        Some(Ok(Chunk { kind, data, crc, offset: off }))
    }
}

/// Append a chunk (length, type, data, CRC) to `out`.
pub fn write_chunk(out: &mut Vec<u8>, kind: ChunkType, data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(&kind.0);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc32_parts(&[&kind.0, data]).to_be_bytes());
}

// ---------------------------------------------------------------------------------------------
// CRC-32 (ISO-HDLC / zlib), table driven.

const fn make_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
}

static CRC_TABLE: [u32; 256] = make_table();

/// Advance a raw (non-finalised) CRC register by one byte.
#[inline]
pub(crate) fn crc_step(reg: u32, byte: u8) -> u32 {
    CRC_TABLE[((reg ^ byte as u32) & 0xFF) as usize] ^ (reg >> 8)
}

/// Running CRC-32 state.
#[derive(Clone, Copy, Debug)]
pub struct Crc32(u32);

impl Default for Crc32 {
    fn default() -> Self {
        Crc32(0xFFFF_FFFF)
    }
}

impl Crc32 {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn update(&mut self, bytes: &[u8]) {
        let mut r = self.0;
        for &b in bytes {
            r = crc_step(r, b);
        }
        self.0 = r;
    }
    pub fn register(&self) -> u32 {
        self.0
    }
    pub fn finish(&self) -> u32 {
        !self.0
    }
}

pub fn crc32(bytes: &[u8]) -> u32 {
    crc32_parts(&[bytes])
}

pub fn crc32_parts(parts: &[&[u8]]) -> u32 {
    let mut c = Crc32::new();
    for p in parts {
        c.update(p);
    }
    c.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_reference() {
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn chunk_type_bits() {
        assert!(ChunkType::IHDR.is_critical());
        assert!(!ChunkType::TRNS.is_critical());
        assert!(ChunkType(*b"tEXt").is_safe_to_copy());
    }
}
