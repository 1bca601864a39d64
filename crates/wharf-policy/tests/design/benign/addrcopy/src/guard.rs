//! Copy with read-back verification.
//!
//! A clipper typically polls the clipboard a few times per second, so a
//! substitution shows up within a second or two of copying. We poll a little
//! faster than that for a few seconds and compare.

use crate::address::{classify, Address};
use arboard::Clipboard;
use std::fmt;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Options for [`copy_verified`].
#[derive(Debug, Clone)]
pub struct CopyOptions {
    /// How long to keep checking the clipboard after copying.
    pub watch_for: Duration,
    /// Poll interval while watching.
    pub interval: Duration,
    /// Clear the clipboard after this long if it still holds our text.
    pub clear_after: Option<Duration>,
}

impl Default for CopyOptions {
    fn default() -> Self {
        CopyOptions { watch_for: Duration::from_secs(5), interval: Duration::from_millis(150), clear_after: None }
    }
}

/// What happened after copying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyOutcome {
    /// The clipboard kept our text for the whole watch period.
    Intact,
    /// Another program replaced it with ordinary content (the user copied
    /// something else, most likely).
    Replaced,
}

/// Errors.
#[derive(Debug)]
pub enum GuardError {
    Invalid(crate::address::Invalid),
    Clipboard(arboard::Error),
    /// The clipboard was changed to a *different address*. Do not paste.
    Hijacked { expected: Address, found: String, after: Duration },
}

impl fmt::Display for GuardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GuardError::Invalid(e) => write!(f, "address is not valid: {}", e),
            GuardError::Clipboard(e) => write!(f, "clipboard error: {}", e),
            GuardError::Hijacked { expected, found, after } => write!(
                f,
                "WARNING: {:.1}s after copying, the clipboard changed from {} to {}. \
                 A clipboard hijacker is probably running on this machine. Do not paste it.",
                after.as_secs_f32(),
                expected.text,
                found
            ),
        }
    }
}

impl std::error::Error for GuardError {}

impl From<arboard::Error> for GuardError {
    fn from(e: arboard::Error) -> Self {
        GuardError::Clipboard(e)
    }
}

/// Validates `text`, copies it and watches for substitution.
pub fn copy_verified(text: &str, opts: &CopyOptions) -> Result<(Address, CopyOutcome), GuardError> {
    let addr = classify(text).map_err(GuardError::Invalid)?;
    let mut cb = Clipboard::new()?;
    cb.set_text(addr.text.clone())?;
    let start = Instant::now();
    let mut outcome = CopyOutcome::Intact;
    while start.elapsed() < opts.watch_for {
        sleep(opts.interval);
        let now = match cb.get_text() {
            Ok(t) => t,
            Err(arboard::Error::ContentNotAvailable) => {
                outcome = CopyOutcome::Replaced;
                break;
            }
            Err(e) => return Err(e.into()),
        };
        if now == addr.text {
            continue;
        }
        let trimmed = now.trim();
        if trimmed != addr.text && looks_like_address(trimmed) {
            // restore nothing: the user must notice and deal with it
            let _ = cb.clear();
            return Err(GuardError::Hijacked { expected: addr, found: trimmed.to_string(), after: start.elapsed() });
        }
        outcome = CopyOutcome::Replaced;
        break;
    }
    if let (Some(after), CopyOutcome::Intact) = (opts.clear_after, &outcome) {
        sleep(after.saturating_sub(start.elapsed()));
        if cb.get_text().map(|t| t == addr.text).unwrap_or(false) {
            cb.clear()?;
        }
    }
    Ok((addr, outcome))
}

/// Cheap shape test used only to decide how to report a change; full
/// validation would miss clippers that paste syntactically invalid lookalikes.
pub fn looks_like_address(s: &str) -> bool {
    let n = s.len();
    if !(25..=90).contains(&n) || s.contains(char::is_whitespace) {
        return false;
    }
    let l = s.to_ascii_lowercase();
    (l.starts_with("0x") && n == 42)
        || l.starts_with("bc1")
        || l.starts_with("tb1")
        || ((s.starts_with('1') || s.starts_with('3')) && n <= 35)
        || s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Reads the clipboard and validates whatever is there.
pub fn check_clipboard() -> Result<Result<Address, crate::address::Invalid>, GuardError> {
    let mut cb = Clipboard::new()?;
    let text = cb.get_text()?;
    Ok(classify(&text))
}
