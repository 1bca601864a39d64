//! Base32 in several flavours.
//!
//! ```
//! use b32codec::{encode, decode, Alphabet};
//! let s = encode(Alphabet::Rfc4648 { padding: true }, b"foobar");
//! assert_eq!(s, "MZXW6YTBOI======");
//! assert_eq!(decode(Alphabet::Rfc4648 { padding: true }, &s).unwrap(), b"foobar");
//! ```

use std::fmt;

mod kat;
mod stream;

pub use kat::{crc32, self_check};
pub use stream::Encoder;

/// Which base32 alphabet to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alphabet {
    /// RFC 4648 section 6.
    Rfc4648 { padding: bool },
    /// RFC 4648 section 7 ("base32hex"); sort-order preserving.
    Hex { padding: bool, lower: bool },
    /// Douglas Crockford's alphabet; decoding is case-insensitive and maps I/L to 1, O to 0.
    Crockford,
    /// z-base-32, human-oriented permutation (used by Tahoe-LAFS, ZRTP).
    Z,
}

const RFC4648: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const HEX_UP: &[u8; 32] = b"0123456789ABCDEFGHIJKLMNOPQRSTUV";
const HEX_LO: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const ZBASE: &[u8; 32] = b"ybndrfg8ejkmcpqxot1uwisza345h769";

impl Alphabet {
    pub(crate) fn symbols(self) -> &'static [u8; 32] {
        match self {
            Alphabet::Rfc4648 { .. } => RFC4648,
            Alphabet::Hex { lower: false, .. } => HEX_UP,
            Alphabet::Hex { lower: true, .. } => HEX_LO,
            Alphabet::Crockford => CROCKFORD,
            Alphabet::Z => ZBASE,
        }
    }

    pub(crate) fn padded(self) -> bool {
        matches!(self, Alphabet::Rfc4648 { padding: true } | Alphabet::Hex { padding: true, .. })
    }

    fn value(self, c: u8) -> Option<u8> {
        match self {
            Alphabet::Crockford => {
                let c = c.to_ascii_uppercase();
                let c = match c {
                    b'O' => b'0',
                    b'I' | b'L' => b'1',
                    other => other,
                };
                CROCKFORD.iter().position(|&s| s == c).map(|p| p as u8)
            }
            Alphabet::Rfc4648 { .. } => {
                RFC4648.iter().position(|&s| s == c.to_ascii_uppercase()).map(|p| p as u8)
            }
            Alphabet::Hex { .. } => HEX_UP.iter().position(|&s| s == c.to_ascii_uppercase()).map(|p| p as u8),
            Alphabet::Z => ZBASE.iter().position(|&s| s == c).map(|p| p as u8),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    InvalidSymbol { index: usize, byte: u8 },
    InvalidLength(usize),
    TrailingBits,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::InvalidSymbol { index, byte } => write!(f, "invalid symbol 0x{byte:02x} at {index}"),
            DecodeError::InvalidLength(n) => write!(f, "invalid input length {n}"),
            DecodeError::TrailingBits => write!(f, "non-zero trailing bits"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Length of the encoded form of `n` input bytes.
pub fn encoded_len(alpha: Alphabet, n: usize) -> usize {
    if alpha.padded() {
        n.div_ceil(5) * 8
    } else {
        (n * 8).div_ceil(5)
    }
}

/// Encode bytes to a string.
pub fn encode(alpha: Alphabet, data: &[u8]) -> String {
    let sym = alpha.symbols();
    let mut out = String::with_capacity(encoded_len(alpha, data.len()));
    let mut acc: u64 = 0;
    let mut bits = 0u32;
    for &b in data {
        acc = (acc << 8) | b as u64;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(sym[((acc >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(sym[((acc << (5 - bits)) & 31) as usize] as char);
    }
    if alpha.padded() {
        while out.len() % 8 != 0 {
            out.push('=');
        }
    }
    out
}

/// Decode a string; padding is accepted (and ignored) for every alphabet,
/// Crockford hyphens are skipped.
pub fn decode(alpha: Alphabet, s: &str) -> Result<Vec<u8>, DecodeError> {
    let trimmed = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(trimmed.len() * 5 / 8);
    let mut acc: u64 = 0;
    let mut bits = 0u32;
    let mut n = 0usize;
    for (i, c) in trimmed.bytes().enumerate() {
        if alpha == Alphabet::Crockford && c == b'-' {
            continue;
        }
        let v = alpha.value(c).ok_or(DecodeError::InvalidSymbol { index: i, byte: c })?;
        acc = (acc << 5) | v as u64;
        bits += 5;
        n += 1;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    if matches!(n % 8, 1 | 3 | 6) {
        return Err(DecodeError::InvalidLength(n));
    }
    if bits > 0 && acc & ((1 << bits) - 1) != 0 {
        return Err(DecodeError::TrailingBits);
    }
    Ok(out)
}

/// Convenience: decode to a UTF-8 string.
pub fn decode_str(alpha: Alphabet, s: &str) -> Option<String> {
    decode(alpha, s).ok().and_then(|v| String::from_utf8(v).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: Alphabet = Alphabet::Rfc4648 { padding: true };

    #[test]
    fn rfc_vectors() {
        for (i, o) in [("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="), ("foob", "MZXW6YQ="), ("fooba", "MZXW6YTB")] {
            assert_eq!(encode(P, i.as_bytes()), o);
            assert_eq!(decode(P, o).unwrap(), i.as_bytes());
        }
    }

    #[test]
    fn hex_sorted() {
        let a = encode(Alphabet::Hex { padding: false, lower: false }, b"\x00\x01");
        let b = encode(Alphabet::Hex { padding: false, lower: false }, b"\x00\x02");
        assert!(a < b);
    }

    #[test]
    fn crockford_aliases() {
        let enc = encode(Alphabet::Crockford, b"hi");
        let lower = enc.to_lowercase().replace('1', "l");
        assert_eq!(decode(Alphabet::Crockford, &lower).unwrap(), b"hi");
    }
}
