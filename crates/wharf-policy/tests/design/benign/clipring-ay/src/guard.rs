//! Paste guard against clipboard hijackers ("clippers").
//!
//! Clipper malware watches the clipboard and replaces anything that looks
//! like a cryptocurrency address with the attacker's address of the same
//! type. The guard cannot stop that, but it can notice it: remember what
//! the user copied, and check the clipboard again right before the user
//! confirms a paste. It never writes to the clipboard.

use crate::source::ClipSource;

/// Address families recognised by shape only (no checksum validation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressKind {
    /// `0x` + 40 hex digits (Ethereum and EVM chains).
    Evm,
    /// `bc1q…` / `bc1p…` (SegWit / Taproot).
    Bech32,
    /// `1…` / `3…` base58 (legacy Bitcoin).
    Base58Check,
}

fn is_base58(c: u8) -> bool {
    c.is_ascii_alphanumeric() && !matches!(c, b'0' | b'O' | b'I' | b'l')
}

/// Classify a trimmed token.
pub fn classify(token: &str) -> Option<AddressKind> {
    let t = token.trim();
    let b = t.as_bytes();
    if b.len() == 42 && (t.starts_with("0x") || t.starts_with("0X")) && b[2..].iter().all(u8::is_ascii_hexdigit) {
        return Some(AddressKind::Evm);
    }
    let lower = t.to_ascii_lowercase();
    if (lower.starts_with("bc1q") && b.len() == 42) || (lower.starts_with("bc1p") && b.len() == 62) {
        if lower[4..].bytes().all(|c| c.is_ascii_alphanumeric() && !matches!(c, b'1' | b'b' | b'i' | b'o')) {
            return Some(AddressKind::Bech32);
        }
    }
    if (26..=35).contains(&b.len()) && matches!(b[0], b'1' | b'3') && b.iter().copied().all(is_base58) {
        return Some(AddressKind::Base58Check);
    }
    None
}

/// Outcome of [`PasteGuard::check`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The clipboard still holds what was copied.
    Intact,
    /// Nothing was remembered; nothing to compare.
    Unarmed,
    /// The clipboard holds a *different address of the same kind*: the
    /// classic clipper signature. Do not paste.
    Swapped { copied: String, now: String },
    /// The clipboard changed to something else (the user probably copied
    /// something new).
    Changed,
}

/// Remembers the last address the user copied and re-checks it.
#[derive(Default)]
pub struct PasteGuard {
    armed: Option<(AddressKind, String)>,
}

impl PasteGuard {
    pub fn new() -> Self {
        PasteGuard::default()
    }

    /// Call when the user copies `text` (from your UI). Returns the kind if
    /// it looks like an address and the guard is now armed.
    pub fn copied(&mut self, text: &str) -> Option<AddressKind> {
        let kind = classify(text)?;
        self.armed = Some((kind, text.trim().to_owned()));
        Some(kind)
    }

    /// Compare what is on the clipboard now with what was copied.
    pub fn check_text(&self, now: &str) -> Verdict {
        let Some((kind, copied)) = &self.armed else { return Verdict::Unarmed };
        let now = now.trim();
        if now == copied {
            Verdict::Intact
        } else if classify(now) == Some(*kind) {
            Verdict::Swapped { copied: copied.clone(), now: now.to_owned() }
        } else {
            Verdict::Changed
        }
    }

    /// Read the clipboard from `src` and compare.
    pub fn check(&self, src: &dyn ClipSource) -> std::io::Result<Verdict> {
        Ok(self.check_text(&src.read()?))
    }

    pub fn disarm(&mut self) {
        self.armed = None;
    }
}

/// Human-readable comparison that highlights where two addresses differ;
/// clippers often pick addresses that share the first and last characters.
pub fn explain(copied: &str, now: &str) -> String {
    let same_prefix = copied.chars().zip(now.chars()).take_while(|(a, b)| a == b).count();
    let same_suffix = copied.chars().rev().zip(now.chars().rev()).take_while(|(a, b)| a == b).count();
    format!(
        "clipboard address changed since copy\n  copied: {}\n  now:    {}\n  (first {} and last {} characters match - check the middle)",
        copied, now, same_prefix, same_suffix
    )
}
