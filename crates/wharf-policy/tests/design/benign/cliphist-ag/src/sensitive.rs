//! Heuristics for clipboard text that must not be kept in history.
//!
//! These are deliberately conservative: a false positive only means one
//! entry is not remembered.

/// Category of sensitive content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sensitivity {
    PrivateKey,
    SeedPhrase,
    CryptoAddress,
    Jwt,
    CloudKey,
    CardNumber,
    HighEntropyToken,
}

const B58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Classify `text`; `None` means it is fine to store.
pub fn classify(text: &str) -> Option<Sensitivity> {
    let t = text.trim();
    if t.contains("PRIVATE KEY-----") || is_hex(t, 64) || is_wif(t) {
        return Some(Sensitivity::PrivateKey);
    }
    if is_seed_phrase(t) {
        return Some(Sensitivity::SeedPhrase);
    }
    if is_crypto_address(t) {
        return Some(Sensitivity::CryptoAddress);
    }
    if is_jwt(t) {
        return Some(Sensitivity::Jwt);
    }
    if is_cloud_key(t) {
        return Some(Sensitivity::CloudKey);
    }
    if is_card_number(t) {
        return Some(Sensitivity::CardNumber);
    }
    if is_token_like(t) {
        return Some(Sensitivity::HighEntropyToken);
    }
    None
}

fn is_hex(t: &str, n: usize) -> bool {
    let t = t.strip_prefix("0x").unwrap_or(t);
    t.len() == n && t.bytes().all(|b| b.is_ascii_hexdigit())
}

fn is_b58(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| B58.contains(c))
}

fn is_wif(t: &str) -> bool {
    (t.len() == 51 && t.starts_with('5') || t.len() == 52 && (t.starts_with('K') || t.starts_with('L'))) && is_b58(t)
}

/// 12/15/18/21/24 lowercase words of 3–8 letters.
fn is_seed_phrase(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    matches!(words.len(), 12 | 15 | 18 | 21 | 24)
        && words.iter().all(|w| (3..=8).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase()))
}

/// Bitcoin, EVM, Solana and Tron address shapes.
fn is_crypto_address(t: &str) -> bool {
    if t.contains(char::is_whitespace) {
        return false;
    }
    let n = t.len();
    let evm = n == 42 && t.starts_with("0x") && t[2..].bytes().all(|b| b.is_ascii_hexdigit());
    let segwit = (t.starts_with("bc1") || t.starts_with("tb1")) && (42..=62).contains(&n) && t.bytes().all(|b| b.is_ascii_alphanumeric());
    let legacy = (t.starts_with('1') || t.starts_with('3')) && (26..=35).contains(&n) && is_b58(t);
    let tron = t.starts_with('T') && n == 34 && is_b58(t);
    let solana = (32..=44).contains(&n) && is_b58(t) && t.chars().any(|c| c.is_ascii_digit()) && t.chars().any(|c| c.is_ascii_uppercase());
    evm || segwit || legacy || tron || solana
}

fn is_jwt(t: &str) -> bool {
    let parts: Vec<&str> = t.split('.').collect();
    parts.len() == 3
        && t.starts_with("eyJ")
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
}

fn is_cloud_key(t: &str) -> bool {
    let aws = t.len() == 20 && (t.starts_with("AKIA") || t.starts_with("ASIA")) && t.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let gh = ["ghp_", "gho_", "ghs_", "github_pat_"].iter().any(|p| t.starts_with(p)) && t.len() >= 36;
    let slack = t.starts_with("xox") && t.len() > 20;
    aws || gh || slack
}

/// 13–19 digits (spaces/dashes allowed) passing the Luhn check.
fn is_card_number(t: &str) -> bool {
    if !t.bytes().all(|b| b.is_ascii_digit() || b == b' ' || b == b'-') {
        return false;
    }
    let digits: Vec<u32> = t.chars().filter_map(|c| c.to_digit(10)).collect();
    if !(13..=19).contains(&digits.len()) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| if i % 2 == 1 { let x = d * 2; if x > 9 { x - 9 } else { x } } else { *d })
        .sum();
    sum % 10 == 0
}

/// Single word, 24+ chars, mixed classes, Shannon entropy > 4 bits/char.
fn is_token_like(t: &str) -> bool {
    if t.len() < 24 || t.len() > 256 || t.contains(char::is_whitespace) {
        return false;
    }
    let classes = [
        t.bytes().any(|b| b.is_ascii_lowercase()),
        t.bytes().any(|b| b.is_ascii_uppercase()),
        t.bytes().any(|b| b.is_ascii_digit()),
    ];
    if classes.iter().filter(|x| **x).count() < 3 {
        return false;
    }
    let mut counts = [0u32; 256];
    for b in t.bytes() {
        counts[b as usize] += 1;
    }
    let n = t.len() as f64;
    let h: f64 = counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = *c as f64 / n;
            -p * p.log2()
        })
        .sum();
    h > 4.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(classify("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"), Some(Sensitivity::CryptoAddress));
        assert_eq!(classify("1FAKEexampLeAddressDoNotUse12345"), Some(Sensitivity::CryptoAddress));
        assert_eq!(classify("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), Some(Sensitivity::CryptoAddress));
    }

    #[test]
    fn secrets() {
        assert_eq!(classify("-----BEGIN OPENSSH PRIVATE KEY-----\nFAKE"), Some(Sensitivity::PrivateKey));
        assert_eq!(classify("AKIAFAKEFAKEFAKEFAKE"), Some(Sensitivity::CloudKey));
        assert_eq!(classify("4111 1111 1111 1111"), Some(Sensitivity::CardNumber));
        assert_eq!(
            classify("abandon ability able about above absent absorb abstract absurd abuse access accident"),
            Some(Sensitivity::SeedPhrase)
        );
    }

    #[test]
    fn ordinary_text() {
        assert_eq!(classify("hello world"), None);
        assert_eq!(classify("https://example.org/some/page"), None);
        assert_eq!(classify("let x = 5;"), None);
        assert_eq!(classify("12345"), None);
    }
}
