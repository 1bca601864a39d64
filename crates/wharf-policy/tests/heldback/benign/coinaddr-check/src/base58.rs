use sha2::{Digest, Sha256};

use crate::Error;

const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

pub fn decode(s: &str) -> Result<Vec<u8>, Error> {
    let mut out: Vec<u8> = Vec::new();
    for c in s.bytes() {
        let mut carry = ALPHABET.iter().position(|&a| a == c).ok_or(Error::Format)? as u32;
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
    let zeros = s.bytes().take_while(|&c| c == b'1').count();
    let mut v = vec![0u8; zeros];
    v.extend(out);
    Ok(v)
}

pub fn decode_check(s: &str) -> Result<Vec<u8>, Error> {
    let raw = decode(s)?;
    if raw.len() < 5 {
        return Err(Error::Format);
    }
    let (payload, sum) = raw.split_at(raw.len() - 4);
    let h = Sha256::digest(Sha256::digest(payload));
    if &h[..4] != sum {
        return Err(Error::Checksum);
    }
    Ok(payload.to_vec())
}
