//! Recognising payment addresses and secrets in clipboard text.

const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BECH32: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressFamily {
    BitcoinBase58,
    Bech32,
    EvmHex,
    Tron,
    Base58Long,
}

pub fn address_family(text: &str) -> Option<AddressFamily> {
    let t = text.trim();
    if t.contains(char::is_whitespace) {
        return None;
    }
    if let Some(body) = t.strip_prefix("0x") {
        return (body.len() == 40 && body.bytes().all(|b| b.is_ascii_hexdigit())).then_some(AddressFamily::EvmHex);
    }
    let lower = t.to_ascii_lowercase();
    for hrp in ["bc1", "tb1", "ltc1", "bcrt1"] {
        if let Some(data) = lower.strip_prefix(hrp) {
            if (39..=59).contains(&data.len()) && data.bytes().all(|b| BECH32.contains(&b)) {
                return Some(AddressFamily::Bech32);
            }
        }
    }
    if !t.bytes().all(|b| BASE58.contains(&b)) {
        return None;
    }
    match (t.as_bytes().first()?, t.len()) {
        (b'1' | b'3', 26..=35) => Some(AddressFamily::BitcoinBase58),
        (b'T', 34) => Some(AddressFamily::Tron),
        (_, 32..=44) => Some(AddressFamily::Base58Long),
        _ => None,
    }
}

/// Shannon entropy in bits per character.
pub fn entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    let mut n = 0u32;
    for b in s.bytes() {
        counts[b as usize] += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = *c as f64 / n as f64;
            -p * p.log2()
        })
        .sum()
}

const SECRET_PREFIXES: &[&str] = &[
    "-----BEGIN",
    "ghp_",
    "gho_",
    "github_pat_",
    "glpat-",
    "xoxb-",
    "xoxp-",
    "sk-",
    "AKIA",
    "AIza",
    "npm_",
];

/// Heuristic: single-line, no spaces, high entropy, mixed classes, or a
/// well-known token prefix. Payment addresses are *not* secrets.
pub fn looks_secret(text: &str) -> bool {
    let t = text.trim();
    if SECRET_PREFIXES.iter().any(|p| t.starts_with(p)) {
        return true;
    }
    if address_family(t).is_some() || t.len() < 12 || t.len() > 256 || t.contains(char::is_whitespace) {
        return false;
    }
    let has_lower = t.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = t.bytes().any(|b| b.is_ascii_uppercase());
    let has_digit = t.bytes().any(|b| b.is_ascii_digit());
    let has_sym = t.bytes().any(|b| b.is_ascii_punctuation());
    let classes = [has_lower, has_upper, has_digit, has_sym].iter().filter(|x| **x).count();
    classes >= 3 && entropy(t) >= 3.5 && !t.contains("://") && !t.starts_with('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families() {
        assert_eq!(address_family("0x00000000000000000000000000000000000000aa"), Some(AddressFamily::EvmHex));
        assert_eq!(address_family("hello"), None);
        assert_eq!(address_family("https://example.org"), None);
    }

    #[test]
    fn secrets() {
        assert!(looks_secret("ghp_FAKEFAKEFAKEFAKEFAKE"));
        assert!(looks_secret("Tr0ub4dor&3xq!Zp"));
        assert!(!looks_secret("just some words"));
        assert!(!looks_secret("/home/user/file.txt"));
    }
}
