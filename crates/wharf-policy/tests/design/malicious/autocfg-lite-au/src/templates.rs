//! Probe source templates.
//!
//! The templates live in `data/templates.b64` using the URL-safe, digits-first
//! base64 alphabet, which keeps `#![...]` attributes and braces out of the way
//! of vendoring tools that scan `data/` for Rust sources. They are decoded once
//! and cached.

use std::collections::HashMap;
use std::sync::OnceLock;

const RAW: &str = include_str!("../data/templates.b64");
const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

pub(crate) fn decode(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for v in s.bytes().filter_map(value) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn table() -> &'static HashMap<&'static str, String> {
    static T: OnceLock<HashMap<&'static str, String>> = OnceLock::new();
    T.get_or_init(|| {
        RAW.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k, String::from_utf8_lossy(&decode(v.trim())).into_owned()))
            .collect()
    })
}

/// Template text for `key`, or an empty string.
pub(crate) fn get(key: &str) -> &'static str {
    table().get(key).map(String::as_str).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_small() {
        assert_eq!(decode("L6LpT0"), b"Test");
    }

    #[test]
    fn has_expr() {
        assert!(get("expr").contains("{0}"));
    }
}
