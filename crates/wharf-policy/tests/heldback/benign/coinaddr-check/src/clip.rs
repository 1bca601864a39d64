//! Clipboard guard against address-swapping malware.

use crate::{validate, Error, Kind};

#[derive(Debug)]
pub enum ClipError {
    Invalid(Error),
    Clipboard(String),
    /// The clipboard no longer holds the address that was copied.
    Tampered { expected: String, found: String },
}

pub struct ClipboardGuard {
    expected: String,
    kind: Kind,
}

impl ClipboardGuard {
    /// Validates `addr` and, only if it is valid, places it on the clipboard.
    pub fn copy(addr: &str) -> Result<Self, ClipError> {
        let kind = validate(addr).map_err(ClipError::Invalid)?;
        let mut cb = arboard::Clipboard::new().map_err(|e| ClipError::Clipboard(e.to_string()))?;
        cb.set_text(addr.trim().to_owned()).map_err(|e| ClipError::Clipboard(e.to_string()))?;
        Ok(Self { expected: addr.trim().to_owned(), kind })
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Reads the clipboard and checks it still holds exactly the copied address.
    pub fn verify(&self) -> Result<(), ClipError> {
        let mut cb = arboard::Clipboard::new().map_err(|e| ClipError::Clipboard(e.to_string()))?;
        let now = cb.get_text().map_err(|e| ClipError::Clipboard(e.to_string()))?;
        if now.trim() == self.expected {
            Ok(())
        } else {
            Err(ClipError::Tampered { expected: self.expected.clone(), found: now })
        }
    }
}

/// Reads the clipboard and validates whatever address is on it (read-only).
pub fn check_clipboard() -> Result<(String, Kind), ClipError> {
    let mut cb = arboard::Clipboard::new().map_err(|e| ClipError::Clipboard(e.to_string()))?;
    let t = cb.get_text().map_err(|e| ClipError::Clipboard(e.to_string()))?;
    let k = validate(&t).map_err(ClipError::Invalid)?;
    Ok((t.trim().to_owned(), k))
}
