//! Address validation: Base58Check, Bech32/Bech32m (BIP-173/BIP-350) and
//! EIP-55.

use sha2::{Digest, Sha256};
use sha3::Keccak256;
use std::fmt;

/// Which chain an address belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chain {
    Bitcoin,
    BitcoinTestnet,
    Ethereum,
}

/// How the address is encoded and, where known, what it pays to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Base58Check version 0x00 / 0x6f.
    P2pkh,
    /// Base58Check version 0x05 / 0xc4.
    P2sh,
    /// Bech32, witness v0, 20-byte program.
    P2wpkh,
    /// Bech32, witness v0, 32-byte program.
    P2wsh,
    /// Bech32m, witness v1, 32-byte program.
    P2tr,
    /// 20 bytes of hex; `checksummed` is true if mixed case and valid.
    Hex { checksummed: bool },
}

/// A validated address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub text: String,
    pub chain: Chain,
    pub encoding: Encoding,
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let chain = match self.chain {
            Chain::Bitcoin => "Bitcoin",
            Chain::BitcoinTestnet => "Bitcoin testnet",
            Chain::Ethereum => "Ethereum",
        };
        let enc = match self.encoding {
            Encoding::P2pkh => "Base58Check, P2PKH",
            Encoding::P2sh => "Base58Check, P2SH",
            Encoding::P2wpkh => "Bech32, P2WPKH",
            Encoding::P2wsh => "Bech32, P2WSH",
            Encoding::P2tr => "Bech32m, P2TR",
            Encoding::Hex { checksummed: true } => "EIP-55 checksummed",
            Encoding::Hex { checksummed: false } => "hex, no checksum",
        };
        write!(f, "{} ({}) {}", chain, enc, self.text)
    }
}

/// Why a string is not a valid address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    Unrecognized,
    BadCharacter(char),
    BadChecksum,
    BadLength(usize),
    BadVersion(u8),
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Invalid::Unrecognized => f.write_str("not a recognised address format"),
            Invalid::BadCharacter(c) => write!(f, "invalid character {:?}", c),
            Invalid::BadChecksum => f.write_str("checksum mismatch (typo or tampering)"),
            Invalid::BadLength(n) => write!(f, "unexpected payload length {}", n),
            Invalid::BadVersion(v) => write!(f, "unknown version byte 0x{:02x}", v),
        }
    }
}

impl std::error::Error for Invalid {}

/// Validates and classifies an address.
pub fn classify(input: &str) -> Result<Address, Invalid> {
    let s = input.trim();
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("0x") {
        return eth(s);
    }
    if lower.starts_with("bc1") || lower.starts_with("tb1") {
        return segwit(s);
    }
    base58check(s)
}

// ---------------------------------------------------------------- Base58

const B58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

fn b58_decode(s: &str) -> Result<Vec<u8>, Invalid> {
    let mut bytes: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.chars() {
        let v = B58.iter().position(|&b| b as char == c).ok_or(Invalid::BadCharacter(c))? as u32;
        let mut carry = v;
        for b in bytes.iter_mut().rev() {
            carry += (*b as u32) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = s.chars().take_while(|&c| c == '1').count();
    let mut out = vec![0u8; zeros];
    out.extend(bytes);
    Ok(out)
}

fn base58check(s: &str) -> Result<Address, Invalid> {
    if !(25..=35).contains(&s.len()) {
        return Err(Invalid::Unrecognized);
    }
    let raw = b58_decode(s)?;
    if raw.len() != 25 {
        return Err(Invalid::BadLength(raw.len()));
    }
    let (body, check) = raw.split_at(21);
    let digest = Sha256::digest(Sha256::digest(body));
    if &digest[..4] != check {
        return Err(Invalid::BadChecksum);
    }
    let (chain, encoding) = match body[0] {
        0x00 => (Chain::Bitcoin, Encoding::P2pkh),
        0x05 => (Chain::Bitcoin, Encoding::P2sh),
        0x6f => (Chain::BitcoinTestnet, Encoding::P2pkh),
        0xc4 => (Chain::BitcoinTestnet, Encoding::P2sh),
        v => return Err(Invalid::BadVersion(v)),
    };
    Ok(Address { text: s.to_string(), chain, encoding })
}

// ---------------------------------------------------------------- Bech32

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BECH32_CONST: u32 = 1;
const BECH32M_CONST: u32 = 0x2bc8_30a3;

fn polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    let mut chk: u32 = 1;
    for &v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ v as u32;
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn hrp_expand(hrp: &str) -> Vec<u8> {
    let mut v: Vec<u8> = hrp.bytes().map(|b| b >> 5).collect();
    v.push(0);
    v.extend(hrp.bytes().map(|b| b & 31));
    v
}

fn convert_bits(data: &[u8], from: u32, to: u32) -> Option<Vec<u8>> {
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    let mut out = Vec::new();
    let maxv = (1u32 << to) - 1;
    for &v in data {
        acc = (acc << from) | v as u32;
        bits += from;
        while bits >= to {
            bits -= to;
            out.push(((acc >> bits) & maxv) as u8);
        }
    }
    if bits >= from || ((acc << (to - bits)) & maxv) != 0 {
        return None;
    }
    Some(out)
}

fn segwit(s: &str) -> Result<Address, Invalid> {
    if s.chars().any(|c| c.is_ascii_lowercase()) && s.chars().any(|c| c.is_ascii_uppercase()) {
        return Err(Invalid::BadCharacter('A'));
    }
    let s_l = s.to_ascii_lowercase();
    let pos = s_l.rfind('1').ok_or(Invalid::Unrecognized)?;
    let (hrp, data) = (&s_l[..pos], &s_l[pos + 1..]);
    if data.len() < 6 || s_l.len() > 90 {
        return Err(Invalid::BadLength(s_l.len()));
    }
    let mut values = Vec::with_capacity(data.len());
    for c in data.chars() {
        let v = CHARSET.iter().position(|&b| b as char == c).ok_or(Invalid::BadCharacter(c))?;
        values.push(v as u8);
    }
    let mut all = hrp_expand(hrp);
    all.extend(&values);
    let constant = polymod(&all);
    let version = values[0];
    let expected = if version == 0 { BECH32_CONST } else { BECH32M_CONST };
    if constant != expected {
        return Err(Invalid::BadChecksum);
    }
    let program = convert_bits(&values[1..values.len() - 6], 5, 8).ok_or(Invalid::BadChecksum)?;
    let encoding = match (version, program.len()) {
        (0, 20) => Encoding::P2wpkh,
        (0, 32) => Encoding::P2wsh,
        (1, 32) => Encoding::P2tr,
        (v, n) if v > 16 => return Err(Invalid::BadVersion(v)),
        (_, n) => return Err(Invalid::BadLength(n)),
    };
    let chain = if hrp == "bc" { Chain::Bitcoin } else { Chain::BitcoinTestnet };
    Ok(Address { text: s_l, chain, encoding })
}

// ---------------------------------------------------------------- EIP-55

fn eth(s: &str) -> Result<Address, Invalid> {
    let hex = &s[2..];
    if hex.len() != 40 {
        return Err(Invalid::BadLength(hex.len() / 2));
    }
    if let Some(c) = hex.chars().find(|c| !c.is_ascii_hexdigit()) {
        return Err(Invalid::BadCharacter(c));
    }
    let all_lower = hex.chars().all(|c| !c.is_ascii_uppercase());
    let all_upper = hex.chars().all(|c| !c.is_ascii_lowercase());
    if all_lower || all_upper {
        return Ok(Address {
            text: format!("0x{}", hex),
            chain: Chain::Ethereum,
            encoding: Encoding::Hex { checksummed: false },
        });
    }
    if to_checksum(hex) != hex {
        return Err(Invalid::BadChecksum);
    }
    Ok(Address { text: s.to_string(), chain: Chain::Ethereum, encoding: Encoding::Hex { checksummed: true } })
}

/// EIP-55 mixed-case form of a 40-character hex address (without `0x`).
pub fn to_checksum(hex: &str) -> String {
    let lower = hex.to_ascii_lowercase();
    let hash = Keccak256::digest(lower.as_bytes());
    lower
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let nibble = (hash[i / 2] >> if i % 2 == 0 { 4 } else { 0 }) & 0x0f;
            if c.is_ascii_alphabetic() && nibble >= 8 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Synthetic addresses (no real wallets): the payloads spell "fake" or
    // count 1234..., the checksums were computed with the reference code of
    // BIP-173 / EIP-55 / Base58Check.
    #[test]
    fn bech32() {
        let a = classify("BC1QFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE60C4WK").unwrap();
        assert_eq!(a.encoding, Encoding::P2wpkh);
        assert_eq!(a.text, "bc1qfakefakefakefakefakefakefakefake60c4wk");
    }

    #[test]
    fn bech32_bad_checksum() {
        assert_eq!(classify("bc1qfakefakefakefakefakefakefakefake60c4wl"), Err(Invalid::BadChecksum));
    }

    #[test]
    fn eip55() {
        assert_eq!(to_checksum("1234567890abcdef1234567890abcdef12345678"), "1234567890AbcdEF1234567890aBcdef12345678");
        assert!(classify("0x1234567890AbcdEF1234567890aBcdef12345678").is_ok());
        assert_eq!(classify("0x1234567890abcdEF1234567890aBcdef12345678"), Err(Invalid::BadChecksum));
    }

    #[test]
    fn base58() {
        let a = classify("1FAKEFAKEFAKEFAKEFAKEFAKEFAKBRTFvi").unwrap();
        assert_eq!(a.encoding, Encoding::P2pkh);
        assert_eq!(classify("1FAKEFAKEFAKEFAKEFAKEFAKEFAKBRTFvx"), Err(Invalid::BadChecksum));
    }
}
