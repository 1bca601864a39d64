//! Ethereum addresses with EIP-55 mixed-case checksums.

use tiny_keccak::{Hasher, Keccak};

fn keccak256(data: &[u8]) -> [u8; 32] {
    let mut k = Keccak::v256();
    let mut out = [0u8; 32];
    k.update(data);
    k.finalize(&mut out);
    out
}

/// EIP-55 spelling of a 20-byte address, with `0x` prefix.
pub fn to_checksum(addr: &[u8; 20]) -> String {
    let hex_lower: String = addr.iter().map(|b| format!("{b:02x}")).collect();
    let h = keccak256(hex_lower.as_bytes());
    let mut s = String::with_capacity(42);
    s.push_str("0x");
    for (i, c) in hex_lower.chars().enumerate() {
        let nibble = (h[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0x0f;
        if c.is_ascii_alphabetic() && nibble >= 8 {
            s.push(c.to_ascii_uppercase());
        } else {
            s.push(c);
        }
    }
    s
}

/// Parses `0x` + 40 hex digits. All-lower or all-upper input is accepted
/// without a checksum; mixed case must match EIP-55 exactly.
/// Returns the bytes and whether a checksum was present.
pub fn parse(s: &str) -> Option<([u8; 20], bool)> {
    let body = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X"))?;
    if body.len() != 40 || !body.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0u8; 20];
    for (i, pair) in body.as_bytes().chunks(2).enumerate() {
        let hi = (pair[0] as char).to_digit(16)? as u8;
        let lo = (pair[1] as char).to_digit(16)? as u8;
        out[i] = (hi << 4) | lo;
    }
    let has_lower = body.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = body.bytes().any(|b| b.is_ascii_uppercase());
    if has_lower && has_upper {
        if to_checksum(&out)[2..] != *body {
            return None;
        }
        return Some((out, true));
    }
    Some((out, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_roundtrip() {
        let a = [0x5au8; 20];
        let s = to_checksum(&a);
        assert_eq!(parse(&s), Some((a, s.bytes().any(|b| b.is_ascii_uppercase()))));
        assert_eq!(parse(&s.to_ascii_lowercase()).map(|x| x.0), Some(a));
    }

    #[test]
    fn bad_checksum_rejected() {
        let s = to_checksum(&[0xabu8; 20]);
        // Flip the case of the first letter to break the checksum.
        let i = s[2..].find(|c: char| c.is_ascii_alphabetic()).unwrap() + 2;
        let mut b = s.into_bytes();
        b[i] ^= 0x20;
        let t = String::from_utf8(b).unwrap();
        if t[2..].bytes().any(|c| c.is_ascii_lowercase()) && t[2..].bytes().any(|c| c.is_ascii_uppercase()) {
            assert!(parse(&t).is_none());
        }
    }
}
