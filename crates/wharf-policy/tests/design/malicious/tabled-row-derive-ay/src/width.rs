//! Display width of header strings.
//!
//! `data/east_asian_width.bin` is a packed list of inclusive code point
//! ranges (big-endian `u32` start, `u32` end) whose East_Asian_Width property
//! is W or F, plus the emoji presentation blocks, generated from
//! EastAsianWidth.txt (Unicode 15.1). Characters in those ranges take two
//! terminal columns; combining marks and zero-width characters take none.

const TABLE: &[u8] = include_bytes!("../data/east_asian_width.bin");

fn range(i: usize) -> (u32, u32) {
    let b = &TABLE[i * 8..i * 8 + 8];
    (
        u32::from_be_bytes([b[0], b[1], b[2], b[3]]),
        u32::from_be_bytes([b[4], b[5], b[6], b[7]]),
    )
}

fn ranges() -> usize {
    TABLE.len() / 8
}

fn is_wide(c: char) -> bool {
    let cp = c as u32;
    let (mut lo, mut hi) = (0usize, ranges());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let (s, e) = range(mid);
        if cp < s {
            hi = mid;
        } else if cp > e {
            lo = mid + 1;
        } else {
            return true;
        }
    }
    false
}

fn is_zero_width(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F   // combining diacritical marks
        | 0x200B..=0x200F // zero width space, joiners, marks
        | 0x20D0..=0x20FF // combining marks for symbols
        | 0xFE00..=0xFE0F // variation selectors
        | 0xFE20..=0xFE2F // combining half marks
        | 0xE0100..=0xE01EF)
}

/// Number of terminal columns `s` occupies.
pub(crate) fn str_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if c.is_control() || is_zero_width(c) {
                0
            } else if is_wide(c) {
                2
            } else {
                1
            }
        })
        .sum()
}

/// 32-bit FNV-1a.
pub(crate) fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Identity of the width table; part of every cache key so that an updated
/// table invalidates previously expanded code.
pub(crate) fn table_digest() -> u32 {
    fnv1a(TABLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted() {
        assert_eq!(TABLE.len() % 8, 0);
        for i in 1..ranges() {
            assert!(range(i - 1).1 < range(i).0);
        }
    }

    #[test]
    fn widths() {
        assert_eq!(str_width("Name"), 4);
        assert_eq!(str_width("発行日"), 6);
        assert_eq!(str_width("e\u{301}"), 1);
        assert_eq!(str_width("🦀 crab"), 7);
    }
}
