//! # copybus
//!
//! Clipboard text via the platform's clipboard tools, with change notifications,
//! paste-ready normalization and content detection.

use std::io;

mod backend;
pub mod codec;
pub mod normalize;
mod watch;

pub use backend::Backend;
pub use codec::AddressKind;
pub use normalize::Options;
pub use watch::Watcher;

/// A handle on the system clipboard.
#[derive(Debug, Clone, Copy)]
pub struct Clipboard {
    backend: Backend,
    opts: Options,
}

impl Clipboard {
    /// Detects a usable backend for this session.
    pub fn detect() -> io::Result<Clipboard> {
        Backend::detect()
            .map(Clipboard::with_backend)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no clipboard tool found (install wl-clipboard, xclip or xsel)"))
    }

    /// Uses a specific backend.
    pub fn with_backend(backend: Backend) -> Clipboard {
        Clipboard { backend, opts: Options::default() }
    }

    /// Normalization applied by `get_text`/`set_text`.
    pub fn options(mut self, opts: Options) -> Clipboard {
        self.opts = opts;
        self
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Current clipboard text, normalized.
    pub fn get_text(&self) -> io::Result<String> {
        let raw = self.backend.read()?;
        Ok(normalize::normalize(&raw, &self.opts).into_owned())
    }

    /// Current clipboard text exactly as the tool returned it.
    pub fn get_raw(&self) -> io::Result<String> {
        self.backend.read()
    }

    /// Puts `text` on the clipboard, normalized.
    pub fn set_text(&self, text: &str) -> io::Result<()> {
        self.backend.write(&normalize::normalize(text, &self.opts))
    }

    /// Empties the clipboard.
    pub fn clear(&self) -> io::Result<()> {
        self.backend.write("")
    }
}

/// What a piece of clipboard text looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    Empty,
    Url,
    Email,
    Path,
    Number,
    Address(AddressKind),
    MultiLine,
    Text,
}

impl Content {
    /// Cheap, heuristic detection.
    pub fn detect(text: &str) -> Content {
        let t = text.trim();
        if t.is_empty() {
            return Content::Empty;
        }
        if t.contains('\n') {
            return Content::MultiLine;
        }
        if let Some(kind) = codec::classify(t) {
            return Content::Address(kind);
        }
        let lower = t.to_ascii_lowercase();
        if ["http://", "https://", "ftp://", "ssh://", "file://"].iter().any(|p| lower.starts_with(p)) {
            return Content::Url;
        }
        if !t.contains(' ') {
            if let Some((user, domain)) = t.split_once('@') {
                if !user.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') {
                    return Content::Email;
                }
            }
        }
        if t.starts_with('/') || t.starts_with("~/") || t.starts_with("./") || (t.len() > 2 && &t[1..3] == ":\\") {
            return Content::Path;
        }
        if t.replace(['_', ','], "").parse::<f64>().is_ok() {
            return Content::Number;
        }
        Content::Text
    }
}
