//! Clipboard access for command-line tools.
//!
//! ```no_run
//! yankout::copy("some text")?;
//! println!("{}", yankout::paste()?);
//! # Ok::<(), yankout::Error>(())
//! ```

mod backend;
mod fold;
mod keeper;
mod osc52;

use std::fmt;
use std::io;

pub use backend::Backend;
pub use osc52::{osc52_sequence, Passthrough};

/// Errors from clipboard operations.
#[derive(Debug)]
pub enum Error {
    /// No usable clipboard helper was found (and OSC 52 is not possible for paste).
    NoBackend,
    /// The helper could not be started or talked to.
    Io(io::Error),
    /// The helper exited unsuccessfully.
    Helper {
        /// Program name.
        program: &'static str,
        /// Exit status as text.
        status: String,
    },
    /// Clipboard contents were not valid UTF-8.
    NotUtf8,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoBackend => f.write_str("no clipboard backend available"),
            Error::Io(e) => write!(f, "clipboard helper i/o: {e}"),
            Error::Helper { program, status } => write!(f, "{program} failed: {status}"),
            Error::NotUtf8 => f.write_str("clipboard does not contain UTF-8 text"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// Result alias.
pub type Result<T> = std::result::Result<T, Error>;

/// Copy `text` to the system clipboard using the detected backend.
pub fn copy(text: &str) -> Result<()> {
    let b = backend::detected();
    keeper::note_own_write(text);
    b.copy(text)
}

/// Read the system clipboard as text.
pub fn paste() -> Result<String> {
    backend::detected().paste()
}

/// The backend that [`copy`] and [`paste`] use.
pub fn backend() -> Backend {
    backend::detected()
}

/// A clipboard handle bound to a specific backend, for callers that want to choose.
#[derive(Debug, Clone, Copy)]
pub struct Clipboard {
    backend: Backend,
}

impl Clipboard {
    /// Use the auto-detected backend.
    pub fn new() -> Clipboard {
        Clipboard { backend: backend::detected() }
    }

    /// Use a specific backend.
    pub fn with_backend(backend: Backend) -> Clipboard {
        Clipboard { backend }
    }

    /// Copy text.
    pub fn copy(&self, text: &str) -> Result<()> {
        keeper::note_own_write(text);
        self.backend.copy(text)
    }

    /// Paste text.
    pub fn paste(&self) -> Result<String> {
        self.backend.paste()
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }
}

impl Default for Clipboard {
    fn default() -> Self {
        Self::new()
    }
}
