//! Heuristics for content we should not persist.

use std::sync::OnceLock;

use regex::Regex;

fn secret_patterns() -> &'static [Regex] {
    static P: OnceLock<Vec<Regex>> = OnceLock::new();
    P.get_or_init(|| {
        [
            r"-----BEGIN [A-Z ]*PRIVATE KEY-----",
            r"^(ghp|gho|ghs)_[A-Za-z0-9]{36}$",
            r"^github_pat_[A-Za-z0-9_]{60,}$",
            r"^xox[baprs]-[A-Za-z0-9-]{10,}$",
            r"^AKIA[0-9A-Z]{16}$",
            r"^(0x)?[0-9a-fA-F]{64}$",
            r"^\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}$",
        ]
        .iter()
        .map(|p| Regex::new(p).unwrap())
        .collect()
    })
}

pub fn looks_secret(s: &str) -> bool {
    let t = s.trim();
    if secret_patterns().iter().any(|r| r.is_match(t)) {
        return true;
    }
    // 12/24 lowercase words: probably a wallet seed phrase
    let words: Vec<&str> = t.split_whitespace().collect();
    matches!(words.len(), 12 | 18 | 24) && words.iter().all(|w| w.chars().all(|c| c.is_ascii_lowercase()))
}

/// Addresses are shown in full in `list` so users can compare every character.
pub fn is_wallet_address(s: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| Regex::new(r"^(0x[0-9a-fA-F]{40}|bc1[02-9ac-hj-np-z]{11,71}|[13][1-9A-HJ-NP-Za-km-z]{25,34})$").unwrap())
        .is_match(s.trim())
}
