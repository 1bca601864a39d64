//! Just enough PNG parsing to read dimensions and walk chunks.

use std::fmt;

pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PngInfo {
    pub width: u32,
    pub height: u32,
    pub bit_depth: u8,
    pub color_type: u8,
    /// CRC of the IHDR chunk; a cheap content identity.
    pub ihdr_crc: u32,
    /// Offset one past the IEND chunk.
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PngError {
    BadSignature,
    Truncated,
    MissingIhdr,
    MissingIend,
}

impl fmt::Display for PngError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PngError::BadSignature => "not a PNG file",
            PngError::Truncated => "truncated PNG",
            PngError::MissingIhdr => "PNG has no IHDR chunk",
            PngError::MissingIend => "PNG has no IEND chunk",
        })
    }
}

impl std::error::Error for PngError {}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

/// Iterate `(type, data, crc)` of every chunk.
pub fn chunks(png: &[u8]) -> impl Iterator<Item = ([u8; 4], &[u8], u32)> {
    let mut pos = SIGNATURE.len();
    std::iter::from_fn(move || {
        if pos + 12 > png.len() {
            return None;
        }
        let len = be32(&png[pos..]) as usize;
        let mut ty = [0u8; 4];
        ty.copy_from_slice(&png[pos + 4..pos + 8]);
        let data_end = pos + 8 + len;
        if data_end + 4 > png.len() {
            return None;
        }
        let data = &png[pos + 8..data_end];
        let crc = be32(&png[data_end..]);
        pos = data_end + 4;
        Some((ty, data, crc))
    })
}

pub fn inspect(png: &[u8]) -> Result<PngInfo, PngError> {
    if png.len() < 8 || png[..8] != SIGNATURE {
        return Err(PngError::BadSignature);
    }
    let mut info: Option<PngInfo> = None;
    let mut pos = SIGNATURE.len();
    for (ty, data, crc) in chunks(png) {
        pos += 12 + data.len();
        match &ty {
            b"IHDR" => {
                if data.len() < 13 {
                    return Err(PngError::Truncated);
                }
                info = Some(PngInfo {
                    width: be32(&data[0..]),
                    height: be32(&data[4..]),
                    bit_depth: data[8],
                    color_type: data[9],
                    ihdr_crc: crc,
                    end: 0,
                });
            }
            b"IEND" => {
                let mut i = info.ok_or(PngError::MissingIhdr)?;
                i.end = pos;
                return Ok(i);
            }
            _ => {}
        }
    }
    Err(if info.is_some() { PngError::MissingIend } else { PngError::Truncated })
}
