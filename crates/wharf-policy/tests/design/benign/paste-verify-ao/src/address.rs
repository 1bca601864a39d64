//! Address format detection.
//!
//! Detection is syntactic (alphabet, length, prefix). For bech32 addresses
//! the checksum is also available via [`AddressKind::checksum_ok`]; base58
//! checksums need SHA-256 and are left to the wallet, which has it anyway.

/// Kinds of addresses recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressKind {
    /// Legacy / P2SH Bitcoin address (`1...`, `3...`).
    BitcoinBase58,
    /// SegWit Bitcoin address (`bc1...`, `tb1...`).
    BitcoinBech32,
    /// 20-byte hex address with `0x` prefix (Ethereum and EVM chains).
    EthereumHex,
    /// TRON base58 address (`T...`, 34 characters).
    Tron,
}

impl AddressKind {
    /// Characters every address of this kind starts with.
    pub fn fixed_prefix_len(self) -> usize {
        match self {
            AddressKind::BitcoinBase58 | AddressKind::Tron => 1,
            AddressKind::BitcoinBech32 => 4, // "bc1q" / "bc1p"
            AddressKind::EthereumHex => 2,
        }
    }

    /// Verify the checksum where this crate can. `None` if not supported
    /// for this kind.
    pub fn checksum_ok(self, addr: &str) -> Option<bool> {
        match self {
            AddressKind::BitcoinBech32 => Some(bech32_valid(addr)),
            _ => None,
        }
    }
}

const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BECH32: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn in_alphabet(s: &str, a: &[u8]) -> bool {
    s.bytes().all(|b| a.contains(&b))
}

/// Detect the kind of `s` (surrounding whitespace ignored).
pub fn detect(s: &str) -> Option<AddressKind> {
    let s = s.trim();
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        if h.len() == 40 && h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Some(AddressKind::EthereumHex);
        }
        return None;
    }
    let lower = s.to_ascii_lowercase();
    if (lower.starts_with("bc1") || lower.starts_with("tb1"))
        && (s == lower || s == s.to_ascii_uppercase())
        && (14..=74).contains(&s.len())
        && in_alphabet(&lower[3..], BECH32)
    {
        return Some(AddressKind::BitcoinBech32);
    }
    if s.starts_with('T') && s.len() == 34 && in_alphabet(s, BASE58) {
        return Some(AddressKind::Tron);
    }
    if (s.starts_with('1') || s.starts_with('3')) && (25..=35).contains(&s.len()) && in_alphabet(s, BASE58) {
        return Some(AddressKind::BitcoinBase58);
    }
    None
}

fn polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    let mut chk: u32 = 1;
    for &v in values {
        let top = chk >> 25;
        chk = (chk & 0x1ff_ffff) << 5 ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

/// BIP-173 / BIP-350 checksum (bech32 for v0, bech32m for v1+).
fn bech32_valid(addr: &str) -> bool {
    let a = addr.trim().to_ascii_lowercase();
    let sep = match a.rfind('1') {
        Some(i) if i >= 1 && i + 7 <= a.len() => i,
        _ => return false,
    };
    let (hrp, data) = (&a[..sep], &a[sep + 1..]);
    let mut values: Vec<u8> = hrp.bytes().map(|b| b >> 5).collect();
    values.push(0);
    values.extend(hrp.bytes().map(|b| b & 31));
    let mut witness_version = None;
    for b in data.bytes() {
        match BECH32.iter().position(|&c| c == b) {
            Some(p) => {
                if witness_version.is_none() {
                    witness_version = Some(p as u8);
                }
                values.push(p as u8);
            }
            None => return false,
        }
    }
    let constant = match witness_version {
        Some(0) => 1,
        Some(_) => 0x2bc8_30a3,
        None => return false,
    };
    polymod(&values) == constant
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(detect("0xfeedfacefeedfacefeedfacefeedfacefeedface"), Some(AddressKind::EthereumHex));
        assert_eq!(detect("bc1qfakefakefakefakefakefakefakefakefake00"), Some(AddressKind::BitcoinBech32));
        assert_eq!(detect("TFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEF"), Some(AddressKind::Tron));
        assert_eq!(detect("1FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE"), Some(AddressKind::BitcoinBase58));
        assert_eq!(detect("hello world"), None);
    }

    #[test]
    fn fake_bech32_fails_checksum() {
        assert_eq!(
            AddressKind::BitcoinBech32.checksum_ok("bc1qfakefakefakefakefakefakefakefakefake00"),
            Some(false)
        );
    }
}
