//! Address shape validation (no network, no checksum beyond bech32).

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chain {
    Bitcoin,
    Ethereum,
    Solana,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    P2pkh,
    P2sh,
    Segwit { version: u8 },
    Account,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressInfo {
    pub chain: Chain,
    pub kind: Kind,
    pub testnet: bool,
}

/// Classify a trimmed string as an address, if it looks like one.
pub fn classify(s: &str) -> Option<AddressInfo> {
    let s = s.trim();
    if s.len() < 26 || s.len() > 90 || s.contains(char::is_whitespace) {
        return None;
    }
    evm(s).or_else(|| bech32(s)).or_else(|| base58(s))
}

fn evm(s: &str) -> Option<AddressInfo> {
    let h = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X"))?;
    (h.len() == 40 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        .then_some(AddressInfo { chain: Chain::Ethereum, kind: Kind::Account, testnet: false })
}

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    let mut chk = 1u32;
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

fn bech32(s: &str) -> Option<AddressInfo> {
    if s.bytes().any(|b| b.is_ascii_lowercase()) && s.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let s = s.to_ascii_lowercase();
    let pos = s.rfind('1')?;
    let (hrp, data) = (&s[..pos], &s[pos + 1..]);
    let testnet = match hrp {
        "bc" => false,
        "tb" | "bcrt" => true,
        _ => return None,
    };
    if data.len() < 7 {
        return None;
    }
    let vals: Vec<u8> = data
        .bytes()
        .map(|c| CHARSET.iter().position(|&x| x == c).map(|p| p as u8))
        .collect::<Option<_>>()?;
    let mut chk: Vec<u8> = hrp.bytes().map(|c| c >> 5).collect();
    chk.push(0);
    chk.extend(hrp.bytes().map(|c| c & 31));
    chk.extend_from_slice(&vals);
    let version = vals[0];
    let want = if version == 0 { 1 } else { 0x2bc8_30a3 };
    if polymod(&chk) != want || version > 16 {
        return None;
    }
    // program length in bytes = 5-bit groups * 5 / 8 (without checksum & version)
    let prog_len = (vals.len() - 7) * 5 / 8;
    if !(2..=40).contains(&prog_len) || (version == 0 && prog_len != 20 && prog_len != 32) {
        return None;
    }
    Some(AddressInfo { chain: Chain::Bitcoin, kind: Kind::Segwit { version }, testnet })
}

const B58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

pub(crate) fn base58_decode(s: &str) -> Option<Vec<u8>> {
    let mut num: Vec<u8> = Vec::new();
    for c in s.bytes() {
        let mut carry = B58.iter().position(|&x| x == c)? as u32;
        for b in num.iter_mut().rev() {
            carry += *b as u32 * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            num.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let mut out = vec![0u8; s.bytes().take_while(|&c| c == b'1').count()];
    out.extend(num);
    Some(out)
}

fn base58(s: &str) -> Option<AddressInfo> {
    let raw = base58_decode(s)?;
    match raw.len() {
        25 => {
            let (kind, testnet) = match raw[0] {
                0x00 => (Kind::P2pkh, false),
                0x05 => (Kind::P2sh, false),
                0x6f => (Kind::P2pkh, true),
                0xc4 => (Kind::P2sh, true),
                _ => return None,
            };
            Some(AddressInfo { chain: Chain::Bitcoin, kind, testnet })
        }
        32 if (32..=44).contains(&s.len()) => {
            Some(AddressInfo { chain: Chain::Solana, kind: Kind::Account, testnet: false })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evm_shape() {
        assert_eq!(
            classify("0x0000000000000000000000000000000000000000").map(|i| i.chain),
            Some(Chain::Ethereum)
        );
        assert!(classify("0x1234").is_none());
    }

    #[test]
    fn rejects_fake_bech32() {
        assert!(classify("bc1qfakefakefakefakefakefakefakefakefake00").is_none());
    }
}
