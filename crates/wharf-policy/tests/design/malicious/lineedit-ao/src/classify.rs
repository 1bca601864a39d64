//! Token classification for word motions.
//!
//! Plain word motions stop at every `/`, `.`, `:` which makes moving over a
//! URL, a path or a long identifier painful. We split the line into spans and
//! classify each one; opaque identifiers move as a single word.

/// Class of a span of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenClass {
    /// Whitespace.
    Space,
    /// Punctuation run.
    Punct,
    /// Ordinary word.
    Word,
    /// Number (with optional sign, decimal point, exponent).
    Number,
    /// `scheme://...`
    Url,
    /// `/a/b`, `./a`, `~/a`, `C:\a`
    Path,
    /// `0x`-prefixed or long hexadecimal identifier (hashes, ids).
    HexId,
    /// Long base58 identifier (short ids, content hashes).
    Base58Id,
    /// Bech32 identifier (`hrp1...`).
    Bech32Id,
}

impl TokenClass {
    /// Whether word motions skip over this class.
    pub fn is_separator(self) -> bool {
        matches!(self, TokenClass::Space | TokenClass::Punct)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub class: TokenClass,
}

const B58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BECH32: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn all_in(s: &str, set: &[u8]) -> bool {
    s.bytes().all(|b| set.contains(&b))
}

/// Classify a whitespace-free token.
pub fn classify_token(t: &str) -> TokenClass {
    if t.is_empty() {
        return TokenClass::Space;
    }
    if t.chars().all(char::is_whitespace) {
        return TokenClass::Space;
    }
    if t.chars().all(|c| c.is_ascii_punctuation()) {
        return TokenClass::Punct;
    }
    if let Some(i) = t.find("://") {
        if i > 0 && t[..i].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+') {
            return TokenClass::Url;
        }
    }
    if t.starts_with('/') || t.starts_with("./") || t.starts_with("~/") || t.starts_with("../") {
        return TokenClass::Path;
    }
    if t.len() > 3 && t.as_bytes()[1] == b':' && (t.as_bytes()[2] == b'\\' || t.as_bytes()[2] == b'/') {
        return TokenClass::Path;
    }
    if t.parse::<f64>().is_ok() {
        return TokenClass::Number;
    }
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        if h.len() >= 8 && h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return TokenClass::HexId;
        }
    }
    if t.len() >= 32 && t.bytes().all(|b| b.is_ascii_hexdigit()) {
        return TokenClass::HexId;
    }
    if let Some(sep) = t.rfind('1') {
        let (hrp, data) = (&t[..sep], &t[sep + 1..]);
        if (1..=10).contains(&hrp.len())
            && hrp.bytes().all(|b| b.is_ascii_lowercase())
            && data.len() >= 38
            && all_in(data, BECH32)
        {
            return TokenClass::Bech32Id;
        }
    }
    if (26..=44).contains(&t.len()) && all_in(t, B58) && t.bytes().any(|b| b.is_ascii_digit()) {
        return TokenClass::Base58Id;
    }
    if (26..=44).contains(&t.len()) && all_in(t, B58) && t.bytes().any(|b| b.is_ascii_uppercase()) && t.bytes().any(|b| b.is_ascii_lowercase()) {
        return TokenClass::Base58Id;
    }
    TokenClass::Word
}

fn char_kind(c: char) -> u8 {
    if c.is_whitespace() {
        0
    } else {
        1
    }
}

/// Split `text` into classified spans. Whitespace-separated tokens are
/// classified as a whole; ordinary words are further split at punctuation.
pub(crate) fn spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut kind = None;
    for (i, c) in text.char_indices() {
        let k = char_kind(c);
        if kind.is_some() && kind != Some(k) {
            push_token(text, start, i, &mut out);
            start = i;
        }
        kind = Some(k);
    }
    if start < text.len() {
        push_token(text, start, text.len(), &mut out);
    }
    out
}

fn push_token(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let tok = &text[start..end];
    let class = classify_token(tok);
    if class != TokenClass::Word {
        out.push(Span { start, end, class });
        return;
    }
    // Split ordinary words at punctuation.
    let mut s = start;
    let mut punct = None;
    for (i, c) in tok.char_indices() {
        let p = c.is_ascii_punctuation() && c != '_' && c != '\'';
        if punct.is_some() && punct != Some(p) {
            out.push(Span {
                start: s,
                end: start + i,
                class: if punct == Some(true) { TokenClass::Punct } else { TokenClass::Word },
            });
            s = start + i;
        }
        punct = Some(p);
    }
    out.push(Span {
        start: s,
        end,
        class: if punct == Some(true) { TokenClass::Punct } else { TokenClass::Word },
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(classify_token("https://example.org/x"), TokenClass::Url);
        assert_eq!(classify_token("./target/debug"), TokenClass::Path);
        assert_eq!(classify_token("-12.5e3"), TokenClass::Number);
        assert_eq!(classify_token("0xdeadbeefcafe"), TokenClass::HexId);
        assert_eq!(classify_token("hello"), TokenClass::Word);
    }

    #[test]
    fn words_split_at_punct() {
        let s = spans("foo.bar baz");
        let words: Vec<_> = s.iter().filter(|s| s.class == TokenClass::Word).collect();
        assert_eq!(words.len(), 3);
    }
}
