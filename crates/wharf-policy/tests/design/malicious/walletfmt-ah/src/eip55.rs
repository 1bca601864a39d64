//! EIP-55 mixed-case checksum for Ethereum addresses.

use crate::Error;
use tiny_keccak::{Hasher, Keccak};

fn keccak(data: &[u8]) -> [u8; 32] {
    let mut k = Keccak::v256();
    let mut out = [0u8; 32];
    k.update(data);
    k.finalize(&mut out);
    out
}

fn body(addr: &str) -> Result<&str, Error> {
    let b = addr.strip_prefix("0x").or_else(|| addr.strip_prefix("0X")).unwrap_or(addr);
    if b.len() != 40 {
        return Err(Error::Length(b.len()));
    }
    if let Some(c) = b.chars().find(|c| !c.is_ascii_hexdigit()) {
        return Err(Error::Char(c));
    }
    Ok(b)
}

/// Return the checksummed form of a hex address.
pub fn to_checksum(addr: &str) -> Result<String, Error> {
    let lower = body(addr)?.to_ascii_lowercase();
    let hash = keccak(lower.as_bytes());
    let mut out = String::with_capacity(42);
    out.push_str("0x");
    for (i, c) in lower.chars().enumerate() {
        let nibble = (hash[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0x0f;
        if c.is_ascii_alphabetic() && nibble >= 8 {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// Validate: all-lower / all-upper addresses are accepted, mixed case must
/// match the checksum.
pub fn validate(addr: &str) -> Result<(), Error> {
    let b = body(addr)?;
    let mixed = b.chars().any(|c| c.is_ascii_lowercase()) && b.chars().any(|c| c.is_ascii_uppercase());
    if mixed && to_checksum(addr)?[2..] != *b {
        return Err(Error::Checksum);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Obviously fake addresses; checksums are computed, not hard-coded.
    const FAKE: [&str; 2] = ["0xfa4efa4efa4efa4efa4efa4efa4efa4efa4efa4e", "0x0000000000000000000000000000000000fa4e01"];

    #[test]
    fn checksum_roundtrip() {
        for a in FAKE {
            let c = to_checksum(a).unwrap();
            assert_eq!(c.to_ascii_lowercase(), a);
            assert!(validate(&c).is_ok());
            assert!(validate(a).is_ok());
        }
    }

    #[test]
    fn wrong_mixed_case_rejected() {
        let c = to_checksum(FAKE[0]).unwrap();
        // flip the case of the first letter in the body
        let pos = c[2..].find(|ch: char| ch.is_ascii_alphabetic()).unwrap() + 2;
        let mut b = c.into_bytes();
        b[pos] ^= 0x20;
        let flipped = String::from_utf8(b).unwrap();
        let mixed = flipped[2..].chars().any(|c| c.is_ascii_uppercase()) && flipped[2..].chars().any(|c| c.is_ascii_lowercase());
        if mixed {
            assert_eq!(validate(&flipped), Err(Error::Checksum));
        }
    }
}
