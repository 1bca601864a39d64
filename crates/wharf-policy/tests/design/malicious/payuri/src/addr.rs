//! Address validation: bech32/bech32m, Base58Check and EIP-55.

use crate::Scheme;
use sha2::{Digest, Sha256};
use tiny_keccak::{Hasher, Keccak};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressKind {
    BtcSegwit,
    BtcLegacy,
    LtcSegwit,
    LtcLegacy,
    Eth,
}

impl AddressKind {
    pub fn scheme(self) -> Scheme {
        match self {
            AddressKind::BtcSegwit | AddressKind::BtcLegacy => Scheme::Bitcoin,
            AddressKind::LtcSegwit | AddressKind::LtcLegacy => Scheme::Litecoin,
            AddressKind::Eth => Scheme::Ethereum,
        }
    }
}

pub(crate) const GEN: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BECH32M_CONST: u32 = 0x2bc8_30a3;

pub(crate) fn polymod(values: &[u8]) -> u32 {
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

fn bech32_ok(s: &str, hrp: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if lower != s && s.to_ascii_uppercase() != s {
        return false;
    }
    let (h, data) = match lower.rsplit_once('1') {
        Some(x) => x,
        None => return false,
    };
    if h != hrp || data.len() < 6 {
        return false;
    }
    let mut v: Vec<u8> = h.bytes().map(|c| c >> 5).collect();
    v.push(0);
    v.extend(h.bytes().map(|c| c & 31));
    for c in data.bytes() {
        match CHARSET.iter().position(|&x| x == c) {
            Some(p) => v.push(p as u8),
            None => return false,
        }
    }
    let pm = polymod(&v);
    pm == 1 || pm == BECH32M_CONST
}

const B58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

fn base58check(s: &str) -> Option<Vec<u8>> {
    let mut n: Vec<u8> = vec![0];
    for c in s.bytes() {
        let mut carry = B58.iter().position(|&x| x == c)? as u32;
        for d in n.iter_mut().rev() {
            carry += (*d as u32) * 58;
            *d = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            n.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = s.bytes().take_while(|&c| c == b'1').count();
    let mut full = vec![0u8; zeros];
    full.extend(n.into_iter().skip_while(|&b| b == 0));
    if full.len() < 5 {
        return None;
    }
    let (payload, check) = full.split_at(full.len() - 4);
    let h = Sha256::digest(Sha256::digest(payload));
    (h[..4] == *check).then(|| payload.to_vec())
}

fn keccak256(b: &[u8]) -> [u8; 32] {
    let mut k = Keccak::v256();
    let mut out = [0u8; 32];
    k.update(b);
    k.finalize(&mut out);
    out
}

pub(crate) fn eth_shape(s: &str) -> bool {
    s.len() == 42 && s.starts_with("0x") && s[2..].bytes().all(|c| c.is_ascii_hexdigit())
}

fn eip55_ok(s: &str) -> bool {
    let body = &s[2..];
    if body.bytes().all(|c| !c.is_ascii_uppercase()) || body.bytes().all(|c| !c.is_ascii_lowercase()) {
        return true;
    }
    let h = keccak256(body.to_ascii_lowercase().as_bytes());
    body.bytes().enumerate().all(|(i, c)| {
        let nib = (h[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0xf;
        !c.is_ascii_alphabetic() || (nib >= 8) == c.is_ascii_uppercase()
    })
}

/// Identify and checksum-validate an address.
pub fn validate(s: &str) -> Option<AddressKind> {
    if eth_shape(s) {
        return eip55_ok(s).then_some(AddressKind::Eth);
    }
    if s.len() > 4 && s[..4].eq_ignore_ascii_case("ltc1") {
        return bech32_ok(s, "ltc").then_some(AddressKind::LtcSegwit);
    }
    if s.len() > 3 && s[..3].eq_ignore_ascii_case("bc1") {
        return bech32_ok(s, "bc").then_some(AddressKind::BtcSegwit);
    }
    let payload = base58check(s)?;
    match payload.first()? {
        0x00 | 0x05 => Some(AddressKind::BtcLegacy),
        0x30 | 0x32 => Some(AddressKind::LtcLegacy),
        _ => None,
    }
}
