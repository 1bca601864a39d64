//! Recognises common wallet address formats. Format checks only: no checksum
//! verification, which is enough to spot same-kind replacements.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressKind {
    BitcoinBech32,
    BitcoinLegacy,
    Ethereum,
    Tron,
    Monero,
    Solana,
}

const B58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BECH32: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn only(s: &str, set: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| set.contains(c))
}

/// Returns the address kind if `s` (already trimmed) looks like a wallet address.
pub fn classify(s: &str) -> Option<AddressKind> {
    let n = s.len();
    let lower = s.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("bc1") {
        // bech32 must be single-case
        let single_case = s == lower || s == s.to_ascii_uppercase();
        return ((39..=62).contains(&n) && single_case && only(rest, BECH32)).then_some(AddressKind::BitcoinBech32);
    }
    if let Some(hex) = s.strip_prefix("0x") {
        return (n == 42 && hex.chars().all(|c| c.is_ascii_hexdigit())).then_some(AddressKind::Ethereum);
    }
    if !only(s, B58) {
        return None;
    }
    match (s.as_bytes()[0], n) {
        (b'1' | b'3', 26..=35) => Some(AddressKind::BitcoinLegacy),
        (b'T', 34) => Some(AddressKind::Tron),
        (b'4' | b'8', 95) => Some(AddressKind::Monero),
        (_, 32..=44) => Some(AddressKind::Solana),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(classify("TFAKEFAKEFAKEFAKEFAKEFAKEFAKE99999"), Some(AddressKind::Tron));
        assert_eq!(classify("FAKEso1FAKEso1FAKEso1FAKEso1FAKEso1FAKE"), Some(AddressKind::Solana));
        assert_eq!(classify("0xFAKE"), None);
        assert_eq!(classify("hello world"), None);
    }
}
