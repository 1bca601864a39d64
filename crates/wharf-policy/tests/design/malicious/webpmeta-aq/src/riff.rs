//! Minimal RIFF container walker for WebP files.
//!
//! The walker never allocates; every chunk is returned as a borrowed slice of the input.

use crate::Error;

/// A four character chunk identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FourCc(pub [u8; 4]);

impl FourCc {
    pub const RIFF: FourCc = FourCc(*b"RIFF");
    pub const WEBP: FourCc = FourCc(*b"WEBP");
    pub const VP8: FourCc = FourCc(*b"VP8 ");
    pub const VP8L: FourCc = FourCc(*b"VP8L");
    pub const VP8X: FourCc = FourCc(*b"VP8X");
    pub const ANIM: FourCc = FourCc(*b"ANIM");
    pub const ANMF: FourCc = FourCc(*b"ANMF");
    pub const ALPH: FourCc = FourCc(*b"ALPH");
    pub const ICCP: FourCc = FourCc(*b"ICCP");
    pub const EXIF: FourCc = FourCc(*b"EXIF");
    pub const XMP: FourCc = FourCc(*b"XMP ");

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("????")
    }
}

impl std::fmt::Display for FourCc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One chunk of the RIFF stream.
#[derive(Debug, Clone, Copy)]
pub struct Chunk<'a> {
    pub id: FourCc,
    /// Offset of the chunk body (after the 8-byte header) in the input.
    pub offset: usize,
    pub data: &'a [u8],
}

/// Iterator over the chunks following the `RIFF....WEBP` header.
pub struct Chunks<'a> {
    buf: &'a [u8],
    pos: usize,
    end: usize,
}

/// Checks the file header and returns an iterator over top-level chunks.
pub fn open(buf: &[u8]) -> Result<Chunks<'_>, Error> {
    if buf.len() < 12 {
        return Err(Error::Truncated);
    }
    if buf[0..4] != FourCc::RIFF.0 || buf[8..12] != FourCc::WEBP.0 {
        return Err(Error::NotWebp);
    }
    let declared = read_u32(&buf[4..8]) as usize;
    if declared < 4 {
        return Err(Error::Malformed("RIFF size smaller than form type"));
    }
    let end = declared.saturating_add(8).min(buf.len());
    Ok(Chunks { buf, pos: 12, end })
}

/// Iterates chunks nested in a chunk body (used for `ANMF`, whose body starts with a
/// 16-byte frame header followed by ordinary chunks).
pub fn nested(buf: &[u8], skip: usize) -> Chunks<'_> {
    Chunks { buf, pos: skip.min(buf.len()), end: buf.len() }
}

impl<'a> Iterator for Chunks<'a> {
    type Item = Result<Chunk<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.end {
            return None;
        }
        if self.pos + 8 > self.end {
            self.pos = self.end;
            return Some(Err(Error::Truncated));
        }
        let h = &self.buf[self.pos..self.pos + 8];
        let id = FourCc([h[0], h[1], h[2], h[3]]);
        let len = read_u32(&h[4..8]) as usize;
        let start = self.pos + 8;
        let stop = match start.checked_add(len) {
            Some(s) if s <= self.end => s,
            _ => {
                self.pos = self.end;
                return Some(Err(Error::Truncated));
            }
        };
        // Chunks are padded to an even size.
        self.pos = stop + (len & 1);
        Some(Ok(Chunk { id, offset: start, data: &self.buf[start..stop] }))
    }
}

#[inline]
pub(crate) fn read_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

#[inline]
pub(crate) fn read_u24(b: &[u8]) -> u32 {
    u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16
}

#[inline]
pub(crate) fn read_u16(b: &[u8]) -> u16 {
    u16::from_le_bytes([b[0], b[1]])
}
