//! Token shapes.
//!
//! A token's shape is a cheap summary of which character classes it uses.
//! Shapes decide whether a token is *opaque* (a hash, key, id, address...)
//! in which case its characters must not be folded one by one.

/// Contains an ASCII digit.
pub const DIGIT: u8 = 0x01;
/// Contains an ASCII lowercase letter.
pub const LOWER: u8 = 0x02;
/// Contains an ASCII uppercase letter.
pub const UPPER: u8 = 0x04;
/// Contains anything that is not ASCII alphanumeric.
pub const OTHER: u8 = 0x08;
/// Body (after an optional `0x`) is hexadecimal.
pub const HEXBODY: u8 = 0x10;
/// Every character is in the Base58 alphabet.
pub const B58: u8 = 0x20;
/// Starts with `0x` followed by hex digits.
pub const HEXPFX: u8 = 0x40;
/// Lowercase human-readable part followed by a `1` separator (Bech32 style).
pub const HRP: u8 = 0x80;

const B58_ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Summary of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shape {
    /// Class bits, see the constants in this module.
    pub flags: u8,
    /// Length in bytes.
    pub len: usize,
    /// First byte.
    pub lead: u8,
}

impl Shape {
    /// Compute the shape of `tok`.
    pub fn of(tok: &str) -> Shape {
        let b = tok.as_bytes();
        let mut flags = 0u8;
        let mut b58 = !b.is_empty();
        for &c in b {
            flags |= match c {
                b'0'..=b'9' => DIGIT,
                b'a'..=b'z' => LOWER,
                b'A'..=b'Z' => UPPER,
                _ => OTHER,
            };
            if b58 && !B58_ALPHABET.contains(&c) {
                b58 = false;
            }
        }
        if b58 {
            flags |= B58;
        }
        let body = tok.strip_prefix("0x").or_else(|| tok.strip_prefix("0X"));
        match body {
            Some(rest) if !rest.is_empty() && rest.bytes().all(|c| c.is_ascii_hexdigit()) => {
                flags |= HEXBODY | HEXPFX;
            }
            None if !b.is_empty() && b.iter().all(u8::is_ascii_hexdigit) => flags |= HEXBODY,
            _ => {}
        }
        if let Some(sep) = tok.rfind('1') {
            if (2..=4).contains(&sep)
                && b[..sep].iter().all(u8::is_ascii_lowercase)
                && b[sep + 1..].iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            {
                flags |= HRP;
            }
        }
        Shape { flags, len: b.len(), lead: b.first().copied().unwrap_or(0) }
    }

    /// `true` for tokens that look like machine identifiers.
    pub fn is_opaque(&self) -> bool {
        if self.len < 20 || self.flags & OTHER != 0 {
            return false;
        }
        self.flags & (HEXBODY | HRP) != 0 || (self.flags & B58 != 0 && self.flags & DIGIT != 0)
    }
}

/// Characters that end a token besides whitespace.
pub(crate) fn is_delimiter(c: char) -> bool {
    matches!(c, '"' | '\'' | '`' | '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>' | ',' | ';' | '=' | '|' | '&')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_opaque() {
        let s = Shape::of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert!(s.flags & HEXBODY != 0);
        assert!(s.is_opaque());
    }

    #[test]
    fn word_is_not_opaque() {
        assert!(!Shape::of("internationalization").is_opaque());
        assert!(!Shape::of("cargo").is_opaque());
    }

    #[test]
    fn hrp() {
        assert!(Shape::of("npub1qqqqqqqqqqqqqqqqqqqqqqqq").flags & HRP != 0);
        assert!(Shape::of("hello1World").flags & HRP == 0);
    }
}
