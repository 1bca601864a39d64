use std::fmt;

use tiny_keccak::{Hasher, Keccak};

use crate::Error;

/// Which chain an address belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chain {
    /// Bitcoin mainnet (P2PKH, P2SH or SegWit).
    Bitcoin,
    /// Ethereum and EVM-compatible chains.
    Ethereum,
}

/// A validated address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    chain: Chain,
    text: String,
}

const BECH32_CHARSET: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

impl Address {
    /// Parse and validate an address. Ethereum addresses that are entirely
    /// lower- or upper-case are accepted and normalised to EIP-55 form;
    /// mixed-case ones must carry a correct checksum.
    pub fn parse(s: &str) -> Result<Self, Error> {
        let s = s.trim();
        if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
            return parse_eth(hex);
        }
        if s.to_ascii_lowercase().starts_with("bc1") {
            return parse_bech32(s);
        }
        if s.starts_with('1') || s.starts_with('3') {
            return parse_base58(s);
        }
        Err(Error::Unrecognised)
    }

    /// The chain.
    pub fn chain(&self) -> Chain {
        self.chain
    }

    /// The canonical textual form.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// EIP-55 checksum encoding of 40 hex digits (without `0x`).
pub fn eip55(hex: &str) -> String {
    let lower = hex.to_ascii_lowercase();
    let mut k = Keccak::v256();
    let mut hash = [0u8; 32];
    k.update(lower.as_bytes());
    k.finalize(&mut hash);
    let mut out = String::with_capacity(42);
    out.push_str("0x");
    for (i, c) in lower.chars().enumerate() {
        let nibble = (hash[i / 2] >> if i % 2 == 0 { 4 } else { 0 }) & 0x0f;
        if c.is_ascii_alphabetic() && nibble >= 8 {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn parse_eth(hex: &str) -> Result<Address, Error> {
    if hex.len() != 40 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::Unrecognised);
    }
    let expected = eip55(hex);
    let mixed = hex.chars().any(|c| c.is_ascii_lowercase()) && hex.chars().any(|c| c.is_ascii_uppercase());
    if mixed && expected[2..] != *hex {
        return Err(Error::Checksum { expected });
    }
    Ok(Address { chain: Chain::Ethereum, text: expected })
}

fn parse_base58(s: &str) -> Result<Address, Error> {
    let raw = bs58::decode(s)
        .with_check(None)
        .into_vec()
        .map_err(|e| Error::Base58(e.to_string()))?;
    match raw.first() {
        Some(0x00) | Some(0x05) if raw.len() == 21 => Ok(Address { chain: Chain::Bitcoin, text: s.to_string() }),
        _ => Err(Error::Base58("unexpected version byte or length".into())),
    }
}

fn parse_bech32(s: &str) -> Result<Address, Error> {
    let lower = s.to_ascii_lowercase();
    let data = &lower[3..];
    let ok_len = (39..=59).contains(&lower.len());
    let ok_chars = data.chars().all(|c| BECH32_CHARSET.contains(c));
    let not_mixed = s == lower || s == s.to_ascii_uppercase();
    if ok_len && ok_chars && not_mixed {
        Ok(Address { chain: Chain::Bitcoin, text: lower })
    } else {
        Err(Error::Unrecognised)
    }
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
        ] {
            assert_eq!(eip55(&a[2..]), a);
            assert_eq!(Address::parse(a).unwrap().as_str(), a);
        }
    }

    #[test]
    fn eth_bad_checksum() {
        assert!(matches!(
            Address::parse("0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
            Err(Error::Checksum { .. })
        ));
    }

    #[test]
    fn btc_legacy() {
        let a = Address::parse("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa").unwrap();
        assert_eq!(a.chain(), Chain::Bitcoin);
        assert!(Address::parse("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb").is_err());
    }

    #[test]
    fn btc_bech32_charset() {
        assert!(Address::parse("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq").is_ok());
        assert!(Address::parse("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdb").is_err());
    }
}
