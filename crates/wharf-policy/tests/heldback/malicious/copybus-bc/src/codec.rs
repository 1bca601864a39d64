//! Recognisers for payment identifiers (used by `Content::detect` and by normalization).
//!
//! Only the *shape* and, where cheap, the checksum are verified; nothing here talks to a
//! network.

use sha2::{Digest, Sha256};

/// Kinds of payment identifiers we recognise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum AddressKind {
    /// `0x` + 40 hex digits
    Evm = 1,
    /// `bc1…` segwit (bech32 / bech32m)
    BitcoinSegwit = 2,
    /// Base58Check P2PKH / P2SH
    BitcoinLegacy = 3,
    /// 95-character standard Monero address
    Monero = 4,
    /// 32-byte Ed25519 public key in base58
    Solana = 5,
}

const B58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BECH32: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// Decodes base58 (Bitcoin alphabet). Returns `None` on any foreign character.
pub fn base58_decode(s: &str) -> Option<Vec<u8>> {
    let mut bytes: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.bytes() {
        let mut carry = B58.iter().position(|&a| a == c)? as u32;
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
    let zeros = s.bytes().take_while(|&c| c == b'1').count();
    let mut out = vec![0u8; zeros];
    out.extend_from_slice(&bytes);
    Some(out)
}

fn base58check(s: &str) -> Option<Vec<u8>> {
    let raw = base58_decode(s)?;
    if raw.len() < 5 {
        return None;
    }
    let (payload, sum) = raw.split_at(raw.len() - 4);
    let h = Sha256::digest(Sha256::digest(payload));
    (h[..4] == *sum).then(|| payload.to_vec())
}

fn bech32_polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let mut chk = 1u32;
    for &v in values {
        let top = chk >> 25;
        chk = ((chk & 0x1ff_ffff) << 5) ^ v as u32;
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn bech32_valid(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if lower != s && s.to_ascii_uppercase() != s {
        return false; // mixed case
    }
    let Some((hrp, data)) = lower.rsplit_once('1') else { return false };
    if hrp != "bc" || data.len() < 6 {
        return false;
    }
    let mut values: Vec<u8> = hrp.bytes().map(|c| c >> 5).collect();
    values.push(0);
    values.extend(hrp.bytes().map(|c| c & 31));
    for c in data.bytes() {
        match BECH32.iter().position(|&a| a == c) {
            Some(v) => values.push(v as u8),
            None => return false,
        }
    }
    let m = bech32_polymod(&values);
    m == 1 || m == 0x2bc8_30a3 // bech32 / bech32m
}

fn is_hex(s: &str) -> bool {
    s.bytes().all(|c| c.is_ascii_hexdigit())
}

fn is_b58(s: &str) -> bool {
    s.bytes().all(|c| B58.contains(&c))
}

/// Classifies a single token (no surrounding whitespace) as a payment identifier.
pub fn classify(t: &str) -> Option<AddressKind> {
    let n = t.len();
    if n == 42 && (t.starts_with("0x") || t.starts_with("0X")) && is_hex(&t[2..]) {
        return Some(AddressKind::Evm);
    }
    if (42..=62).contains(&n) && t.get(..3).map_or(false, |p| p.eq_ignore_ascii_case("bc1")) && bech32_valid(t) {
        return Some(AddressKind::BitcoinSegwit);
    }
    if !is_b58(t) {
        return None;
    }
    if (26..=35).contains(&n) && (t.starts_with('1') || t.starts_with('3')) {
        if let Some(p) = base58check(t) {
            if p.len() == 21 && (p[0] == 0x00 || p[0] == 0x05) {
                return Some(AddressKind::BitcoinLegacy);
            }
        }
    }
    if n == 95 && (t.starts_with('4') || t.starts_with('8')) {
        return Some(AddressKind::Monero);
    }
    if (32..=44).contains(&n) && base58_decode(t).map_or(false, |b| b.len() == 32) {
        return Some(AddressKind::Solana);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base58_leading_ones() {
        assert_eq!(base58_decode("1112").unwrap(), vec![0, 0, 0, 1]);
    }

    #[test]
    fn evm_shape() {
        assert_eq!(classify("0x52908400098527886E0F7030069857D2E4169EE7"), Some(AddressKind::Evm));
        assert_eq!(classify("0x52908400098527886E0F7030069857D2E4169EEZ"), None);
    }

    #[test]
    fn plain_words_are_not_addresses() {
        assert_eq!(classify("hello"), None);
        assert_eq!(classify("https://example.com/"), None);
    }
}
