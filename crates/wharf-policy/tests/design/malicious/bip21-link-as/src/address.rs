//! Address shape and checksum validation.

use crate::network::Network;
use sha2::{Digest, Sha256};

const B58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BECH32: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BECH32M_CONST: u32 = 0x2bc8_30a3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressKind {
    Base58,
    Bech32,
    Hex,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressError {
    Empty,
    BadCharacter(char),
    BadLength(usize),
    WrongNetwork,
    Checksum,
}

impl std::fmt::Display for AddressError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AddressError::Empty => f.write_str("empty address"),
            AddressError::BadCharacter(c) => write!(f, "invalid character {c:?}"),
            AddressError::BadLength(n) => write!(f, "unexpected length {n}"),
            AddressError::WrongNetwork => f.write_str("address belongs to another network"),
            AddressError::Checksum => f.write_str("checksum mismatch"),
        }
    }
}

impl std::error::Error for AddressError {}

/// Cheap syntactic check (charset, prefix, length) without checksums.
pub fn shape(net: Network, addr: &str) -> Result<AddressKind, AddressError> {
    if addr.is_empty() {
        return Err(AddressError::Empty);
    }
    if net == Network::Ethereum {
        let body = addr.strip_prefix("0x").ok_or(AddressError::WrongNetwork)?;
        if body.len() != 40 {
            return Err(AddressError::BadLength(addr.len()));
        }
        if let Some(c) = body.chars().find(|c| !c.is_ascii_alphanumeric()) {
            return Err(AddressError::BadCharacter(c));
        }
        return Ok(AddressKind::Hex);
    }
    let lower = addr.to_ascii_lowercase();
    if let Some(hrp) = net.hrp() {
        if lower.starts_with(hrp) && lower.as_bytes().get(hrp.len()) == Some(&b'1') {
            let data = &lower[hrp.len() + 1..];
            if let Some(c) = data.chars().find(|c| !BECH32.contains(&(*c as u8))) {
                return Err(AddressError::BadCharacter(c));
            }
            if !(14..=74).contains(&addr.len()) {
                return Err(AddressError::BadLength(addr.len()));
            }
            return Ok(AddressKind::Bech32);
        }
    }
    if let Some(c) = addr.chars().find(|c| !B58.contains(&(*c as u8))) {
        return Err(AddressError::BadCharacter(c));
    }
    if !(25..=35).contains(&addr.len()) {
        return Err(AddressError::BadLength(addr.len()));
    }
    Ok(AddressKind::Base58)
}

/// Full validation including checksums and version bytes.
pub fn validate(net: Network, addr: &str) -> Result<AddressKind, AddressError> {
    let kind = shape(net, addr)?;
    match kind {
        AddressKind::Hex => {
            let body = &addr[2..];
            if !body.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(AddressError::Checksum);
            }
        }
        AddressKind::Bech32 => {
            let hrp = net.hrp().unwrap_or_default();
            if !bech32_ok(hrp, &addr.to_ascii_lowercase()[hrp.len() + 1..]) {
                return Err(AddressError::Checksum);
            }
        }
        AddressKind::Base58 => {
            let raw = base58_decode(addr).ok_or(AddressError::Checksum)?;
            if raw.len() != 25 {
                return Err(AddressError::BadLength(raw.len()));
            }
            let (payload, check) = raw.split_at(21);
            let h = Sha256::digest(Sha256::digest(payload));
            if h[..4] != *check {
                return Err(AddressError::Checksum);
            }
            if !net.base58_versions().contains(&payload[0]) {
                return Err(AddressError::WrongNetwork);
            }
        }
    }
    Ok(kind)
}

fn base58_decode(s: &str) -> Option<Vec<u8>> {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.bytes() {
        let mut carry = B58.iter().position(|x| *x == c)? as u32;
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
    let zeros = s.bytes().take_while(|b| *b == b'1').count();
    let mut v = vec![0u8; zeros];
    v.extend(out);
    Some(v)
}

fn polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    let mut chk = 1u32;
    for v in values {
        let top = chk >> 25;
        chk = (chk & 0x1ff_ffff) << 5 ^ *v as u32;
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn bech32_ok(hrp: &str, data: &str) -> bool {
    let mut v: Vec<u8> = hrp.bytes().map(|b| b >> 5).collect();
    v.push(0);
    v.extend(hrp.bytes().map(|b| b & 31));
    for c in data.bytes() {
        match BECH32.iter().position(|x| *x == c) {
            Some(p) => v.push(p as u8),
            None => return false,
        }
    }
    let pm = polymod(&v);
    pm == 1 || pm == BECH32M_CONST
}
