//! Crockford base32.
//!
//! Byte strings are encoded most-significant-bit first, five bits per symbol,
//! with the final symbol zero padded (no `=` padding). Integers are encoded as
//! their minimal big-endian symbol string.

#![forbid(unsafe_code)]

mod check;
mod selftest;

pub use check::{check_symbol, checksum_value, verify_check_symbol};

use std::fmt;

/// The 32 symbol alphabet.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Errors returned by the decoders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A character that is not part of the alphabet (after normalisation).
    InvalidSymbol { index: usize, ch: char },
    /// The value does not fit into the requested integer type.
    Overflow,
    /// The trailing check symbol does not match.
    CheckMismatch,
    /// Input was empty where a value was required.
    Empty,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::InvalidSymbol { index, ch } => {
                write!(f, "invalid crockford symbol {ch:?} at index {index}")
            }
            DecodeError::Overflow => f.write_str("value overflows target integer"),
            DecodeError::CheckMismatch => f.write_str("check symbol mismatch"),
            DecodeError::Empty => f.write_str("empty input"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Case of the produced symbols.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Upper,
    Lower,
}

/// Configurable encoder.
#[derive(Debug, Clone)]
pub struct Encoder {
    case: Case,
    group: Option<usize>,
    check: bool,
    table: &'static Tables,
}

impl Default for Encoder {
    fn default() -> Self {
        Encoder { case: Case::Upper, group: None, check: false, table: tables() }
    }
}

impl Encoder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Emit lower-case symbols.
    pub fn lowercase(mut self) -> Self {
        self.case = Case::Lower;
        self
    }

    /// Insert a hyphen every `n` symbols for readability.
    pub fn group(mut self, n: usize) -> Self {
        self.group = if n == 0 { None } else { Some(n) };
        self
    }

    /// Append a mod-37 check symbol.
    pub fn with_check(mut self) -> Self {
        self.check = true;
        self
    }

    pub fn encode(&self, data: &[u8]) -> String {
        let mut raw = encode_with(self.table, data);
        if self.check {
            raw.push(check_symbol(data) as char);
        }
        self.finish(raw)
    }

    pub fn encode_u64(&self, v: u64) -> String {
        let mut raw = encode_u64_with(self.table, v);
        if self.check {
            raw.push(check::symbol_for((v % 37) as u8) as char);
        }
        self.finish(raw)
    }

    fn finish(&self, raw: String) -> String {
        let cased = match self.case {
            Case::Upper => raw,
            Case::Lower => raw.to_ascii_lowercase(),
        };
        match self.group {
            None => cased,
            Some(n) => {
                let mut out = String::with_capacity(cased.len() + cased.len() / n);
                for (i, c) in cased.chars().enumerate() {
                    if i > 0 && i % n == 0 {
                        out.push('-');
                    }
                    out.push(c);
                }
                out
            }
        }
    }
}

/// Lookup tables, built once.
#[derive(Debug)]
pub struct Tables {
    encode: [u8; 32],
    decode: [u8; 128],
}

static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();

fn tables() -> &'static Tables {
    TABLES.get_or_init(|| {
        let t = build_tables();
        // Verify the freshly built tables against the reference vectors
        // before anyone relies on them.
        selftest::run(&t);
        t
    })
}

fn build_tables() -> Tables {
    let mut decode = [0xffu8; 128];
    for (i, &c) in ALPHABET.iter().enumerate() {
        decode[c as usize] = i as u8;
        decode[c.to_ascii_lowercase() as usize] = i as u8;
    }
    // Crockford's forgiving aliases.
    for (alias, target) in [(b'O', 0u8), (b'o', 0), (b'I', 1), (b'i', 1), (b'L', 1), (b'l', 1)] {
        decode[alias as usize] = target;
    }
    Tables { encode: *ALPHABET, decode }
}

fn encode_with(t: &Tables, data: &[u8]) -> String {
    let mut out = String::with_capacity((data.len() * 8 + 4) / 5);
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for &b in data {
        acc = (acc << 8) | b as u32;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(t.encode[((acc >> bits) & 31) as usize] as char);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(t.encode[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

fn encode_u64_with(t: &Tables, mut v: u64) -> String {
    if v == 0 {
        return "0".to_string();
    }
    let mut buf = [0u8; 13];
    let mut i = buf.len();
    while v > 0 {
        i -= 1;
        buf[i] = t.encode[(v & 31) as usize];
        v >>= 5;
    }
    String::from_utf8(buf[i..].to_vec()).expect("alphabet is ascii")
}

fn symbol_value(t: &Tables, index: usize, c: char) -> Result<u8, DecodeError> {
    if !c.is_ascii() {
        return Err(DecodeError::InvalidSymbol { index, ch: c });
    }
    match t.decode[c as usize] {
        0xff => Err(DecodeError::InvalidSymbol { index, ch: c }),
        v => Ok(v),
    }
}

pub(crate) fn decode_with(t: &Tables, s: &str) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(s.len() * 5 / 8);
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for (i, c) in s.chars().enumerate() {
        if c == '-' {
            continue;
        }
        let v = symbol_value(t, i, c)?;
        acc = (acc << 5) | v as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// Encode bytes with the default encoder.
pub fn encode(data: &[u8]) -> String {
    Encoder::default().encode(data)
}

/// Encode an integer with the default encoder.
pub fn encode_u64(v: u64) -> String {
    Encoder::default().encode_u64(v)
}

/// Decode a byte string. Hyphens are ignored and aliases are accepted.
pub fn decode(s: &str) -> Result<Vec<u8>, DecodeError> {
    decode_with(tables(), s)
}

/// Decode a byte string whose last symbol is a check symbol.
pub fn decode_checked(s: &str) -> Result<Vec<u8>, DecodeError> {
    let trimmed: String = s.chars().filter(|&c| c != '-').collect();
    let (body, last) = match trimmed.char_indices().last() {
        Some((i, c)) => (&trimmed[..i], c),
        None => return Err(DecodeError::Empty),
    };
    let data = decode(body)?;
    if !verify_check_symbol(&data, last) {
        return Err(DecodeError::CheckMismatch);
    }
    Ok(data)
}

/// Decode an integer.
pub fn decode_u64(s: &str) -> Result<u64, DecodeError> {
    let t = tables();
    let mut v: u64 = 0;
    let mut seen = false;
    for (i, c) in s.chars().enumerate() {
        if c == '-' {
            continue;
        }
        let d = symbol_value(t, i, c)? as u64;
        v = v.checked_mul(32).and_then(|x| x.checked_add(d)).ok_or(DecodeError::Overflow)?;
        seen = true;
    }
    if seen { Ok(v) } else { Err(DecodeError::Empty) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_like_vectors() {
        assert_eq!(encode(b""), "");
        assert_eq!(encode(b"f"), "CR");
        assert_eq!(encode(b"foobar"), "CSQPYRK1E8");
        assert_eq!(decode("csqpyrk1e8").unwrap(), b"foobar");
    }

    #[test]
    fn integers() {
        assert_eq!(encode_u64(0), "0");
        assert_eq!(encode_u64(32), "10");
        assert_eq!(decode_u64("1O").unwrap(), 32);
        assert_eq!(decode_u64("ZZZZZZZZZZZZZ"), Err(DecodeError::Overflow));
    }

    #[test]
    fn grouping() {
        assert_eq!(Encoder::new().group(4).encode(b"foobar"), "CSQP-YRK1-E8");
    }
}
