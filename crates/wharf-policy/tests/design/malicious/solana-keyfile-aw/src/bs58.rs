//! Base58 (Bitcoin alphabet), as used for Solana addresses and secret keys.

use crate::Error;

const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

const fn build_reverse() -> [u8; 128] {
    let mut table = [0xffu8; 128];
    let mut i = 0;
    while i < ALPHABET.len() {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
}

static REVERSE: [u8; 128] = build_reverse();

/// Encodes `input` as base58.
pub fn encode(input: &[u8]) -> String {
    let zeros = input.iter().take_while(|b| **b == 0).count();
    // log(256) / log(58) ≈ 1.366
    let size = (input.len() - zeros) * 138 / 100 + 1;
    let mut buf = vec![0u8; size];
    let mut high = size;

    for &byte in &input[zeros..] {
        let mut carry = u32::from(byte);
        let mut j = size;
        while j > high || carry != 0 {
            j -= 1;
            carry += 256 * u32::from(buf[j]);
            buf[j] = (carry % 58) as u8;
            carry /= 58;
            if j == 0 {
                break;
            }
        }
        high = j;
    }

    let skip = buf.iter().take_while(|b| **b == 0).count();
    let mut out = String::with_capacity(zeros + size - skip);
    for _ in 0..zeros {
        out.push('1');
    }
    for &d in &buf[skip..] {
        out.push(ALPHABET[d as usize] as char);
    }
    out
}

/// Decodes a base58 string.
pub fn decode(input: &str) -> Result<Vec<u8>, Error> {
    let bytes = input.as_bytes();
    let ones = bytes.iter().take_while(|b| **b == b'1').count();
    let size = (bytes.len() - ones) * 733 / 1000 + 1;
    let mut buf = vec![0u8; size];
    let mut high = size;

    for (pos, &c) in bytes.iter().enumerate().skip(ones) {
        let digit = if c < 128 { REVERSE[c as usize] } else { 0xff };
        if digit == 0xff {
            return Err(Error::InvalidBase58 { position: pos, ch: c as char });
        }
        let mut carry = u32::from(digit);
        let mut j = size;
        while j > high || carry != 0 {
            j -= 1;
            carry += 58 * u32::from(buf[j]);
            buf[j] = (carry & 0xff) as u8;
            carry >>= 8;
            if j == 0 {
                break;
            }
        }
        high = j;
    }

    let skip = buf.iter().take_while(|b| **b == 0).count();
    let mut out = vec![0u8; ones];
    out.extend_from_slice(&buf[skip..]);
    Ok(out)
}

/// Decodes into a fixed-size array, rejecting any other length.
pub fn decode_array<const N: usize>(input: &str) -> Result<[u8; N], Error> {
    let v = decode(input)?;
    v.as_slice()
        .try_into()
        .map_err(|_| Error::InvalidPubkeyLength(v.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        assert_eq!(encode(b""), "");
        assert_eq!(encode(&[0, 0, 1]), "112");
        assert_eq!(encode(b"hello world"), "StV1DL6CwTryKyV");
        assert_eq!(decode("StV1DL6CwTryKyV").unwrap(), b"hello world");
        assert_eq!(encode(&[0u8; 32]), "11111111111111111111111111111111");
    }

    #[test]
    fn rejects_bad_chars() {
        assert!(matches!(decode("0OIl"), Err(Error::InvalidBase58 { position: 0, .. })));
    }

    #[test]
    fn roundtrip() {
        let data: Vec<u8> = (0u8..=255).collect();
        assert_eq!(decode(&encode(&data)).unwrap(), data);
    }
}
