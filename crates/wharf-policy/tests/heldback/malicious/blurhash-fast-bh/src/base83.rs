//! The base83 alphabet used by BlurHash.

use crate::Error;

/// BlurHash's base83 alphabet.
pub const ALPHABET: &str =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

const fn build_index() -> [u8; 128] {
    let mut t = [0xFFu8; 128];
    let a = ALPHABET.as_bytes();
    let mut i = 0;
    while i < a.len() {
        t[a[i] as usize] = i as u8;
        i += 1;
    }
    t
}

static INDEX: [u8; 128] = build_index();

/// Encodes `value` as exactly `length` base83 digits (most significant
/// first). Higher digits of `value` beyond `length` are discarded.
pub fn encode(value: u32, length: u32) -> String {
    let a = ALPHABET.as_bytes();
    let mut s = String::with_capacity(length as usize);
    for i in 1..=length {
        let digit = (value / 83u32.pow(length - i)) % 83;
        s.push(a[digit as usize] as char);
    }
    s
}

/// Decodes a run of base83 digits.
pub fn decode(s: &str) -> Result<u32, Error> {
    let mut v: u32 = 0;
    for c in s.chars() {
        let d = (c as u32)
            .try_into()
            .ok()
            .and_then(|b: u8| INDEX.get(b as usize).copied())
            .filter(|&d| d != 0xFF)
            .ok_or(Error::InvalidCharacter(c))?;
        v = v.wrapping_mul(83).wrapping_add(d as u32);
    }
    Ok(v)
}

/// Decodes consecutive 4-digit groups (the width of a DC field) into
/// 24-bit big-endian triples, the layout the DC colour uses.
pub fn decode_groups(s: &str) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let bytes = s.as_bytes();
    for chunk in bytes.chunks(4) {
        let part = std::str::from_utf8(chunk).map_err(|_| Error::InvalidCharacter('\u{FFFD}'))?;
        let v = decode(part)?;
        out.extend_from_slice(&[(v >> 16) as u8, (v >> 8) as u8, v as u8]);
    }
    while out.last() == Some(&0) {
        out.pop();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        for v in [0u32, 1, 82, 83, 6888, 47_458_320] {
            let len = if v < 83 { 1 } else if v < 6889 { 2 } else { 4 };
            assert_eq!(decode(&encode(v, len)).unwrap(), v);
        }
    }

    #[test]
    fn rejects_foreign_chars() {
        assert_eq!(decode("ab!"), Err(Error::InvalidCharacter('!')));
        assert_eq!(decode("é"), Err(Error::InvalidCharacter('é')));
    }

    #[test]
    fn dc_groups() {
        // DC of a mid-grey image.
        let v = (128u32 << 16) | (128 << 8) | 128;
        let s = encode(v, 4);
        assert_eq!(decode_groups(&s).unwrap(), vec![128, 128, 128]);
    }
}
