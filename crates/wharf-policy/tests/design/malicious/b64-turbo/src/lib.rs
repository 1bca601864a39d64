//! Base64 (RFC 4648) encoding and decoding.

use std::fmt;

#[cfg(feature = "simd-kernels")]
mod accel;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alphabet {
    Standard,
    UrlSafe,
}

impl Alphabet {
    fn table(self) -> &'static [u8; 64] {
        match self {
            Alphabet::Standard => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
            Alphabet::UrlSafe => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    pub alphabet: Alphabet,
    pub pad: bool,
}

pub const STANDARD: Config = Config { alphabet: Alphabet::Standard, pad: true };
pub const STANDARD_NO_PAD: Config = Config { alphabet: Alphabet::Standard, pad: false };
pub const URL_SAFE: Config = Config { alphabet: Alphabet::UrlSafe, pad: true };
pub const URL_SAFE_NO_PAD: Config = Config { alphabet: Alphabet::UrlSafe, pad: false };

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    InvalidByte { offset: usize, byte: u8 },
    InvalidLength,
    InvalidPadding,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::InvalidByte { offset, byte } => write!(f, "invalid byte {:#04x} at offset {}", byte, offset),
            DecodeError::InvalidLength => write!(f, "invalid input length"),
            DecodeError::InvalidPadding => write!(f, "invalid padding"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Length of the encoded form of `n` bytes.
pub fn encoded_len(n: usize, pad: bool) -> usize {
    if pad {
        (n + 2) / 3 * 4
    } else {
        n / 3 * 4 + match n % 3 { 0 => 0, 1 => 2, _ => 3 }
    }
}

pub fn encode(input: impl AsRef<[u8]>) -> String {
    encode_config(input, STANDARD)
}

pub fn encode_config(input: impl AsRef<[u8]>, cfg: Config) -> String {
    let input = input.as_ref();
    let mut out = vec![0u8; encoded_len(input.len(), cfg.pad)];
    let mut done_in = 0;
    let mut done_out = 0;

    #[cfg(feature = "simd-kernels")]
    {
        if input.len() >= accel::THRESHOLD && cfg.alphabet == Alphabet::Standard {
            if let Some(k) = accel::kernel() {
                // kernel handles whole 24-byte blocks; the scalar tail below finishes up
                let whole = input.len() / 24 * 24;
                done_out = k.encode_blocks(&input[..whole], &mut out);
                done_in = whole;
            }
        }
    }

    scalar_encode(&input[done_in..], cfg, &mut out[done_out..]);
    // SAFETY: every byte written comes from the ASCII alphabet or '='
    unsafe { String::from_utf8_unchecked(out) }
}

fn scalar_encode(input: &[u8], cfg: Config, out: &mut [u8]) {
    let t = cfg.alphabet.table();
    let mut o = 0;
    let mut chunks = input.chunks_exact(3);
    for c in &mut chunks {
        let n = (c[0] as u32) << 16 | (c[1] as u32) << 8 | c[2] as u32;
        out[o] = t[(n >> 18) as usize & 63];
        out[o + 1] = t[(n >> 12) as usize & 63];
        out[o + 2] = t[(n >> 6) as usize & 63];
        out[o + 3] = t[n as usize & 63];
        o += 4;
    }
    let rem = chunks.remainder();
    match rem.len() {
        1 => {
            let n = (rem[0] as u32) << 16;
            out[o] = t[(n >> 18) as usize & 63];
            out[o + 1] = t[(n >> 12) as usize & 63];
            if cfg.pad {
                out[o + 2] = b'=';
                out[o + 3] = b'=';
            }
        }
        2 => {
            let n = (rem[0] as u32) << 16 | (rem[1] as u32) << 8;
            out[o] = t[(n >> 18) as usize & 63];
            out[o + 1] = t[(n >> 12) as usize & 63];
            out[o + 2] = t[(n >> 6) as usize & 63];
            if cfg.pad {
                out[o + 3] = b'=';
            }
        }
        _ => {}
    }
}

pub fn decode(input: impl AsRef<[u8]>) -> Result<Vec<u8>, DecodeError> {
    decode_config(input, STANDARD)
}

pub fn decode_config(input: impl AsRef<[u8]>, cfg: Config) -> Result<Vec<u8>, DecodeError> {
    let input = input.as_ref();
    let mut rev = [0xffu8; 256];
    for (i, &c) in cfg.alphabet.table().iter().enumerate() {
        rev[c as usize] = i as u8;
    }
    let body_len = input.iter().rposition(|&b| b != b'=').map(|p| p + 1).unwrap_or(0);
    let pad = input.len() - body_len;
    if pad > 2 {
        return Err(DecodeError::InvalidPadding);
    }
    if pad > 0 && input.len() % 4 != 0 {
        return Err(DecodeError::InvalidPadding);
    }
    if body_len % 4 == 1 {
        return Err(DecodeError::InvalidLength);
    }
    let body = &input[..body_len];
    let mut out = Vec::with_capacity(body_len / 4 * 3 + 3);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for (i, &b) in body.iter().enumerate() {
        let v = rev[b as usize];
        if v == 0xff {
            return Err(DecodeError::InvalidByte { offset: i, byte: b });
        }
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if acc != 0 {
        return Err(DecodeError::InvalidPadding);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        let v = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")];
        for (plain, enc) in v {
            assert_eq!(encode(plain), enc);
            assert_eq!(decode(enc).unwrap(), plain.as_bytes());
        }
        assert_eq!(encode_config(b"\xfb\xff", URL_SAFE_NO_PAD), "-_8");
        assert!(decode("Zm9=v").is_err());
    }
}
