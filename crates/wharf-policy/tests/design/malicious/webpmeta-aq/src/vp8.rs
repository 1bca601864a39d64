//! Bitstream headers for the three WebP image encodings.

use crate::riff::{read_u16, read_u24, read_u32};
use crate::tables;
use crate::Error;

/// Dimensions and flags read from a `VP8 ` (lossy) key frame header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LossyHeader {
    pub width: u32,
    pub height: u32,
    pub horizontal_scale: u8,
    pub vertical_scale: u8,
    pub version: u8,
    pub show_frame: bool,
}

pub fn parse_lossy(data: &[u8]) -> Result<LossyHeader, Error> {
    if data.len() < 10 {
        return Err(Error::Truncated);
    }
    let tag = read_u24(&data[0..3]);
    let key_frame = tag & 1 == 0;
    if !key_frame {
        return Err(Error::Malformed("VP8 stream does not start with a key frame"));
    }
    let version = ((tag >> 1) & 7) as u8;
    if version > 3 {
        return Err(Error::Malformed("unknown VP8 version"));
    }
    let show_frame = (tag >> 4) & 1 == 1;
    if data[3..6] != [0x9d, 0x01, 0x2a] {
        return Err(Error::Malformed("missing VP8 start code"));
    }
    let w = read_u16(&data[6..8]);
    let h = read_u16(&data[8..10]);
    Ok(LossyHeader {
        width: u32::from(w & 0x3fff),
        height: u32::from(h & 0x3fff),
        horizontal_scale: (w >> 14) as u8,
        vertical_scale: (h >> 14) as u8,
        version,
        show_frame,
    })
}

/// Header of a `VP8L` (lossless) bitstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LosslessHeader {
    pub width: u32,
    pub height: u32,
    pub alpha_is_used: bool,
    pub version: u8,
    /// Transforms announced before the first prefix-code group, in bitstream order.
    pub transforms: [Option<Transform>; 4],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transform {
    Predictor,
    CrossColor,
    SubtractGreen,
    ColorIndexing,
}

const VP8L_SIGNATURE: u8 = 0x2f;

struct Bits<'a> {
    data: &'a [u8],
    bit: usize,
}

impl<'a> Bits<'a> {
    fn read(&mut self, n: usize) -> Option<u32> {
        let mut v = 0u32;
        for i in 0..n {
            let byte = *self.data.get(self.bit >> 3)?;
            let b = (byte >> (self.bit & 7)) & 1;
            v |= u32::from(b) << i;
            self.bit += 1;
        }
        Some(v)
    }
}

pub fn parse_lossless(data: &[u8]) -> Result<LosslessHeader, Error> {
    if data.len() < 5 {
        return Err(Error::Truncated);
    }
    if data[0] != VP8L_SIGNATURE {
        return Err(Error::Malformed("bad VP8L signature"));
    }
    let mut bits = Bits { data: &data[1..], bit: 0 };
    let width = bits.read(14).ok_or(Error::Truncated)? + 1;
    let height = bits.read(14).ok_or(Error::Truncated)? + 1;
    let alpha_is_used = bits.read(1).ok_or(Error::Truncated)? == 1;
    let version = bits.read(3).ok_or(Error::Truncated)? as u8;
    if version != 0 {
        return Err(Error::Malformed("VP8L version must be 0"));
    }

    let mut transforms = [None; 4];
    let mut seen = 0u8;
    for slot in transforms.iter_mut() {
        match bits.read(1) {
            Some(1) => {}
            _ => break,
        }
        let kind = bits.read(2).ok_or(Error::Truncated)? as u8;
        if seen & (1 << kind) != 0 {
            return Err(Error::Malformed("VP8L transform used twice"));
        }
        seen |= 1 << kind;
        let t = match kind {
            0 => Transform::Predictor,
            1 => Transform::CrossColor,
            2 => Transform::SubtractGreen,
            _ => Transform::ColorIndexing,
        };
        // The remaining transform data is entropy coded; we only validate that the
        // size bits are sane, which needs the code-length order table.
        match t {
            Transform::Predictor | Transform::CrossColor => {
                let size_bits = bits.read(3).ok_or(Error::Truncated)? + 2;
                if !tables::valid_block_bits(size_bits) {
                    return Err(Error::Malformed("VP8L transform block size"));
                }
            }
            Transform::ColorIndexing => {
                let n = bits.read(8).ok_or(Error::Truncated)? + 1;
                let _ = tables::color_index_bits(n);
            }
            Transform::SubtractGreen => {}
        }
        *slot = Some(t);
        // Only the first transform's parameters are directly readable without
        // decoding prefix codes; stop here.
        if !matches!(t, Transform::SubtractGreen) {
            break;
        }
    }

    Ok(LosslessHeader { width, height, alpha_is_used, version, transforms })
}

/// Header of an extended (`VP8X`) file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtendedHeader {
    pub icc: bool,
    pub alpha: bool,
    pub exif: bool,
    pub xmp: bool,
    pub animation: bool,
    pub canvas_width: u32,
    pub canvas_height: u32,
}

pub fn parse_extended(data: &[u8]) -> Result<ExtendedHeader, Error> {
    if data.len() < 10 {
        return Err(Error::Truncated);
    }
    let flags = data[0];
    Ok(ExtendedHeader {
        icc: flags & 0x20 != 0,
        alpha: flags & 0x10 != 0,
        exif: flags & 0x08 != 0,
        xmp: flags & 0x04 != 0,
        animation: flags & 0x02 != 0,
        canvas_width: read_u24(&data[4..7]) + 1,
        canvas_height: read_u24(&data[7..10]) + 1,
    })
}

/// Global animation parameters (`ANIM`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AnimParams {
    pub background_bgra: u32,
    pub loop_count: u16,
}

pub fn parse_anim(data: &[u8]) -> Result<AnimParams, Error> {
    if data.len() < 6 {
        return Err(Error::Truncated);
    }
    Ok(AnimParams { background_bgra: read_u32(&data[0..4]), loop_count: read_u16(&data[4..6]) })
}

/// Frame header at the start of an `ANMF` chunk body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameHeader {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    pub duration_ms: u32,
    pub blend: bool,
    pub dispose_to_background: bool,
}

pub const FRAME_HEADER_LEN: usize = 16;

pub fn parse_frame(data: &[u8]) -> Result<FrameHeader, Error> {
    if data.len() < FRAME_HEADER_LEN {
        return Err(Error::Truncated);
    }
    let flags = data[15];
    Ok(FrameHeader {
        x: read_u24(&data[0..3]) * 2,
        y: read_u24(&data[3..6]) * 2,
        width: read_u24(&data[6..9]) + 1,
        height: read_u24(&data[9..12]) + 1,
        duration_ms: read_u24(&data[12..15]),
        blend: flags & 0x02 == 0,
        dispose_to_background: flags & 0x01 != 0,
    })
}
