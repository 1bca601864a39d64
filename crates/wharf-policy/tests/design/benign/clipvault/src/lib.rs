//! Clipboard history: record while asked, restore on request.

pub mod store;
pub mod watch;

pub use store::{Entry, History};
pub use watch::{Options, Watcher};

use arboard::Clipboard;

#[derive(Debug)]
pub enum Error {
    Clipboard(arboard::Error),
    Io(std::io::Error),
    Json(serde_json::Error),
    NoSuchEntry(usize),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Clipboard(e) => write!(f, "clipboard: {e}"),
            Error::Io(e) => write!(f, "io: {e}"),
            Error::Json(e) => write!(f, "history file: {e}"),
            Error::NoSuchEntry(i) => write!(f, "no history entry #{i}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<arboard::Error> for Error {
    fn from(e: arboard::Error) -> Self {
        Error::Clipboard(e)
    }
}
impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}
impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Json(e)
    }
}

/// Put history entry `index` (0 = newest) back on the clipboard.
pub fn restore(history: &History, index: usize) -> Result<(), Error> {
    let entry = history.get(index).ok_or(Error::NoSuchEntry(index))?;
    Clipboard::new()?.set_text(entry.text.clone())?;
    Ok(())
}
