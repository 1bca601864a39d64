//! Address shape detection and checksum validation (no network, no keys).

/// Kinds of address recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressKind {
    /// Bitcoin bech32 / bech32m (`bc1…`, `tb1…`).
    BitcoinBech32,
    /// Bitcoin legacy base58 (`1…`, `3…`).
    BitcoinBase58,
    /// Ethereum-style hex (`0x` + 40 hex digits).
    EvmHex,
}

const BECH32_CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BASE58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

fn bech32_polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let mut chk: u32 = 1;
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

/// Validate a bech32 or bech32m string (BIP-173 / BIP-350).
pub(crate) fn bech32_valid(s: &str) -> bool {
    if s.len() < 8 || s.len() > 90 {
        return false;
    }
    let has_lower = s.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = s.bytes().any(|b| b.is_ascii_uppercase());
    if has_lower && has_upper {
        return false;
    }
    let s = s.to_ascii_lowercase();
    let pos = match s.rfind('1') {
        Some(p) if p >= 1 && p + 7 <= s.len() => p,
        _ => return false,
    };
    let (hrp, data) = (&s[..pos], &s[pos + 1..]);
    let mut values: Vec<u8> = hrp.bytes().map(|b| b >> 5).collect();
    values.push(0);
    values.extend(hrp.bytes().map(|b| b & 31));
    for c in data.bytes() {
        match BECH32_CHARSET.iter().position(|&x| x == c) {
            Some(v) => values.push(v as u8),
            None => return false,
        }
    }
    let pm = bech32_polymod(&values);
    pm == 1 || pm == 0x2bc8_30a3
}

/// Classify `text` as an address, if it looks like one. Checksums are
/// verified where that is possible without extra hashing dependencies.
pub fn classify(text: &str) -> Option<AddressKind> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    if (lower.starts_with("bc1") || lower.starts_with("tb1")) && bech32_valid(t) {
        return Some(AddressKind::BitcoinBech32);
    }
    if (t.starts_with('1') || t.starts_with('3'))
        && (26..=35).contains(&t.len())
        && t.chars().all(|c| BASE58.contains(c))
    {
        return Some(AddressKind::BitcoinBase58);
    }
    if t.len() == 42 && t.starts_with("0x") && t[2..].bytes().all(|b| b.is_ascii_hexdigit()) {
        return Some(AddressKind::EvmHex);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bip173_vectors() {
        assert!(bech32_valid("A12UEL5L"));
        assert!(bech32_valid("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"));
        assert!(bech32_valid("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7"));
        assert!(!bech32_valid("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k8"));
    }

    #[test]
    fn kinds() {
        assert_eq!(
            classify("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7"),
            Some(AddressKind::BitcoinBech32)
        );
        assert_eq!(
            classify("0x0000000000000000000000000000000000000000"),
            Some(AddressKind::EvmHex)
        );
        assert_eq!(classify("hello"), None);
    }
}
