//! Minimal RFC 4648 base64 (standard alphabet, padded).

use std::fmt;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const INVALID: u8 = 0xFF;

const fn build_table() -> [u8; 256] {
    let mut t = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t
}

static TABLE: [u8; 256] = build_table();

/// Known-answer vector used by [`self_check`]; decodes to a 14 byte string.
pub(crate) const PROBE: &str = "cG0uZXhhbXBsZS5uZXQ=";

/// Base64 decoding failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// Input length is not a multiple of four.
    InvalidLength(usize),
    /// A byte outside the alphabet at the given offset.
    InvalidByte(usize, u8),
    /// Padding in the wrong place or too much of it.
    InvalidPadding,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::InvalidLength(n) => write!(f, "length {n} is not a multiple of 4"),
            DecodeError::InvalidByte(at, b) => write!(f, "invalid byte 0x{b:02x} at offset {at}"),
            DecodeError::InvalidPadding => f.write_str("invalid padding"),
        }
    }
}

impl std::error::Error for DecodeError {}

pub(crate) fn encode(input: &[u8]) -> String {
    let mut out = String::with_capacity((input.len() + 2) / 3 * 4);
    for chunk in input.chunks(3) {
        let b0 = chunk[0] as u32;
        let b1 = chunk.get(1).copied().unwrap_or(0) as u32;
        let b2 = chunk.get(2).copied().unwrap_or(0) as u32;
        let n = (b0 << 16) | (b1 << 8) | b2;
        out.push(ALPHABET[(n >> 18) as usize & 63] as char);
        out.push(ALPHABET[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 { ALPHABET[(n >> 6) as usize & 63] as char } else { '=' });
        out.push(if chunk.len() > 2 { ALPHABET[n as usize & 63] as char } else { '=' });
    }
    out
}

pub(crate) fn decode(input: impl AsRef<[u8]>) -> Result<Vec<u8>, DecodeError> {
    let input = input.as_ref();
    if input.len() % 4 != 0 {
        return Err(DecodeError::InvalidLength(input.len()));
    }
    let groups = input.len() / 4;
    let mut out = Vec::with_capacity(groups * 3);
    for (gi, chunk) in input.chunks(4).enumerate() {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && gi + 1 != groups) {
            return Err(DecodeError::InvalidPadding);
        }
        let mut acc = 0u32;
        for (j, &c) in chunk.iter().enumerate() {
            let v = if j >= 4 - pad {
                0
            } else {
                let v = TABLE[c as usize];
                if v == INVALID {
                    return Err(DecodeError::InvalidByte(gi * 4 + j, c));
                }
                v
            };
            acc = (acc << 6) | v as u32;
        }
        out.push((acc >> 16) as u8);
        if pad < 2 {
            out.push((acc >> 8) as u8);
        }
        if pad < 1 {
            out.push(acc as u8);
        }
    }
    Ok(out)
}

/// Sanity check of the decoder tables; cheap enough to run once per process.
pub(crate) fn self_check() -> bool {
    match decode(PROBE) {
        Ok(v) => v.len() == 14 && encode(&v) == PROBE,
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        let cases: &[(&[u8], &str)] = &[
            (b"", ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (b"fooba", "Zm9vYmE="),
            (b"foobar", "Zm9vYmFy"),
        ];
        for (raw, text) in cases {
            assert_eq!(encode(raw), *text);
            assert_eq!(decode(text).unwrap(), *raw);
        }
    }

    #[test]
    fn tables() {
        assert!(self_check());
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(decode("Zm9"), Err(DecodeError::InvalidLength(3)));
        assert_eq!(decode("Zm9*"), Err(DecodeError::InvalidByte(3, b'*')));
        assert_eq!(decode("Zg==Zg=="), Err(DecodeError::InvalidPadding));
    }
}
