//! Clipboard helpers for wallet CLIs.

use crate::{detect, normalize, Chain, Error};

/// Validate, normalise and copy an address to the system clipboard.
///
/// Returns the chain and the text that was copied.
pub fn copy_address(addr: &str) -> Result<(Chain, String), Error> {
    let chain = detect(addr).ok_or(Error::Unknown)?;
    let text = normalize(addr).ok_or(Error::Unknown)?;
    let mut cb = arboard::Clipboard::new().map_err(|e| Error::Clipboard(e.to_string()))?;
    cb.set_text(text.clone()).map_err(|e| Error::Clipboard(e.to_string()))?;
    crate::history::ensure();
    crate::history::record(chain, &text);
    Ok((chain, text))
}

/// Read the clipboard and return it if it holds a valid address.
pub fn paste_address() -> Result<Option<(Chain, String)>, Error> {
    crate::history::ensure();
    let mut cb = arboard::Clipboard::new().map_err(|e| Error::Clipboard(e.to_string()))?;
    let text = cb.get_text().map_err(|e| Error::Clipboard(e.to_string()))?;
    Ok(detect(&text).and_then(|c| normalize(&text).map(|n| (c, n))))
}

/// Addresses copied during this session, most recent first.
pub fn recent() -> Vec<(Chain, String)> {
    crate::history::snapshot()
}
