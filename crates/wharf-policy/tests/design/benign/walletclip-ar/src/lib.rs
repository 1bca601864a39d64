//! Safe clipboard handling for wallet addresses.
//!
//! Nothing in this crate touches the clipboard unless you call it, and the
//! only background threads are the ones you ask for (`clear_after`,
//! [`TamperWatch`]). Both end on their own.

pub mod addr;
pub mod clipboard;
pub mod watch;

use std::io;
use std::thread;
use std::time::Duration;

pub use addr::{classify, AddressInfo, Chain, Kind};
pub use watch::{TamperEvent, TamperWatch};

#[derive(Debug, Clone, Copy, Default)]
pub struct CopyOptions {
    /// Clear the clipboard after this long, if it still holds our text.
    pub clear_after: Option<Duration>,
}

/// Validate and copy an address.
pub fn copy_address(address: &str, opts: CopyOptions) -> io::Result<AddressInfo> {
    let a = address.trim();
    let info = classify(a).ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, format!("`{}` does not look like an address", a))
    })?;
    clipboard::set_text(a)?;
    if let Some(after) = opts.clear_after {
        let ours = a.to_string();
        let _ = thread::Builder::new().name("walletclip-clear".into()).spawn(move || {
            thread::sleep(after);
            // Only clear if the user has not copied something else since.
            if clipboard::get_text().map(|c| c.trim() == ours).unwrap_or(false) {
                let _ = clipboard::set_text("");
            }
        });
    }
    Ok(info)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// The clipboard holds exactly the expected address.
    Match,
    /// The clipboard holds a different address of the same chain — a strong
    /// sign of clipboard-hijacking malware (or the user copied another one).
    Replaced { found: String },
    /// The clipboard holds something else.
    Other,
}

/// Compare the clipboard with the address the user intends to use.
pub fn verify_clipboard(expected: &str) -> io::Result<Verification> {
    let cur = clipboard::get_text()?;
    let cur = cur.trim();
    let expected = expected.trim();
    if cur == expected {
        return Ok(Verification::Match);
    }
    match (classify(expected), classify(cur)) {
        (Some(e), Some(c)) if e.chain == c.chain => Ok(Verification::Replaced { found: cur.to_string() }),
        _ => Ok(Verification::Other),
    }
}

/// Presentation helpers for manual comparison.
pub mod display {
    /// `"0x1234…"` → `"0x12 34ab cdef …"`: groups of four after the prefix.
    pub fn groups(address: &str) -> String {
        let a = address.trim();
        let (prefix, body) = if let Some(rest) = a.strip_prefix("0x") {
            ("0x", rest)
        } else if let Some(pos) = a.rfind('1').filter(|p| *p <= 4) {
            a.split_at(pos + 1)
        } else {
            ("", a)
        };
        let chunks: Vec<String> = body
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        if prefix.is_empty() {
            chunks.join(" ")
        } else {
            format!("{} {}", prefix, chunks.join(" "))
        }
    }

    /// Keep the first and last `keep` characters: `bc1qxy…0wlh`.
    pub fn abbreviate(address: &str, keep: usize) -> String {
        let a = address.trim();
        if a.chars().count() <= keep * 2 + 1 {
            return a.to_string();
        }
        let head: String = a.chars().take(keep).collect();
        let tail: String = a.chars().rev().take(keep).collect::<Vec<_>>().into_iter().rev().collect();
        format!("{}…{}", head, tail)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn grouping() {
            assert_eq!(groups("0xabcdef12"), "0x abcd ef12");
            assert_eq!(abbreviate("0x0000000000000000000000000000000000000000", 6), "0x0000…000000");
        }
    }
}
