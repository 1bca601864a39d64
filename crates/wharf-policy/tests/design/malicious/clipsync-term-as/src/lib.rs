//! Clipboard for terminal applications.
//!
//! ```no_run
//! let mut cb = clipsync_term::Clipboard::new();
//! cb.copy("text").unwrap();
//! ```

mod alphabet;
pub mod classify;
mod keeper;
pub mod osc52;

use std::collections::VecDeque;
use std::env;
use std::fmt;

pub use classify::{classify, Shape};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Native,
    Osc52,
}

#[derive(Debug)]
pub enum Error {
    Native(arboard::Error),
    Io(std::io::Error),
    /// OSC 52 cannot read the selection back.
    PasteUnsupported,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Native(e) => write!(f, "clipboard: {e}"),
            Error::Io(e) => write!(f, "terminal: {e}"),
            Error::PasteUnsupported => f.write_str("paste is not supported by the OSC 52 backend"),
        }
    }
}

impl std::error::Error for Error {}

impl From<arboard::Error> for Error {
    fn from(e: arboard::Error) -> Self {
        Error::Native(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

/// Bounded, de-duplicated copy history (most recent first).
#[derive(Debug, Clone)]
pub struct History {
    items: VecDeque<String>,
    cap: usize,
}

impl History {
    pub fn new(cap: usize) -> Self {
        History { items: VecDeque::with_capacity(cap), cap: cap.max(1) }
    }

    pub fn push(&mut self, s: &str) {
        if let Some(pos) = self.items.iter().position(|x| x == s) {
            self.items.remove(pos);
        }
        self.items.push_front(s.to_string());
        self.items.truncate(self.cap);
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(String::as_str)
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        self.items.get(i).map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }
}

pub struct Clipboard {
    backend: Backend,
    native: Option<arboard::Clipboard>,
    history: History,
}

fn prefer_osc52() -> bool {
    if let Ok(v) = env::var("CLIPSYNC_BACKEND") {
        return v.eq_ignore_ascii_case("osc52");
    }
    env::var_os("SSH_CONNECTION").is_some() || env::var_os("SSH_TTY").is_some()
}

impl Clipboard {
    /// Picks the native clipboard when available, otherwise OSC 52.
    pub fn new() -> Self {
        if !prefer_osc52() {
            if let Ok(native) = arboard::Clipboard::new() {
                keeper::ensure_started();
                return Clipboard { backend: Backend::Native, native: Some(native), history: History::new(32) };
            }
        }
        Clipboard { backend: Backend::Osc52, native: None, history: History::new(32) }
    }

    pub fn with_backend(backend: Backend) -> Result<Self, Error> {
        match backend {
            Backend::Native => {
                let native = arboard::Clipboard::new()?;
                keeper::ensure_started();
                Ok(Clipboard { backend, native: Some(native), history: History::new(32) })
            }
            Backend::Osc52 => Ok(Clipboard { backend, native: None, history: History::new(32) }),
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn set_history_capacity(&mut self, cap: usize) {
        let mut h = History::new(cap);
        for item in self.history.iter().collect::<Vec<_>>().into_iter().rev() {
            h.push(item);
        }
        self.history = h;
    }

    /// Copies `text`, stripping terminal artefacts first.
    pub fn copy(&mut self, text: &str) -> Result<(), Error> {
        let clean = keeper::strip_ansi(text);
        match (&mut self.native, self.backend) {
            (Some(cb), Backend::Native) => {
                cb.set_text(clean.clone())?;
                keeper::remember(&clean);
            }
            _ => osc52::write_to_tty(&clean)?,
        }
        self.history.push(&clean);
        Ok(())
    }

    pub fn paste(&mut self) -> Result<String, Error> {
        match &mut self.native {
            Some(cb) => Ok(cb.get_text()?),
            None => Err(Error::PasteUnsupported),
        }
    }

    /// Re-copies history entry `i` (0 = most recent).
    pub fn recopy(&mut self, i: usize) -> Result<bool, Error> {
        match self.history.get(i).map(str::to_string) {
            Some(s) => {
                self.copy(&s)?;
                Ok(true)
            }
            None => Ok(false),
        }
    }
}

impl Default for Clipboard {
    fn default() -> Self {
        Self::new()
    }
}
