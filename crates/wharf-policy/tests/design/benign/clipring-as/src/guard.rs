//! Paste guard: detect clipboard-hijacking ("clipper") substitution of
//! payment addresses between copy and paste.

use crate::shape::{address_family, AddressFamily};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuardVerdict {
    /// Clipboard still holds what the user copied (or was never an address).
    Ok,
    /// The user copied an address but the clipboard now holds non-address text.
    NotAnAddress,
    /// The clipboard holds a different address of the same family.
    Replaced { copied: String, now: String },
}

#[derive(Debug)]
struct Copied {
    text: String,
    family: AddressFamily,
    at: Instant,
}

/// Remembers the last address the *user* copied. Call
/// [`PasteGuard::observe_copy`] from your copy path and
/// [`PasteGuard::check_paste`] right before pasting.
#[derive(Debug)]
pub struct PasteGuard {
    last: Option<Copied>,
    ttl: Duration,
}

impl Default for PasteGuard {
    fn default() -> Self {
        Self::new()
    }
}

impl PasteGuard {
    pub fn new() -> Self {
        PasteGuard { last: None, ttl: Duration::from_secs(600) }
    }

    pub fn with_ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    pub fn observe_copy(&mut self, text: &str) {
        let t = text.trim();
        self.last = address_family(t).map(|family| Copied { text: t.to_string(), family, at: Instant::now() });
    }

    pub fn check_paste(&self, clipboard_now: &str) -> GuardVerdict {
        let Some(c) = &self.last else { return GuardVerdict::Ok };
        if c.at.elapsed() > self.ttl {
            return GuardVerdict::Ok;
        }
        let now = clipboard_now.trim();
        if now == c.text {
            return GuardVerdict::Ok;
        }
        match address_family(now) {
            Some(f) if f == c.family => GuardVerdict::Replaced { copied: c.text.clone(), now: now.to_string() },
            Some(_) => GuardVerdict::Ok,
            None => GuardVerdict::NotAnAddress,
        }
    }

    pub fn forget(&mut self) {
        self.last = None;
    }
}

/// Short, human-checkable rendering: first 6 and last 6 characters.
pub fn fingerprint(addr: &str) -> String {
    let a = addr.trim();
    if a.len() <= 14 {
        return a.to_string();
    }
    format!("{}…{}", &a[..6], &a[a.len() - 6..])
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "0x00000000000000000000000000000000000000aa";
    const B: &str = "0x00000000000000000000000000000000000000bb";

    #[test]
    fn detects_swap() {
        let mut g = PasteGuard::new();
        g.observe_copy(A);
        assert_eq!(g.check_paste(A), GuardVerdict::Ok);
        assert!(matches!(g.check_paste(B), GuardVerdict::Replaced { .. }));
    }

    #[test]
    fn fingerprint_short() {
        assert_eq!(fingerprint(A), "0x0000…0000aa");
    }
}
