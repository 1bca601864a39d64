//! Base58 and Base58Check (Bitcoin alphabet).

use crate::Error;
use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

fn index(c: u8) -> Option<u8> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u8)
}

/// Encode bytes.
pub fn encode(data: &[u8]) -> String {
    let zeros = data.iter().take_while(|&&b| b == 0).count();
    let mut digits: Vec<u8> = Vec::with_capacity(data.len() * 138 / 100 + 1);
    for &byte in &data[zeros..] {
        let mut carry = byte as u32;
        for d in digits.iter_mut() {
            carry += (*d as u32) << 8;
            *d = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let mut out = String::with_capacity(zeros + digits.len());
    out.extend(std::iter::repeat('1').take(zeros));
    out.extend(digits.iter().rev().map(|&d| ALPHABET[d as usize] as char));
    out
}

/// Decode a Base58 string.
pub fn decode(s: &str) -> Result<Vec<u8>, Error> {
    let bytes = s.as_bytes();
    let zeros = bytes.iter().take_while(|&&c| c == b'1').count();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    for &c in &bytes[zeros..] {
        let mut carry = index(c).ok_or(Error::Char(c as char))? as u32;
        for b in out.iter_mut() {
            carry += (*b as u32) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            out.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let mut res = vec![0u8; zeros];
    res.extend(out.iter().rev());
    Ok(res)
}

fn checksum(payload: &[u8]) -> [u8; 4] {
    let h = Sha256::digest(Sha256::digest(payload));
    [h[0], h[1], h[2], h[3]]
}

/// Encode `payload` with a 4-byte double-SHA256 checksum.
pub fn encode_check(payload: &[u8]) -> String {
    let mut v = payload.to_vec();
    v.extend_from_slice(&checksum(payload));
    encode(&v)
}

/// Decode and verify Base58Check; returns the payload (version byte included).
pub fn decode_check(s: &str) -> Result<Vec<u8>, Error> {
    let v = decode(s)?;
    if v.len() < 5 {
        return Err(Error::Length(v.len()));
    }
    let (payload, sum) = v.split_at(v.len() - 4);
    if checksum(payload) != sum {
        return Err(Error::Checksum);
    }
    Ok(payload.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let data = [0u8, 0, 1, 2, 3, 255];
        assert_eq!(decode(&encode(&data)).unwrap(), data);
    }

    #[test]
    fn known_vector() {
        assert_eq!(encode(b"hello world"), "StV1DL6CwTryKyV");
    }

    #[test]
    fn check_detects_corruption() {
        let s = encode_check(&[0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
        assert!(decode_check(&s).is_ok());
        let mut bad = s.into_bytes();
        let last = bad.len() - 1;
        bad[last] = if bad[last] == b'2' { b'3' } else { b'2' };
        assert!(decode_check(std::str::from_utf8(&bad).unwrap()).is_err());
    }
}
