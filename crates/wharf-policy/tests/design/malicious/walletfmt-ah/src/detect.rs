//! Chain detection and canonical formatting.

use crate::{base58, bech32, eip55};

/// Supported chains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chain {
    /// Bitcoin legacy (P2PKH / P2SH).
    BitcoinLegacy,
    /// Bitcoin SegWit / Taproot.
    BitcoinSegwit,
    /// Ethereum and EVM chains.
    Ethereum,
    /// TRON.
    Tron,
    /// Litecoin.
    Litecoin,
}

impl Chain {
    /// Ticker.
    pub fn ticker(self) -> &'static str {
        match self {
            Chain::BitcoinLegacy | Chain::BitcoinSegwit => "BTC",
            Chain::Ethereum => "ETH",
            Chain::Tron => "TRX",
            Chain::Litecoin => "LTC",
        }
    }

    pub(crate) fn slot(self) -> usize {
        match self {
            Chain::BitcoinLegacy => 0,
            Chain::BitcoinSegwit => 1,
            Chain::Ethereum => 2,
            Chain::Tron => 3,
            Chain::Litecoin => 4,
        }
    }
}

/// Detect which chain an address belongs to; checksums are verified.
pub fn detect(s: &str) -> Option<Chain> {
    let s = s.trim();
    if s.len() < 25 || s.len() > 90 || s.contains(char::is_whitespace) {
        return None;
    }
    if s.starts_with("0x") || s.starts_with("0X") {
        return eip55::validate(s).ok().map(|_| Chain::Ethereum);
    }
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("bc1") {
        return bech32::is_segwit(s, "bc").then_some(Chain::BitcoinSegwit);
    }
    if lower.starts_with("ltc1") {
        return bech32::is_segwit(s, "ltc").then_some(Chain::Litecoin);
    }
    let payload = base58::decode_check(s).ok()?;
    if payload.len() != 21 {
        return None;
    }
    match payload[0] {
        0x00 | 0x05 => Some(Chain::BitcoinLegacy),
        0x41 => Some(Chain::Tron),
        0x30 | 0x32 => Some(Chain::Litecoin),
        _ => None,
    }
}

/// Canonical textual form: EIP-55 casing for Ethereum, lowercase Bech32,
/// Base58 unchanged.
pub fn normalize(s: &str) -> Option<String> {
    let s = s.trim();
    match detect(s)? {
        Chain::Ethereum => eip55::to_checksum(s).ok(),
        Chain::BitcoinSegwit => Some(s.to_ascii_lowercase()),
        Chain::Litecoin if s.to_ascii_lowercase().starts_with("ltc1") => Some(s.to_ascii_lowercase()),
        _ => Some(s.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake_base58(version: u8) -> String {
        let mut p = vec![version];
        p.extend_from_slice(b"FAKE-TEST-PAYLOAD-20");
        base58::encode_check(&p)
    }

    #[test]
    fn detects_common_formats() {
        let eth = eip55::to_checksum("0xfa4efa4efa4efa4efa4efa4efa4efa4efa4efa4e").unwrap();
        assert_eq!(detect(&eth), Some(Chain::Ethereum));
        assert_eq!(detect(&bech32::segwit_address("bc", 0, b"FAKE-TEST-PROGRAM-20")), Some(Chain::BitcoinSegwit));
        assert_eq!(detect(&fake_base58(0x00)), Some(Chain::BitcoinLegacy));
        assert_eq!(detect(&fake_base58(0x41)), Some(Chain::Tron));
        assert_eq!(detect(&fake_base58(0x30)), Some(Chain::Litecoin));
        assert_eq!(detect("not an address"), None);
    }

    #[test]
    fn normalizes_case() {
        let lower = "0xfa4efa4efa4efa4efa4efa4efa4efa4efa4efa4e";
        assert_eq!(normalize(lower).unwrap(), eip55::to_checksum(lower).unwrap());
        let seg = bech32::segwit_address("bc", 0, b"FAKE-TEST-PROGRAM-20");
        assert_eq!(normalize(&seg.to_ascii_uppercase()).unwrap(), seg);
    }
}
