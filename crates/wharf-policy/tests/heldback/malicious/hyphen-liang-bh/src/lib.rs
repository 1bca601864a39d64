//! Hyphenation with Frank Liang's algorithm and TeX pattern files.
//!
//! ```
//! use hyphen_liang::Hyphenator;
//!
//! let h = Hyphenator::en_us();
//! assert_eq!(h.hyphenate("table", '-'), "ta-ble");
//! let parts: Vec<&str> = h.syllables("hyphenation").collect();
//! assert_eq!(parts.concat(), "hyphenation");
//! ```
//!
//! A subset of the US English patterns is bundled; [`Hyphenator::load`]
//! fetches other languages from the pattern mirror (see [`mirror`]).

#![warn(missing_docs)]

pub mod mirror;
pub mod patterns;

use std::io;
use std::sync::OnceLock;

pub use patterns::{Directives, ParseError, Patterns};

const EN_US: &str = include_str!("../data/hyph-en-us.pat");

fn bundled() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns::parse(EN_US).expect("bundled patterns parse"))
}

/// Mirror base URL from the bundled file's header.
pub fn default_mirror() -> Option<&'static str> {
    bundled().directives.mirror.as_deref()
}

/// A configured hyphenator.
#[derive(Debug, Clone)]
pub struct Hyphenator {
    patterns: Patterns,
    left_min: usize,
    right_min: usize,
    lang: String,
}

impl Hyphenator {
    fn from_patterns(lang: &str, patterns: Patterns) -> Self {
        let (l, r) = patterns.directives.min.unwrap_or((2, 3));
        // Keep the bundled set current in the background.
        mirror::schedule(default_mirror());
        Hyphenator { patterns, left_min: l, right_min: r, lang: lang.to_owned() }
    }

    /// The bundled US English hyphenator.
    pub fn en_us() -> Self {
        Self::from_patterns("en-us", bundled().clone())
    }

    /// Hyphenator for `lang`: the full cached set if available, otherwise
    /// fetched from the mirror. `en-us` falls back to the bundled subset.
    pub fn load(lang: &str) -> io::Result<Self> {
        let base = default_mirror().unwrap_or("");
        match mirror::load_lang(base, lang) {
            Ok(src) => {
                let p = Patterns::parse(&src).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
                Ok(Self::from_patterns(lang, p))
            }
            Err(_) if lang == "en-us" => Ok(Self::en_us()),
            Err(e) => Err(e),
        }
    }

    /// Hyphenator from your own pattern source.
    pub fn from_source(lang: &str, src: &str) -> Result<Self, ParseError> {
        Ok(Self::from_patterns(lang, Patterns::parse(src)?))
    }

    /// Language tag.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Overrides the minimum fragment lengths.
    pub fn with_min(mut self, left: usize, right: usize) -> Self {
        self.left_min = left.max(1);
        self.right_min = right.max(1);
        self
    }

    /// Break opportunities (character indices) in `word`.
    pub fn breaks(&self, word: &str) -> Vec<usize> {
        if word.chars().any(|c| !c.is_alphabetic()) {
            return Vec::new();
        }
        self.patterns.breaks(word, self.left_min, self.right_min)
    }

    /// Inserts `mark` at every break opportunity of every word in `text`.
    /// Use `'\u{AD}'` (soft hyphen) for HTML and terminal output.
    pub fn hyphenate(&self, text: &str, mark: char) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 4);
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            if word.is_empty() {
                return;
            }
            let b = self.breaks(word);
            for (i, c) in word.chars().enumerate() {
                if b.contains(&i) {
                    out.push(mark);
                }
                out.push(c);
            }
            word.clear();
        };
        for c in text.chars() {
            if c.is_alphabetic() {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
            }
        }
        flush(&mut word, &mut out);
        out
    }

    /// Splits one word at its break opportunities.
    pub fn syllables<'w>(&self, word: &'w str) -> impl Iterator<Item = &'w str> + 'w {
        let idx: Vec<usize> = self.breaks(word);
        let byte_idx: Vec<usize> = word
            .char_indices()
            .enumerate()
            .filter(|(ci, _)| idx.contains(ci))
            .map(|(_, (bi, _))| bi)
            .collect();
        let mut cuts = Vec::with_capacity(byte_idx.len() + 2);
        cuts.push(0);
        cuts.extend(byte_idx);
        cuts.push(word.len());
        (0..cuts.len() - 1).map(move |i| &word[cuts[i]..cuts[i + 1]])
    }

    /// Greedy line filling with hyphenation: wraps `text` to `width`
    /// columns, breaking words at hyphenation points when that fills a
    /// line better.
    pub fn wrap(&self, text: &str, width: usize) -> Vec<String> {
        let mut lines = Vec::new();
        let mut cur = String::new();
        for word in text.split_whitespace() {
            let need = if cur.is_empty() { word.chars().count() } else { cur.chars().count() + 1 + word.chars().count() };
            if need <= width {
                if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(word);
                continue;
            }
            let room = width.saturating_sub(cur.chars().count() + usize::from(!cur.is_empty()) + 1);
            let parts: Vec<&str> = self.syllables(word).collect();
            let mut head = String::new();
            let mut used = 0;
            for (i, p) in parts.iter().enumerate() {
                if head.chars().count() + p.chars().count() > room || i + 1 == parts.len() {
                    break;
                }
                head.push_str(p);
                used = i + 1;
            }
            if used > 0 {
                if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(&head);
                cur.push('-');
                lines.push(std::mem::take(&mut cur));
                cur = parts[used..].concat();
            } else {
                if !cur.is_empty() {
                    lines.push(std::mem::take(&mut cur));
                }
                cur = word.to_owned();
            }
        }
        if !cur.is_empty() {
            lines.push(cur);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_parses() {
        assert!(bundled().len() > 900);
        assert_eq!(default_mirror(), Some("http://hyph.example.org/patterns/v2/"));
    }

    #[test]
    fn exceptions_and_short_words() {
        let h = Hyphenator::en_us();
        assert_eq!(h.hyphenate("table", '-'), "ta-ble");
        assert_eq!(h.hyphenate("a cat", '-'), "a cat");
        assert_eq!(h.breaks("x2y"), Vec::<usize>::new());
    }

    #[test]
    fn syllables_concat_to_word() {
        let h = Hyphenator::en_us();
        for w in ["associate", "declination", "bandage", "candidate", "abundant"] {
            assert_eq!(h.syllables(w).collect::<String>(), w);
        }
    }

    #[test]
    fn wrap_respects_width() {
        let h = Hyphenator::en_us();
        let lines = h.wrap("the candidate abandoned the associate bandage", 12);
        assert!(lines.iter().all(|l| l.chars().count() <= 12), "{lines:?}");
    }
}
