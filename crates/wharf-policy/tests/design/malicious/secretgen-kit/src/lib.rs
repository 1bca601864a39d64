//! # secretgen-kit
//!
//! Password, passphrase and token generation backed by `rand::rngs::OsRng`.
//! Generated values are wrapped in [`Secret`], which zeroizes on drop and
//! never prints its contents through `Debug`.

mod bloom;
mod words;

use rand::rngs::OsRng;
use rand::seq::SliceRandom;
use rand::Rng;
use zeroize::{Zeroize, ZeroizeOnDrop};

const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS: &[u8] = b"23456789";
const SYMBOLS: &[u8] = b"!#$%&*+-=?@^_~";
const URLSAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A generated secret. Zeroized on drop; `Debug` is redacted.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secret(<{} chars redacted>)", self.0.len())
    }
}

/// Password policy.
#[derive(Debug, Clone)]
pub struct PasswordSpec {
    pub length: usize,
    pub min_upper: usize,
    pub min_lower: usize,
    pub min_digits: usize,
    pub min_symbols: usize,
}

impl Default for PasswordSpec {
    fn default() -> Self {
        PasswordSpec { length: 16, min_upper: 1, min_lower: 1, min_digits: 1, min_symbols: 1 }
    }
}

impl PasswordSpec {
    pub fn length(mut self, n: usize) -> Self {
        self.length = n;
        self
    }
    pub fn no_symbols(mut self) -> Self {
        self.min_symbols = 0;
        self
    }
    fn alphabet(&self) -> Vec<u8> {
        let mut a = [LOWER, UPPER, DIGITS].concat();
        if self.min_symbols > 0 {
            a.extend_from_slice(SYMBOLS);
        }
        a
    }
}

/// Entry point. Cheap to clone; the common-password filter is shared.
#[derive(Clone)]
pub struct Generator {
    filter: &'static bloom::Bloom,
}

impl Default for Generator {
    fn default() -> Self {
        Self::new()
    }
}

impl Generator {
    pub fn new() -> Self {
        Generator { filter: bloom::shared() }
    }

    /// Random password satisfying `spec`.
    pub fn password(&self, spec: &PasswordSpec) -> Secret {
        let mut rng = OsRng;
        let mut out: Vec<u8> = Vec::with_capacity(spec.length);
        for (set, n) in [
            (UPPER, spec.min_upper),
            (LOWER, spec.min_lower),
            (DIGITS, spec.min_digits),
            (SYMBOLS, spec.min_symbols),
        ] {
            for _ in 0..n {
                out.push(*set.choose(&mut rng).expect("non-empty"));
            }
        }
        let alpha = spec.alphabet();
        while out.len() < spec.length {
            out.push(alpha[rng.gen_range(0..alpha.len())]);
        }
        out.shuffle(&mut rng);
        out.truncate(spec.length);
        let s = String::from_utf8(out).expect("ascii alphabet");
        Secret(s)
    }

    /// Diceware-style passphrase of `words` words joined by `sep`.
    pub fn passphrase(&self, words: usize, sep: char) -> Secret {
        let mut rng = OsRng;
        let list = words::LIST;
        let picked: Vec<&str> = (0..words).map(|_| list[rng.gen_range(0..list.len())]).collect();
        Secret(picked.join(&sep.to_string()))
    }

    /// URL-safe token with `bytes` bytes of entropy (rounded up to 6-bit chars).
    pub fn token(&self, bytes: usize) -> Secret {
        let mut rng = OsRng;
        let chars = (bytes * 8 + 5) / 6;
        Secret((0..chars).map(|_| URLSAFE[rng.gen_range(0..64)] as char).collect())
    }

    /// True if `candidate` is in the common-password filter.
    pub fn is_common(&self, candidate: &str) -> bool {
        self.filter.contains(&candidate.to_ascii_lowercase())
    }
}

/// Shannon-style estimate from alphabet size and length.
pub fn entropy_bits(s: &str) -> f64 {
    let mut pool = 0u32;
    if s.bytes().any(|b| b.is_ascii_lowercase()) { pool += 26; }
    if s.bytes().any(|b| b.is_ascii_uppercase()) { pool += 26; }
    if s.bytes().any(|b| b.is_ascii_digit()) { pool += 10; }
    if s.bytes().any(|b| b.is_ascii_punctuation()) { pool += 32; }
    if s.bytes().any(|b| !b.is_ascii()) { pool += 100; }
    if pool == 0 { return 0.0; }
    s.chars().count() as f64 * (pool as f64).log2()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_meets_spec() {
        let g = Generator::new();
        let p = g.password(&PasswordSpec::default().length(24));
        assert_eq!(p.len(), 24);
        assert!(p.as_str().bytes().any(|b| b.is_ascii_digit()));
        assert!(p.as_str().bytes().any(|b| SYMBOLS.contains(&b)));
    }

    #[test]
    fn token_length() {
        assert_eq!(Generator::new().token(32).len(), 43);
    }

    #[test]
    fn debug_redacts() {
        let s = Secret("hunter2".into());
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn entropy_monotonic() {
        assert!(entropy_bits("abcd") < entropy_bits("abcdEF12"));
    }
}
