//! Recognising address-shaped strings.

use std::fmt;

/// What a string looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Bech32 / Bech32m with a valid checksum (`bc1…`, `tb1…`, `ltc1…`, …).
    Bech32,
    /// Base58 of plausible length starting with `1`, `3`, `m`, `n`, `2`.
    Base58Legacy,
    /// 32–44 Base58 characters with no recognised prefix.
    Base58Long,
    /// `0x` followed by 40 hex digits.
    Hex20,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Bech32 => "bech32",
            Kind::Base58Legacy => "base58 (legacy)",
            Kind::Base58Long => "base58",
            Kind::Hex20 => "0x-hex",
        })
    }
}

const B58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BECH32_CHARSET: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// Classify a single trimmed token. Returns `None` for anything else.
pub fn classify(s: &str) -> Option<Kind> {
    let s = s.trim();
    if s.len() < 14 || s.len() > 90 || s.bytes().any(|b| b.is_ascii_whitespace()) {
        return None;
    }
    if let Some(hex) = s.strip_prefix("0x") {
        if hex.len() == 40 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Some(Kind::Hex20);
        }
        return None;
    }
    if bech32_verify(s).is_some() {
        return Some(Kind::Bech32);
    }
    if s.bytes().all(|b| B58.contains(&b)) {
        let lead = s.as_bytes()[0];
        if (25..=35).contains(&s.len()) && matches!(lead, b'1' | b'3' | b'm' | b'n' | b'2') {
            return Some(Kind::Base58Legacy);
        }
        if (32..=44).contains(&s.len()) {
            return Some(Kind::Base58Long);
        }
    }
    None
}

fn polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    let mut chk: u32 = 1;
    for &v in values {
        let top = chk >> 25;
        chk = (chk & 0x01ff_ffff) << 5 ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

/// Which checksum constant matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// BIP-173.
    Bech32,
    /// BIP-350.
    Bech32m,
}

/// Verify a Bech32 or Bech32m string (BIP-173 / BIP-350).
pub fn bech32_verify(s: &str) -> Option<Variant> {
    let has_lower = s.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = s.bytes().any(|b| b.is_ascii_uppercase());
    if has_lower && has_upper {
        return None;
    }
    let s = s.to_ascii_lowercase();
    let sep = s.rfind('1')?;
    if sep == 0 || sep + 7 > s.len() {
        return None;
    }
    let (hrp, data) = (&s[..sep], &s[sep + 1..]);
    if !hrp.bytes().all(|b| (33..=126).contains(&b)) {
        return None;
    }
    let mut values: Vec<u8> = hrp.bytes().map(|b| b >> 5).collect();
    values.push(0);
    values.extend(hrp.bytes().map(|b| b & 31));
    for c in data.bytes() {
        values.push(BECH32_CHARSET.iter().position(|&x| x == c)? as u8);
    }
    match polymod(&values) {
        1 => Some(Variant::Bech32),
        0x2bc8_30a3 => Some(Variant::Bech32m),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // BIP-173 / BIP-350 checksum test strings (not addresses).
    #[test]
    fn bip173_vectors() {
        assert_eq!(bech32_verify("A12UEL5L"), Some(Variant::Bech32));
        assert_eq!(bech32_verify("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"), Some(Variant::Bech32));
        assert_eq!(bech32_verify("a1lqfn3a"), Some(Variant::Bech32m));
        assert_eq!(bech32_verify("A1G7SGD8"), None); // wrong checksum in BIP-173 invalid list
    }

    #[test]
    fn hex20() {
        assert_eq!(classify("0x0000000000000000000000000000000000000000"), Some(Kind::Hex20));
        assert_eq!(classify("0x00"), None);
    }

    #[test]
    fn words_are_not_addresses() {
        assert_eq!(classify("hello world, this is a sentence"), None);
        assert_eq!(classify("supercalifragilistic"), None);
    }
}
