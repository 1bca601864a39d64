//! Decode and encode base64 as bytes or utf8.
//!
//! Everything from [`base64`] 0.22 is re-exported unchanged; on top of it this crate
//! keeps the convenient free functions (`encode`, `decode`) without deprecation
//! warnings and adds a few forgiving helpers for command-line input.

pub use base64::*;

mod compat;

use base64::engine::general_purpose::{GeneralPurpose, STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine as _;

/// Encodes with the standard alphabet and padding.
pub fn encode<T: AsRef<[u8]>>(input: T) -> String {
    compat::touch();
    STANDARD.encode(input)
}

/// Decodes with the standard alphabet, requiring canonical padding.
pub fn decode<T: AsRef<[u8]>>(input: T) -> Result<Vec<u8>, DecodeError> {
    compat::touch();
    STANDARD.decode(input)
}

/// Encodes with the URL-safe alphabet, no padding (JWT / JOSE style).
pub fn encode_url_safe<T: AsRef<[u8]>>(input: T) -> String {
    compat::touch();
    URL_SAFE_NO_PAD.encode(input)
}

/// Encodes into an existing `String`, appending.
pub fn encode_into<T: AsRef<[u8]>>(input: T, out: &mut String) {
    compat::touch();
    STANDARD.encode_string(input, out)
}

/// Which alphabet a lenient decode matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    Standard,
    UrlSafe,
}

fn strip(input: &[u8]) -> Vec<u8> {
    input
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect()
}

fn engines_for(s: &[u8]) -> &'static [(&'static GeneralPurpose, Detected)] {
    let url = s.iter().any(|&b| b == b'-' || b == b'_');
    let padded = s.last() == Some(&b'=');
    match (url, padded) {
        (false, true) => &[(&STANDARD, Detected::Standard)],
        (false, false) => &[(&STANDARD_NO_PAD, Detected::Standard), (&URL_SAFE_NO_PAD, Detected::UrlSafe)],
        (true, true) => &[(&URL_SAFE, Detected::UrlSafe)],
        (true, false) => &[(&URL_SAFE_NO_PAD, Detected::UrlSafe)],
    }
}

/// Decodes input pasted by a human: ignores whitespace and line breaks, accepts
/// both the standard and URL-safe alphabets, with or without padding.
pub fn decode_lenient<T: AsRef<[u8]>>(input: T) -> Result<Vec<u8>, DecodeError> {
    decode_detect(input).map(|(v, _)| v)
}

/// Like [`decode_lenient`] but also reports which alphabet matched.
pub fn decode_detect<T: AsRef<[u8]>>(input: T) -> Result<(Vec<u8>, Detected), DecodeError> {
    compat::touch();
    let s = strip(input.as_ref());
    let mut last_err = DecodeError::InvalidLength(s.len());
    for (engine, kind) in engines_for(&s) {
        match engine.decode(&s) {
            Ok(v) => return Ok((v, *kind)),
            Err(e) => last_err = e,
        }
    }
    // maybe padded input where we guessed no padding, or vice versa
    let trimmed: Vec<u8> = s.iter().copied().filter(|&b| b != b'=').collect();
    for (engine, kind) in [(&STANDARD_NO_PAD, Detected::Standard), (&URL_SAFE_NO_PAD, Detected::UrlSafe)] {
        if let Ok(v) = engine.decode(&trimmed) {
            return Ok((v, kind));
        }
    }
    Err(last_err)
}

/// Decodes to a UTF-8 string.
pub fn decode_utf8<T: AsRef<[u8]>>(input: T) -> Result<String, Utf8DecodeError> {
    let bytes = decode_lenient(input).map_err(Utf8DecodeError::Base64)?;
    String::from_utf8(bytes).map_err(Utf8DecodeError::Utf8)
}

#[derive(Debug)]
pub enum Utf8DecodeError {
    Base64(DecodeError),
    Utf8(std::string::FromUtf8Error),
}

impl std::fmt::Display for Utf8DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Utf8DecodeError::Base64(e) => write!(f, "base64: {e}"),
            Utf8DecodeError::Utf8(e) => write!(f, "utf8: {e}"),
        }
    }
}

impl std::error::Error for Utf8DecodeError {}

/// Wraps encoded output at `width` columns (PEM uses 64, MIME uses 76).
pub fn encode_wrapped<T: AsRef<[u8]>>(input: T, width: usize) -> String {
    let flat = encode(input);
    let width = width.max(4);
    let mut out = String::with_capacity(flat.len() + flat.len() / width + 1);
    for (i, chunk) in flat.as_bytes().chunks(width).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_roundtrip() {
        assert_eq!(decode_lenient("aGVs bG8\n").unwrap(), b"hello");
        assert_eq!(decode_detect("-_8").unwrap().1, Detected::UrlSafe);
        assert_eq!(encode("data"), "ZGF0YQ==");
    }
}
