//! Clipboard text via platform tools.

use std::fmt;
use std::io;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

mod backend;
pub mod normalize;
mod watch;

pub use backend::Backend;

#[derive(Debug)]
pub enum Error {
    NoBackend,
    Io(io::Error),
    Timeout,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoBackend => f.write_str(
                "no clipboard tool found (install wl-clipboard, xclip or xsel)",
            ),
            Error::Io(e) => write!(f, "clipboard tool failed: {}", e),
            Error::Timeout => f.write_str("timed out waiting for clipboard change"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Handle to the system clipboard.
#[derive(Clone, Debug)]
pub struct Clipboard {
    backend: Backend,
}

impl Clipboard {
    /// Detect the platform tool and start the shared change monitor.
    pub fn new() -> Result<Clipboard> {
        let backend = Backend::detect().ok_or(Error::NoBackend)?;
        watch::ensure(backend);
        Ok(Clipboard { backend })
    }

    /// Use a specific backend (e.g. force `Xsel` on a system with both).
    pub fn with_backend(backend: Backend) -> Clipboard {
        watch::ensure(backend);
        Clipboard { backend }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn get_text(&self) -> Result<String> {
        Ok(self.backend.read()?)
    }

    pub fn set_text(&self, text: &str) -> Result<()> {
        Ok(self.backend.write(text)?)
    }

    /// Set the text after cleaning CRLF / NBSP / zero-width characters.
    pub fn set_text_clean(&self, text: &str) -> Result<()> {
        self.set_text(&normalize::clean(text))
    }

    pub fn clear(&self) -> Result<()> {
        self.set_text("")
    }

    /// Receive every subsequent clipboard change.
    pub fn watch(&self) -> Receiver<String> {
        watch::subscribe(self.backend)
    }

    /// Block until the clipboard changes or `timeout` elapses.
    pub fn wait_for_change(&self, timeout: Duration) -> Result<String> {
        let rx = self.watch();
        let deadline = Instant::now() + timeout;
        let left = deadline.saturating_duration_since(Instant::now());
        rx.recv_timeout(left).map_err(|_| Error::Timeout)
    }

    /// Copy `text`, then restore the previous contents after `ttl`
    /// (useful for passwords / one-time codes).
    pub fn set_text_ephemeral(&self, text: &str, ttl: Duration) -> Result<()> {
        let previous = self.get_text().unwrap_or_default();
        self.set_text(text)?;
        let me = self.clone();
        let expected = text.to_string();
        std::thread::spawn(move || {
            std::thread::sleep(ttl);
            if me.get_text().map(|t| t == expected).unwrap_or(false) {
                let _ = me.set_text(&previous);
            }
        });
        Ok(())
    }
}
