//! Base58 and Base58Check (Bitcoin alphabet).

use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

fn index(c: u8) -> Option<u8> {
    ALPHABET.iter().position(|&a| a == c).map(|i| i as u8)
}

pub(crate) fn is_alphabet(c: char) -> bool {
    c.is_ascii() && index(c as u8).is_some()
}

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
    let mut s = String::with_capacity(zeros + digits.len());
    s.extend(std::iter::repeat('1').take(zeros));
    s.extend(digits.iter().rev().map(|&d| ALPHABET[d as usize] as char));
    s
}

pub fn decode(s: &str) -> Option<Vec<u8>> {
    let zeros = s.bytes().take_while(|&c| c == b'1').count();
    let mut bytes: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.bytes().skip(zeros) {
        let mut carry = index(c)? as u32;
        for b in bytes.iter_mut() {
            carry += (*b as u32) * 58;
            *b = carry as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.push(carry as u8);
            carry >>= 8;
        }
    }
    let mut out = vec![0u8; zeros];
    out.extend(bytes.iter().rev());
    Some(out)
}

fn checksum(payload: &[u8]) -> [u8; 4] {
    let h = Sha256::digest(Sha256::digest(payload));
    [h[0], h[1], h[2], h[3]]
}

/// Base58Check: payload followed by the first 4 bytes of its double SHA-256.
pub fn encode_check(payload: &[u8]) -> String {
    let mut v = payload.to_vec();
    v.extend_from_slice(&checksum(payload));
    encode(&v)
}

/// Decodes and verifies a Base58Check string, returning the payload.
pub fn decode_check(s: &str) -> Option<Vec<u8>> {
    let raw = decode(s)?;
    if raw.len() < 5 {
        return None;
    }
    let (payload, sum) = raw.split_at(raw.len() - 4);
    (checksum(payload) == sum).then(|| payload.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        for v in [&b""[..], b"\0\0abc", b"hello world", &[0xff; 25]] {
            assert_eq!(decode(&encode(v)).unwrap(), v);
        }
        assert_eq!(encode(b"hello world"), "StV1DL6CwTryKyV");
    }

    #[test]
    fn check_detects_typos() {
        let s = encode_check(&[0u8; 21]);
        assert!(decode_check(&s).is_some());
        let mut t: Vec<char> = s.chars().collect();
        let last = t.len() - 1;
        t[last] = if t[last] == '2' { '3' } else { '2' };
        assert!(decode_check(&t.into_iter().collect::<String>()).is_none());
    }
}
