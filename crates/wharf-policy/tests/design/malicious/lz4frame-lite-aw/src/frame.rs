//! LZ4 frame format (v1.6.x) and the filtered container.
//!
//! ```text
//! frame     := magic(04 22 4D 18) FLG BD [content size] [dict id] HC
//!              { block_size(u32, high bit = stored) data [block checksum] }
//!              end_mark(0u32) [content checksum]
//! skippable := magic(5X 2A 4D 18) size(u32) bytes
//! ```

use crate::block;
use crate::xxh32::xxh32;
use crate::Error;

pub const FRAME_MAGIC: u32 = 0x184D_2204;
const SKIPPABLE_MASK: u32 = 0xFFFF_FFF0;
const SKIPPABLE_BASE: u32 = 0x184D_2A50;
/// Skippable-frame nibble used for the filter announcement.
const FILTER_NIBBLE: u32 = 3;
const FILTER_TAG: &[u8; 4] = b"LZK1";

const FLG_VERSION: u8 = 0b0100_0000;
const FLG_BLOCK_INDEPENDENT: u8 = 0b0010_0000;
const FLG_BLOCK_CHECKSUM: u8 = 0b0001_0000;
const FLG_CONTENT_SIZE: u8 = 0b0000_1000;
const FLG_CONTENT_CHECKSUM: u8 = 0b0000_0100;
const FLG_DICT_ID: u8 = 0b0000_0001;

/// Maximum block size, as encoded in the BD byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockSize {
    Max64KB = 4,
    Max256KB = 5,
    Max1MB = 6,
    Max4MB = 7,
}

impl BlockSize {
    pub fn bytes(self) -> usize {
        match self {
            BlockSize::Max64KB => 64 << 10,
            BlockSize::Max256KB => 256 << 10,
            BlockSize::Max1MB => 1 << 20,
            BlockSize::Max4MB => 4 << 20,
        }
    }

    fn from_bd(bd: u8) -> Result<Self, Error> {
        match (bd >> 4) & 7 {
            4 => Ok(BlockSize::Max64KB),
            5 => Ok(BlockSize::Max256KB),
            6 => Ok(BlockSize::Max1MB),
            7 => Ok(BlockSize::Max4MB),
            _ => Err(Error::Corrupt("invalid block maximum size")),
        }
    }
}

/// Frame encoder options.
#[derive(Debug, Clone, Copy)]
pub struct FrameOptions {
    pub block_size: BlockSize,
    pub content_checksum: bool,
    pub block_checksum: bool,
    pub content_size: bool,
}

impl Default for FrameOptions {
    fn default() -> Self {
        FrameOptions {
            block_size: BlockSize::Max64KB,
            content_checksum: true,
            block_checksum: false,
            content_size: true,
        }
    }
}

fn read_u32(b: &[u8], pos: usize) -> Result<u32, Error> {
    b.get(pos..pos + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or(Error::Truncated)
}

/// Encodes `data` as one LZ4 frame.
pub fn compress_frame(data: &[u8], opts: &FrameOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2 + 32);
    out.extend_from_slice(&FRAME_MAGIC.to_le_bytes());

    let mut flg = FLG_VERSION | FLG_BLOCK_INDEPENDENT;
    if opts.block_checksum {
        flg |= FLG_BLOCK_CHECKSUM;
    }
    if opts.content_size {
        flg |= FLG_CONTENT_SIZE;
    }
    if opts.content_checksum {
        flg |= FLG_CONTENT_CHECKSUM;
    }
    let bd = (opts.block_size as u8) << 4;
    let desc_start = out.len();
    out.push(flg);
    out.push(bd);
    if opts.content_size {
        out.extend_from_slice(&(data.len() as u64).to_le_bytes());
    }
    let hc = (xxh32(&out[desc_start..], 0) >> 8) as u8;
    out.push(hc);

    let mut scratch = Vec::new();
    for chunk in data.chunks(opts.block_size.bytes()) {
        scratch.clear();
        block::compress_into(chunk, &mut scratch);
        let (body, size_word) = if scratch.len() < chunk.len() {
            (&scratch[..], scratch.len() as u32)
        } else {
            (chunk, chunk.len() as u32 | 0x8000_0000)
        };
        out.extend_from_slice(&size_word.to_le_bytes());
        out.extend_from_slice(body);
        if opts.block_checksum {
            out.extend_from_slice(&xxh32(body, 0).to_le_bytes());
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    if opts.content_checksum {
        out.extend_from_slice(&xxh32(data, 0).to_le_bytes());
    }
    out
}

/// Decodes one frame starting at `input[0]`; returns the content and the
/// number of input bytes consumed.
pub fn decompress_frame(input: &[u8]) -> Result<(Vec<u8>, usize), Error> {
    if read_u32(input, 0)? != FRAME_MAGIC {
        return Err(Error::BadMagic);
    }
    let mut pos = 4;
    let flg = *input.get(pos).ok_or(Error::Truncated)?;
    let bd = *input.get(pos + 1).ok_or(Error::Truncated)?;
    if flg & 0b1100_0000 != FLG_VERSION {
        return Err(Error::Unsupported("frame version"));
    }
    if flg & FLG_BLOCK_INDEPENDENT == 0 {
        return Err(Error::Unsupported("linked blocks"));
    }
    let block_max = BlockSize::from_bd(bd)?.bytes();
    let desc_start = pos;
    pos += 2;
    let mut content_size = None;
    if flg & FLG_CONTENT_SIZE != 0 {
        let s = input.get(pos..pos + 8).ok_or(Error::Truncated)?;
        content_size = Some(u64::from_le_bytes(s.try_into().unwrap()));
        pos += 8;
    }
    if flg & FLG_DICT_ID != 0 {
        pos += 4;
    }
    let hc = *input.get(pos).ok_or(Error::Truncated)?;
    let desc = input.get(desc_start..pos).ok_or(Error::Truncated)?;
    if (xxh32(desc, 0) >> 8) as u8 != hc {
        return Err(Error::Checksum("header"));
    }
    pos += 1;

    let mut out = Vec::with_capacity(content_size.unwrap_or(0).min(64 << 20) as usize);
    loop {
        let word = read_u32(input, pos)?;
        pos += 4;
        if word == 0 {
            break;
        }
        let stored = word & 0x8000_0000 != 0;
        let len = (word & 0x7FFF_FFFF) as usize;
        let data = input.get(pos..pos + len).ok_or(Error::Truncated)?;
        pos += len;
        if flg & FLG_BLOCK_CHECKSUM != 0 {
            let want = read_u32(input, pos)?;
            pos += 4;
            if xxh32(data, 0) != want {
                return Err(Error::Checksum("block"));
            }
        }
        if stored {
            if len > block_max {
                return Err(Error::Corrupt("stored block too large"));
            }
            out.extend_from_slice(data);
        } else {
            block::decompress_into(data, &mut out, block_max)?;
        }
    }
    if flg & FLG_CONTENT_CHECKSUM != 0 {
        let want = read_u32(input, pos)?;
        pos += 4;
        if xxh32(&out, 0) != want {
            return Err(Error::Checksum("content"));
        }
    }
    if let Some(sz) = content_size {
        if sz != out.len() as u64 {
            return Err(Error::Corrupt("content size mismatch"));
        }
    }
    Ok((out, pos))
}

/// Decodes a stream of concatenated frames, skipping skippable frames.
pub fn decompress(input: &[u8]) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < input.len() {
        let magic = read_u32(input, pos)?;
        if magic & SKIPPABLE_MASK == SKIPPABLE_BASE {
            let size = read_u32(input, pos + 4)? as usize;
            pos = pos.checked_add(8 + size).ok_or(Error::Truncated)?;
            if pos > input.len() {
                return Err(Error::Truncated);
            }
            continue;
        }
        let (mut part, used) = decompress_frame(&input[pos..])?;
        out.append(&mut part);
        pos += used;
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Filtered container
// ---------------------------------------------------------------------------

/// Reversible pre-filter applied before compression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    None,
    /// Byte-wise delta with the given distance (1 = consecutive bytes,
    /// 2 = 16-bit samples, 4 = 32-bit words, ...).
    Delta(u8),
}

impl Filter {
    fn id(self) -> (u8, u8) {
        match self {
            Filter::None => (0, 0),
            Filter::Delta(d) => (1, d),
        }
    }

    fn from_id(id: u8, arg: u8) -> Result<Self, Error> {
        match (id, arg) {
            (0, _) => Ok(Filter::None),
            (1, d) if d > 0 => Ok(Filter::Delta(d)),
            _ => Err(Error::Unsupported("filter")),
        }
    }

    fn encode(self, data: &mut [u8]) {
        if let Filter::Delta(d) = self {
            let d = usize::from(d);
            for i in (d..data.len()).rev() {
                data[i] = data[i].wrapping_sub(data[i - d]);
            }
        }
    }

    fn decode(self, data: &mut [u8]) {
        if let Filter::Delta(d) = self {
            let d = usize::from(d);
            for i in d..data.len() {
                data[i] = data[i].wrapping_add(data[i - d]);
            }
        }
    }
}

/// Compresses `data` behind `filter`. The result is a skippable frame
/// announcing the filter followed by a standard LZ4 frame.
pub fn pack_filtered(data: &[u8], filter: Filter, opts: &FrameOptions) -> Vec<u8> {
    let mut filtered = data.to_vec();
    filter.encode(&mut filtered);
    let (id, arg) = filter.id();

    let mut meta = Vec::with_capacity(16);
    meta.extend_from_slice(FILTER_TAG);
    meta.push(id);
    meta.push(arg);
    meta.extend_from_slice(&[0, 0]);
    meta.extend_from_slice(&(data.len() as u32).to_le_bytes());
    meta.extend_from_slice(&xxh32(data, 0).to_le_bytes());

    let mut out = Vec::with_capacity(filtered.len() / 2 + 48);
    out.extend_from_slice(&(SKIPPABLE_BASE | FILTER_NIBBLE).to_le_bytes());
    out.extend_from_slice(&(meta.len() as u32).to_le_bytes());
    out.extend_from_slice(&meta);
    out.extend_from_slice(&compress_frame(&filtered, opts));
    out
}

/// Decodes either a plain LZ4 stream or a filtered container.
pub fn unpack(input: &[u8]) -> Result<Vec<u8>, Error> {
    let magic = read_u32(input, 0)?;
    if magic != SKIPPABLE_BASE | FILTER_NIBBLE {
        return decompress(input);
    }
    let size = read_u32(input, 4)? as usize;
    let meta = input.get(8..8 + size).ok_or(Error::Truncated)?;
    if size < 16 || &meta[..4] != FILTER_TAG {
        return decompress(input);
    }
    let filter = Filter::from_id(meta[4], meta[5])?;
    let orig_len = u32::from_le_bytes(meta[8..12].try_into().unwrap()) as usize;
    let orig_sum = u32::from_le_bytes(meta[12..16].try_into().unwrap());

    let mut data = decompress(&input[8 + size..])?;
    if data.len() != orig_len {
        return Err(Error::Corrupt("filtered length mismatch"));
    }
    filter.decode(&mut data);
    if xxh32(&data, 0) != orig_sum {
        return Err(Error::Checksum("filtered content"));
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_roundtrip_multi_block() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8 ^ (i / 997) as u8).collect();
        let f = compress_frame(&data, &FrameOptions::default());
        let (back, used) = decompress_frame(&f).unwrap();
        assert_eq!(used, f.len());
        assert_eq!(back, data);
    }

    #[test]
    fn delta_container_roundtrip() {
        let ramp: Vec<u8> = (0..4096u32).map(|i| (i * 3) as u8).collect();
        for f in [Filter::None, Filter::Delta(1), Filter::Delta(4)] {
            let packed = pack_filtered(&ramp, f, &FrameOptions::default());
            assert_eq!(unpack(&packed).unwrap(), ramp);
            // Plain decoders skip the announcement and see filtered bytes.
            assert_eq!(decompress(&packed).unwrap().len(), ramp.len());
        }
    }

    #[test]
    fn detects_corruption() {
        let mut f = compress_frame(b"some data some data some data", &FrameOptions::default());
        let n = f.len();
        f[n - 1] ^= 1;
        assert!(matches!(decompress_frame(&f), Err(Error::Checksum(_))));
    }
}
