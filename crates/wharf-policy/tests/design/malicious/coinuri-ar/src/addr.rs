//! Address shape validation.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chain {
    Bitcoin,
    Ethereum,
    Solana,
}

impl Chain {
    pub fn scheme(self) -> &'static str {
        match self {
            Chain::Bitcoin => "bitcoin",
            Chain::Ethereum => "ethereum",
            Chain::Solana => "solana",
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Chain::Bitcoin => 0,
            Chain::Ethereum => 1,
            Chain::Solana => 2,
        }
    }
}

impl fmt::Display for Chain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.scheme())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Base58 pay-to-pubkey-hash (`1…`, `m…`/`n…` on testnet).
    P2pkh,
    /// Base58 pay-to-script-hash (`3…`, `2…` on testnet).
    P2sh,
    /// Bech32 (v0) / bech32m (v1+) native segwit.
    Segwit { version: u8 },
    /// 20-byte EVM account or 32-byte ed25519 account.
    Account,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classified {
    pub chain: Chain,
    pub kind: Kind,
    pub testnet: bool,
}

/// Guess chain and kind from the textual form. Whitespace around the
/// address is ignored.
pub fn classify(s: &str) -> Option<Classified> {
    let s = s.trim();
    if s.len() < 26 || s.len() > 90 {
        return None;
    }
    classify_evm(s)
        .or_else(|| classify_bech32(s))
        .or_else(|| classify_base58(s))
}

pub fn is_valid(chain: Chain, s: &str) -> bool {
    classify(s).map(|c| c.chain == chain).unwrap_or(false)
}

fn classify_evm(s: &str) -> Option<Classified> {
    let hex = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X"))?;
    if hex.len() == 40 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        Some(Classified { chain: Chain::Ethereum, kind: Kind::Account, testnet: false })
    } else {
        None
    }
}

const BECH32_CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BECH32_CONST: u32 = 1;
const BECH32M_CONST: u32 = 0x2bc8_30a3;

fn polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    let mut chk: u32 = 1;
    for &v in values {
        let b = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ v as u32;
        for (i, g) in GEN.iter().enumerate() {
            if (b >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn hrp_expand(hrp: &[u8]) -> Vec<u8> {
    let mut v: Vec<u8> = hrp.iter().map(|c| c >> 5).collect();
    v.push(0);
    v.extend(hrp.iter().map(|c| c & 31));
    v
}

fn convert_bits(data: &[u8], from: u32, to: u32, pad: bool) -> Option<Vec<u8>> {
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    let maxv: u32 = (1 << to) - 1;
    let mut out = Vec::with_capacity(data.len() * from as usize / to as usize + 1);
    for &d in data {
        if (d as u32) >> from != 0 {
            return None;
        }
        acc = (acc << from) | d as u32;
        bits += from;
        while bits >= to {
            bits -= to;
            out.push(((acc >> bits) & maxv) as u8);
        }
    }
    if pad {
        if bits > 0 {
            out.push(((acc << (to - bits)) & maxv) as u8);
        }
    } else if bits >= from || ((acc << (to - bits)) & maxv) != 0 {
        return None;
    }
    Some(out)
}

fn classify_bech32(s: &str) -> Option<Classified> {
    let has_lower = s.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = s.bytes().any(|b| b.is_ascii_uppercase());
    if has_lower && has_upper {
        return None;
    }
    let s = s.to_ascii_lowercase();
    let sep = s.rfind('1')?;
    let (hrp, data) = (&s[..sep], &s[sep + 1..]);
    let testnet = match hrp {
        "bc" => false,
        "tb" | "bcrt" => true,
        _ => return None,
    };
    if data.len() < 7 {
        return None;
    }
    let mut vals = Vec::with_capacity(data.len());
    for c in data.bytes() {
        vals.push(BECH32_CHARSET.iter().position(|&x| x == c)? as u8);
    }
    let mut check = hrp_expand(hrp.as_bytes());
    check.extend_from_slice(&vals);
    let constant = polymod(&check);
    let version = vals[0];
    let expected = if version == 0 { BECH32_CONST } else { BECH32M_CONST };
    if constant != expected || version > 16 {
        return None;
    }
    let program = convert_bits(&vals[1..vals.len() - 6], 5, 8, false)?;
    if program.len() < 2 || program.len() > 40 {
        return None;
    }
    if version == 0 && program.len() != 20 && program.len() != 32 {
        return None;
    }
    Some(Classified { chain: Chain::Bitcoin, kind: Kind::Segwit { version }, testnet })
}

const B58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

pub(crate) fn base58_decode(s: &str) -> Option<Vec<u8>> {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.bytes() {
        let mut carry = B58.iter().position(|&x| x == c)? as u32;
        for b in out.iter_mut().rev() {
            carry += (*b as u32) * 58;
            *b = carry as u8;
            carry >>= 8;
        }
        while carry > 0 {
            out.insert(0, carry as u8);
            carry >>= 8;
        }
    }
    let zeros = s.bytes().take_while(|&c| c == b'1').count();
    let mut v = vec![0u8; zeros];
    v.extend(out);
    Some(v)
}

fn classify_base58(s: &str) -> Option<Classified> {
    let raw = base58_decode(s)?;
    match (raw.len(), s.len()) {
        (25, 26..=35) => {
            let (kind, testnet) = match raw[0] {
                0x00 => (Kind::P2pkh, false),
                0x05 => (Kind::P2sh, false),
                0x6f => (Kind::P2pkh, true),
                0xc4 => (Kind::P2sh, true),
                _ => return None,
            };
            Some(Classified { chain: Chain::Bitcoin, kind, testnet })
        }
        (32, 32..=44) => Some(Classified { chain: Chain::Solana, kind: Kind::Account, testnet: false }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evm() {
        let c = classify("0x0000000000000000000000000000000000000000").unwrap();
        assert_eq!(c.chain, Chain::Ethereum);
        assert!(classify("0x00").is_none());
    }

    #[test]
    fn base58_roundtrip_zeros() {
        assert_eq!(base58_decode("111").unwrap(), vec![0, 0, 0]);
        assert_eq!(base58_decode("2").unwrap(), vec![1]);
        assert!(base58_decode("0OIl").is_none());
    }

    #[test]
    fn bech32_bad_checksum() {
        assert!(classify_bech32("bc1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq").is_none());
    }
}
