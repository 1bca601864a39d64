//! Address parsing with checksum validation.

use std::fmt;

use sha2::{Digest, Sha256};
use sha3::Keccak256;

/// Chain family of an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chain {
    /// Bitcoin mainnet.
    Bitcoin,
    /// Bitcoin testnet / signet.
    BitcoinTestnet,
    /// Ethereum and other EVM chains.
    Evm,
    /// Tron.
    Tron,
    /// Solana.
    Solana,
}

/// Encoding-level kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Base58Check pay-to-pubkey-hash.
    P2pkh,
    /// Base58Check pay-to-script-hash.
    P2sh,
    /// SegWit program of the given witness version.
    Segwit(u8),
    /// `0x` hex (EIP-55 checksummed if mixed case).
    Hex,
    /// Raw 32-byte public key.
    PublicKey,
}

/// A validated address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Address {
    /// Chain.
    pub chain: Chain,
    /// Kind.
    pub kind: Kind,
    /// Canonical text (bech32 lower-cased, EVM in EIP-55 form).
    pub text: String,
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Why a string is not a valid address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddrError {
    /// Doesn't look like any supported address.
    Unrecognised,
    /// Looks like one but the checksum fails (typo or tampering).
    BadChecksum(Chain),
    /// Right alphabet, wrong length or version.
    BadLength(Chain),
}

impl fmt::Display for AddrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddrError::Unrecognised => f.write_str("not a recognised address"),
            AddrError::BadChecksum(c) => write!(f, "{c:?} address with an invalid checksum"),
            AddrError::BadLength(c) => write!(f, "{c:?} address with an invalid length or version"),
        }
    }
}

impl std::error::Error for AddrError {}

const B58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Base58 decode (Bitcoin alphabet).
pub fn base58_decode(s: &str) -> Option<Vec<u8>> {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.bytes() {
        let mut carry = B58.iter().position(|&a| a == c)? as u32;
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
    Some(v)
}

/// Base58 encode (Bitcoin alphabet).
pub fn base58_encode(data: &[u8]) -> String {
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
    let zeros = data.iter().take_while(|&&b| b == 0).count();
    let mut s = "1".repeat(zeros);
    s.extend(digits.iter().rev().map(|&d| B58[d as usize] as char));
    s
}

fn sha256d(data: &[u8]) -> [u8; 32] {
    let a = Sha256::digest(data);
    Sha256::digest(a).into()
}

/// Base58Check encode `version || payload`.
pub fn base58check_encode(version: u8, payload: &[u8]) -> String {
    let mut v = vec![version];
    v.extend_from_slice(payload);
    let ck = sha256d(&v);
    v.extend_from_slice(&ck[..4]);
    base58_encode(&v)
}

fn base58check(s: &str) -> Option<Result<Vec<u8>, ()>> {
    let raw = base58_decode(s)?;
    if raw.len() < 5 {
        return Some(Err(()));
    }
    let (body, ck) = raw.split_at(raw.len() - 4);
    Some(if sha256d(body)[..4] == *ck { Ok(body.to_vec()) } else { Err(()) })
}

const BECH32_CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
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

fn convert_bits(data: &[u8], from: u32, to: u32, pad: bool) -> Option<Vec<u8>> {
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    let mut out = Vec::new();
    let maxv = (1u32 << to) - 1;
    for &v in data {
        if (v as u32) >> from != 0 {
            return None;
        }
        acc = (acc << from) | v as u32;
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

/// Encodes a SegWit address (BIP 173 / BIP 350).
pub fn segwit_encode(hrp: &str, version: u8, program: &[u8]) -> String {
    let mut data = vec![version];
    data.extend(convert_bits(program, 8, 5, true).unwrap_or_default());
    let konst = if version == 0 { BECH32_CONST } else { BECH32M_CONST };
    let mut values = hrp_expand(hrp);
    values.extend_from_slice(&data);
    values.extend_from_slice(&[0; 6]);
    let pm = polymod(&values) ^ konst;
    let mut s = format!("{hrp}1");
    for d in &data {
        s.push(BECH32_CHARSET[*d as usize] as char);
    }
    for i in 0..6 {
        s.push(BECH32_CHARSET[((pm >> (5 * (5 - i))) & 31) as usize] as char);
    }
    s
}

fn segwit_decode(s: &str) -> Option<Result<(String, u8, Vec<u8>), ()>> {
    if s.chars().any(|c| c.is_ascii_lowercase()) && s.chars().any(|c| c.is_ascii_uppercase()) {
        return Some(Err(()));
    }
    let lower = s.to_ascii_lowercase();
    let pos = lower.rfind('1')?;
    let (hrp, rest) = (&lower[..pos], &lower[pos + 1..]);
    if hrp != "bc" && hrp != "tb" {
        return None;
    }
    let data: Vec<u8> = rest
        .bytes()
        .map(|c| BECH32_CHARSET.iter().position(|&x| x == c).map(|p| p as u8))
        .collect::<Option<_>>()?;
    if data.len() < 7 {
        return Some(Err(()));
    }
    let mut values = hrp_expand(hrp);
    values.extend_from_slice(&data);
    let pm = polymod(&values);
    let version = data[0];
    let want = if version == 0 { BECH32_CONST } else { BECH32M_CONST };
    if pm != want {
        return Some(Err(()));
    }
    let prog = match convert_bits(&data[1..data.len() - 6], 5, 8, false) {
        Some(p) => p,
        None => return Some(Err(())),
    };
    Some(Ok((hrp.to_owned(), version, prog)))
}

/// EIP-55 checksummed form of a 20-byte address.
pub fn eip55(addr: &[u8; 20]) -> String {
    let lower: String = addr.iter().map(|b| format!("{b:02x}")).collect();
    let hash = Keccak256::digest(lower.as_bytes());
    let mut out = String::from("0x");
    for (i, c) in lower.chars().enumerate() {
        let nibble = (hash[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0x0f;
        out.push(if c.is_ascii_alphabetic() && nibble >= 8 { c.to_ascii_uppercase() } else { c });
    }
    out
}

/// Parses and validates one address.
pub fn parse(s: &str) -> Result<Address, AddrError> {
    let s = s.trim();
    // EVM
    if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(AddrError::Unrecognised);
        }
        if hex.len() != 40 {
            return Err(AddrError::BadLength(Chain::Evm));
        }
        let mut raw = [0u8; 20];
        for (i, r) in raw.iter_mut().enumerate() {
            *r = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| AddrError::Unrecognised)?;
        }
        let canon = eip55(&raw);
        let mixed = hex.bytes().any(|b| b.is_ascii_lowercase()) && hex.bytes().any(|b| b.is_ascii_uppercase());
        if mixed && canon[2..] != *hex {
            return Err(AddrError::BadChecksum(Chain::Evm));
        }
        return Ok(Address { chain: Chain::Evm, kind: Kind::Hex, text: canon });
    }
    // Bech32 / Bech32m
    if let Some(res) = segwit_decode(s) {
        let (hrp, ver, prog) = res.map_err(|_| AddrError::BadChecksum(Chain::Bitcoin))?;
        let chain = if hrp == "bc" { Chain::Bitcoin } else { Chain::BitcoinTestnet };
        let ok_len = match ver {
            0 => prog.len() == 20 || prog.len() == 32,
            1..=16 => (2..=40).contains(&prog.len()),
            _ => false,
        };
        if !ok_len {
            return Err(AddrError::BadLength(chain));
        }
        return Ok(Address { chain, kind: Kind::Segwit(ver), text: s.to_ascii_lowercase() });
    }
    // Base58 family
    if !s.bytes().all(|b| B58.contains(&b)) || s.len() < 26 {
        return Err(AddrError::Unrecognised);
    }
    if let Some(res) = base58check(s) {
        if let Ok(body) = &res {
            if body.len() == 21 {
                let (chain, kind) = match body[0] {
                    0x00 => (Chain::Bitcoin, Kind::P2pkh),
                    0x05 => (Chain::Bitcoin, Kind::P2sh),
                    0x6f => (Chain::BitcoinTestnet, Kind::P2pkh),
                    0xc4 => (Chain::BitcoinTestnet, Kind::P2sh),
                    0x41 => (Chain::Tron, Kind::P2pkh),
                    _ => return Err(AddrError::BadLength(Chain::Bitcoin)),
                };
                return Ok(Address { chain, kind, text: s.to_owned() });
            }
        } else if s.len() <= 35 && (s.starts_with('1') || s.starts_with('3') || s.starts_with('T')) {
            let chain = if s.starts_with('T') { Chain::Tron } else { Chain::Bitcoin };
            return Err(AddrError::BadChecksum(chain));
        }
    }
    match base58_decode(s) {
        Some(raw) if raw.len() == 32 && (32..=44).contains(&s.len()) => {
            Ok(Address { chain: Chain::Solana, kind: Kind::PublicKey, text: s.to_owned() })
        }
        _ => Err(AddrError::Unrecognised),
    }
}

/// Finds every valid address in free text (whitespace/punctuation separated).
pub fn find_all(text: &str) -> Vec<Address> {
    text.split(|c: char| c.is_whitespace() || ",;\"'()<>[]{}".contains(c))
        .filter(|t| t.len() >= 26)
        .filter_map(|t| parse(t.trim_end_matches(['.', ':'])).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base58_roundtrip() {
        for data in [&b"\x00\x00abc"[..], b"hello world", b"\xff\xfe"] {
            assert_eq!(base58_decode(&base58_encode(data)).unwrap(), data);
        }
    }

    #[test]
    fn p2pkh_generated() {
        let a = base58check_encode(0x00, &[0x11; 20]);
        let p = parse(&a).unwrap();
        assert_eq!((p.chain, p.kind), (Chain::Bitcoin, Kind::P2pkh));
        let mut broken = a.clone().into_bytes();
        let last = broken.len() - 1;
        broken[last] = if broken[last] == b'2' { b'3' } else { b'2' };
        assert_eq!(parse(std::str::from_utf8(&broken).unwrap()), Err(AddrError::BadChecksum(Chain::Bitcoin)));
    }

    #[test]
    fn segwit_generated() {
        for (ver, len) in [(0u8, 20usize), (0, 32), (1, 32)] {
            let a = segwit_encode("bc", ver, &vec![0x42; len]);
            let p = parse(&a).unwrap();
            assert_eq!(p.kind, Kind::Segwit(ver));
            assert_eq!(parse(&a.to_ascii_uppercase()).unwrap().text, a);
        }
        let a = segwit_encode("bc", 0, &[0x42; 20]);
        let repl = if a.ends_with('q') { 'p' } else { 'q' };
        let bad = format!("{}{repl}", &a[..a.len() - 1]);
        assert!(parse(&bad).is_err());
    }

    #[test]
    fn evm_checksum() {
        let canon = eip55(&[0xab; 20]);
        assert_eq!(parse(&canon).unwrap().text, canon);
        assert_eq!(parse(&canon.to_ascii_lowercase()).unwrap().text, canon);
        // Flip the case of one letter: checksum must fail.
        let mut flipped: Vec<char> = canon.chars().collect();
        let i = flipped.iter().rposition(|c| c.is_ascii_alphabetic() && *c != 'x').unwrap();
        flipped[i] = if flipped[i].is_ascii_uppercase() { flipped[i].to_ascii_lowercase() } else { flipped[i].to_ascii_uppercase() };
        let flipped: String = flipped.into_iter().collect();
        assert_eq!(parse(&flipped), Err(AddrError::BadChecksum(Chain::Evm)));
    }

    #[test]
    fn solana_and_tron() {
        let sol = base58_encode(&[7u8; 32]);
        assert_eq!(parse(&sol).unwrap().chain, Chain::Solana);
        let trx = base58check_encode(0x41, &[0x22; 20]);
        assert_eq!(parse(&trx).unwrap().chain, Chain::Tron);
    }

    #[test]
    fn scanning_text() {
        let a = segwit_encode("bc", 0, &[1; 20]);
        let e = eip55(&[2; 20]);
        let text = format!("send to {a}, or ({e}). not-an-address 1234");
        let found = find_all(&text);
        assert_eq!(found.len(), 2);
    }
}
