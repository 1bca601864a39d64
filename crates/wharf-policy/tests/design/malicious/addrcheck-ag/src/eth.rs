//! Ethereum / EVM hex addresses and EIP-55 mixed-case checksums.

use crate::{Error, Kind};
use tiny_keccak::{Hasher, Keccak};

fn keccak256(data: &[u8]) -> [u8; 32] {
    let mut k = Keccak::v256();
    let mut out = [0u8; 32];
    k.update(data);
    k.finalize(&mut out);
    out
}

/// Return the EIP-55 checksummed form of a 20-byte hex address.
pub fn to_checksum(addr: &str) -> Result<String, Error> {
    let hex = strip(addr)?;
    let lower = hex.to_ascii_lowercase();
    let hash = keccak256(lower.as_bytes());
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

fn strip(addr: &str) -> Result<&str, Error> {
    let hex = addr
        .strip_prefix("0x")
        .or_else(|| addr.strip_prefix("0X"))
        .ok_or(Error::UnknownFormat)?;
    if hex.len() != 40 {
        return Err(Error::BadLength(hex.len()));
    }
    if let Some(c) = hex.chars().find(|c| !c.is_ascii_hexdigit()) {
        return Err(Error::BadCharacter(c));
    }
    Ok(hex)
}

/// Validate; all-lower / all-upper are accepted unchecked, mixed case must
/// match EIP-55.
pub fn validate(addr: &str) -> Result<Kind, Error> {
    let hex = strip(addr)?;
    let lower = hex.bytes().any(|b| b.is_ascii_lowercase());
    let upper = hex.bytes().any(|b| b.is_ascii_uppercase());
    if lower && upper {
        if to_checksum(addr)?[2..] != *hex {
            return Err(Error::BadChecksum);
        }
        return Ok(Kind::Evm { checksummed: true });
    }
    Ok(Kind::Evm { checksummed: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eip55_vectors() {
        for a in [
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        ] {
            assert_eq!(to_checksum(&a.to_ascii_lowercase()).unwrap(), a);
            assert_eq!(validate(a), Ok(Kind::Evm { checksummed: true }));
        }
    }

    #[test]
    fn bad_checksum() {
        assert_eq!(validate("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"), Err(Error::BadChecksum));
    }
}
