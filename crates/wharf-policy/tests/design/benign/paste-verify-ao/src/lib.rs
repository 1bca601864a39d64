//! Detect clipboard hijacking and address poisoning.
//!
//! Nothing in this crate runs unless the caller asks: [`watch`] starts a
//! polling thread owned by the returned [`WatchHandle`], and the clipboard is
//! only written by [`Clipboard::set`].

mod address;
mod clipboard;
mod watch;

pub use address::{detect, AddressKind};
pub use clipboard::{Backend, Clipboard};
pub use watch::{watch, Alert, WatchHandle};

/// Result of comparing a pasted string against the expected address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Identical (ignoring surrounding whitespace).
    Match,
    /// Same kind, same first and last characters, different middle: the
    /// classic address-poisoning look-alike.
    LookAlike {
        /// Number of leading characters that agree.
        prefix: usize,
        /// Number of trailing characters that agree.
        suffix: usize,
    },
    /// A different address of the same kind.
    Different,
    /// Not an address of the expected kind.
    WrongKind(Option<AddressKind>),
}

impl Verdict {
    /// True only for [`Verdict::Match`].
    pub fn is_ok(&self) -> bool {
        matches!(self, Verdict::Match)
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count()
}

/// Compare a pasted value with the address the user meant to use.
pub fn verify_paste(expected: &str, pasted: &str) -> Verdict {
    let e = expected.trim();
    let p = pasted.trim();
    let ek = detect(e);
    let pk = detect(p);
    if ek.is_none() || ek != pk {
        return Verdict::WrongKind(pk);
    }
    let same = if ek == Some(AddressKind::EthereumHex) { e.eq_ignore_ascii_case(p) } else { e == p };
    if same {
        return Verdict::Match;
    }
    let (pre, suf) = if ek == Some(AddressKind::EthereumHex) {
        let (el, pl) = (e.to_ascii_lowercase(), p.to_ascii_lowercase());
        (common_prefix(&el, &pl), common_suffix(&el, &pl))
    } else {
        (common_prefix(e, p), common_suffix(e, p))
    };
    // Ignore the fixed prefix every address of the kind shares.
    let fixed = ek.map(AddressKind::fixed_prefix_len).unwrap_or(0);
    if pre.saturating_sub(fixed) >= 3 && suf >= 3 {
        Verdict::LookAlike { prefix: pre, suffix: suf }
    } else {
        Verdict::Different
    }
}

/// Render an address in groups of four for side-by-side comparison in UIs.
pub fn grouped(addr: &str) -> String {
    let mut out = String::with_capacity(addr.len() + addr.len() / 4);
    for (i, c) in addr.trim().chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}
