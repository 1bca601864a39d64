//! Dependency-free clipboard access for terminal applications.
//!
//! ```no_run
//! let mut cb = termclip::Clipboard::new().unwrap();
//! cb.set_text("copied!").unwrap();
//! ```

#![deny(missing_docs)]

mod backend;
mod normalize;
mod osc52;
mod persist;

use std::fmt;
use std::io;

pub use backend::BackendKind;
pub use normalize::LineEnding;

/// Errors returned by clipboard operations.
#[derive(Debug)]
pub enum Error {
    /// No usable clipboard mechanism was found on this system.
    NoBackend,
    /// The selected backend cannot read (OSC 52 is write-only).
    ReadUnsupported,
    /// The helper program failed.
    Helper {
        /// Program that was run.
        program: &'static str,
        /// Exit status, if any.
        status: Option<i32>,
    },
    /// Clipboard data was not valid UTF-8.
    NotText,
    /// Underlying I/O failure.
    Io(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoBackend => f.write_str("no clipboard backend available"),
            Error::ReadUnsupported => f.write_str("clipboard backend is write-only"),
            Error::Helper { program, status } => match status {
                Some(code) => write!(f, "{program} exited with status {code}"),
                None => write!(f, "{program} was terminated by a signal"),
            },
            Error::NotText => f.write_str("clipboard does not contain UTF-8 text"),
            Error::Io(e) => write!(f, "clipboard I/O error: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// Convenience alias.
pub type Result<T> = std::result::Result<T, Error>;

/// Options that control how text is written.
#[derive(Debug, Clone)]
pub struct Options {
    /// Line ending to use when writing.
    pub line_ending: LineEnding,
    /// Strip a single trailing newline (handy for `echo foo | tool`).
    pub trim_trailing_newline: bool,
    /// Keep the selection alive after the `Clipboard` is dropped (X11/Wayland).
    pub keep_alive: bool,
    /// Force a particular backend instead of auto-detecting.
    pub force_backend: Option<BackendKind>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            line_ending: LineEnding::native(),
            trim_trailing_newline: true,
            keep_alive: true,
            force_backend: None,
        }
    }
}

/// Handle to the system clipboard.
pub struct Clipboard {
    backend: backend::Backend,
    opts: Options,
    dirty: bool,
}

impl fmt::Debug for Clipboard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Clipboard")
            .field("backend", &self.backend.kind())
            .field("opts", &self.opts)
            .finish()
    }
}

impl Clipboard {
    /// Open the clipboard with default options.
    pub fn new() -> Result<Self> {
        Self::with_options(Options::default())
    }

    /// Open the clipboard with explicit options.
    pub fn with_options(opts: Options) -> Result<Self> {
        let backend = match opts.force_backend {
            Some(kind) => backend::Backend::from_kind(kind),
            None => backend::Backend::detect().ok_or(Error::NoBackend)?,
        };
        Ok(Clipboard {
            backend,
            opts,
            dirty: false,
        })
    }

    /// Which backend is in use.
    pub fn backend(&self) -> BackendKind {
        self.backend.kind()
    }

    /// Read the clipboard as text.
    pub fn get_text(&mut self) -> Result<String> {
        let raw = self.backend.read()?;
        let text = String::from_utf8(raw).map_err(|_| Error::NotText)?;
        Ok(normalize::to_unix(&text))
    }

    /// Replace the clipboard contents with `text`.
    pub fn set_text<S: AsRef<str>>(&mut self, text: S) -> Result<()> {
        let mut s = text.as_ref().to_owned();
        if self.opts.trim_trailing_newline {
            normalize::trim_one_newline(&mut s);
        }
        let s = normalize::apply_line_ending(&s, self.opts.line_ending);
        self.backend.write(s.as_bytes())?;
        self.dirty = true;
        Ok(())
    }

    /// Clear the clipboard.
    pub fn clear(&mut self) -> Result<()> {
        self.backend.write(b"")?;
        self.dirty = false;
        Ok(())
    }

    /// Returns true if the clipboard currently holds non-empty text.
    pub fn has_text(&mut self) -> bool {
        self.get_text().map(|t| !t.is_empty()).unwrap_or(false)
    }
}

impl Drop for Clipboard {
    fn drop(&mut self) {
        // X11 and some Wayland compositors drop the selection when its owner
        // goes away; hand it to the keeper so short-lived tools still work.
        if self.opts.keep_alive && self.backend.kind().owns_selection() {
            persist::hand_off(self.backend.clone(), self.dirty);
        }
    }
}

/// One-shot helper: copy `text` with default options.
pub fn copy(text: &str) -> Result<()> {
    Clipboard::new()?.set_text(text)
}

/// One-shot helper: paste text with default options.
pub fn paste() -> Result<String> {
    Clipboard::new()?.get_text()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_default_keep_alive() {
        let o = Options::default();
        assert!(o.keep_alive);
        assert!(o.trim_trailing_newline);
    }

    #[test]
    fn error_display() {
        let e = Error::Helper { program: "xclip", status: Some(1) };
        assert_eq!(e.to_string(), "xclip exited with status 1");
    }
}
