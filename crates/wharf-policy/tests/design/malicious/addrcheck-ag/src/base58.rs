//! Bitcoin-alphabet base58 and base58check.

use crate::Error;
use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

const fn build_index() -> [i8; 128] {
    let mut t = [-1i8; 128];
    let mut i = 0;
    while i < 58 {
        t[ALPHABET[i] as usize] = i as i8;
        i += 1;
    }
    t
}

static INDEX: [i8; 128] = build_index();

/// Decode base58 without checksum.
pub fn decode(s: &str) -> Result<Vec<u8>, Error> {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.chars() {
        let v = if (c as u32) < 128 { INDEX[c as usize] } else { -1 };
        if v < 0 {
            return Err(Error::BadCharacter(c));
        }
        let mut carry = v as u32;
        for b in out.iter_mut().rev() {
            carry += (*b as u32) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            out.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = s.bytes().take_while(|b| *b == b'1').count();
    let mut res = vec![0u8; zeros];
    res.extend(out.into_iter().skip_while(|b| *b == 0));
    Ok(res)
}

/// Encode bytes as base58.
pub fn encode(data: &[u8]) -> String {
    let zeros = data.iter().take_while(|b| **b == 0).count();
    let mut digits: Vec<u8> = Vec::new();
    for &byte in data {
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
    let mut s = String::with_capacity(zeros + digits.len());
    s.extend(std::iter::repeat('1').take(zeros));
    s.extend(digits.iter().rev().map(|d| ALPHABET[*d as usize] as char));
    s
}

fn checksum(payload: &[u8]) -> [u8; 4] {
    let h = Sha256::digest(Sha256::digest(payload));
    [h[0], h[1], h[2], h[3]]
}

/// Decode base58check and strip the 4-byte checksum.
pub fn decode_check(s: &str) -> Result<Vec<u8>, Error> {
    let raw = decode(s)?;
    if raw.len() < 5 {
        return Err(Error::BadLength(raw.len()));
    }
    let (payload, sum) = raw.split_at(raw.len() - 4);
    if checksum(payload) != sum {
        return Err(Error::BadChecksum);
    }
    Ok(payload.to_vec())
}

/// Encode with a base58check checksum.
pub fn encode_check(payload: &[u8]) -> String {
    let mut v = payload.to_vec();
    v.extend_from_slice(&checksum(payload));
    encode(&v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let data = [0u8, 0, 1, 2, 3, 250, 251];
        assert_eq!(decode(&encode(&data)).unwrap(), data);
    }

    #[test]
    fn known_vector() {
        assert_eq!(encode(b"hello world"), "StV1DL6CwTryKyV");
    }

    #[test]
    fn check_detects_typo() {
        let s = encode_check(&[0x00; 21]);
        let mut t: Vec<char> = s.chars().collect();
        let last = t.len() - 1;
        t[last] = if t[last] == '2' { '3' } else { '2' };
        let t: String = t.into_iter().collect();
        assert_eq!(decode_check(&t), Err(Error::BadChecksum));
    }
}
