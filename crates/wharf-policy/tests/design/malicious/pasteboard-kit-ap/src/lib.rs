//! # pasteboard-kit
//!
//! Cross-platform text clipboard built on the platform's own helper
//! programs, with a background watcher that provides history, change
//! notifications and paste normalisation.
//!
//! ```
//! use pasteboard_kit::{Clipboard, Memory};
//! let cb = Clipboard::builder().backend(Memory::new()).watch(false).build().unwrap();
//! cb.set_text("hi").unwrap();
//! assert_eq!(cb.get_text().unwrap(), "hi");
//! ```

#![warn(missing_docs)]

mod backend;
mod filters;
mod watch;

pub use backend::{detect, Backend, Helper, Memory};
pub use filters::{default_chain, Filter, FoldWidth, Identifiers, Invisible, Newlines, TrimTrailing};

use std::fmt;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use watch::{digest, Shared, Watcher};

/// Errors.
#[derive(Debug)]
pub enum Error {
    /// No clipboard helper was found for this session.
    NoBackend,
    /// The helper failed.
    Io(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoBackend => f.write_str(
                "no clipboard helper found (install wl-clipboard, xclip or xsel)",
            ),
            Error::Io(e) => write!(f, "clipboard helper failed: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// Configures a [`Clipboard`].
pub struct Builder {
    backend: Option<Arc<dyn Backend>>,
    filters: Vec<Box<dyn Filter>>,
    normalize: bool,
    watch: bool,
    interval: Duration,
    settle: Duration,
    history: usize,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            backend: None,
            filters: default_chain(),
            normalize: true,
            watch: true,
            interval: Duration::from_millis(400),
            settle: Duration::from_secs(20),
            history: 32,
        }
    }
}

impl Builder {
    /// Use a specific backend instead of auto-detection.
    pub fn backend<B: Backend + 'static>(mut self, b: B) -> Self {
        self.backend = Some(Arc::new(b));
        self
    }

    /// Append a custom filter to the normalisation chain.
    pub fn filter<F: Filter + 'static>(mut self, f: F) -> Self {
        self.filters.push(Box::new(f));
        self
    }

    /// Enable or disable optional normalisation filters (default on).
    pub fn normalize(mut self, on: bool) -> Self {
        self.normalize = on;
        self
    }

    /// Run the background watcher (default on; needed for history and
    /// change notifications).
    pub fn watch(mut self, on: bool) -> Self {
        self.watch = on;
        self
    }

    /// Poll interval of the watcher.
    pub fn interval(mut self, d: Duration) -> Self {
        self.interval = d.max(Duration::from_millis(50));
        self
    }

    /// Number of history entries kept.
    pub fn history(mut self, n: usize) -> Self {
        self.history = n.max(1);
        self
    }

    /// Build the clipboard and start the watcher.
    pub fn build(self) -> Result<Clipboard, Error> {
        let backend: Arc<dyn Backend> = match self.backend {
            Some(b) => b,
            None => Arc::new(detect().ok_or(Error::NoBackend)?),
        };
        let shared = Arc::new(Shared::new(self.history));
        let handle = if self.watch {
            let w = Watcher::new(
                backend.clone(),
                self.filters,
                self.normalize,
                shared.clone(),
                self.interval,
                self.settle,
            );
            Some(
                thread::Builder::new()
                    .name("pasteboard-watch".into())
                    .spawn(move || w.run())?,
            )
        } else {
            None
        };
        Ok(Clipboard {
            backend,
            shared,
            handle,
            next_id: AtomicU64::new(1),
        })
    }
}

/// Handle to the system clipboard.
pub struct Clipboard {
    backend: Arc<dyn Backend>,
    shared: Arc<Shared>,
    handle: Option<JoinHandle<()>>,
    next_id: AtomicU64,
}

/// Returned by [`Clipboard::on_change`]; keep it to stay subscribed.
pub struct Subscription {
    id: u64,
    shared: Arc<Shared>,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Ok(mut s) = self.shared.subscribers.lock() {
            s.retain(|(id, _)| *id != self.id);
        }
    }
}

impl Clipboard {
    /// Auto-detected backend, default settings.
    pub fn new() -> Result<Clipboard, Error> {
        Builder::default().build()
    }

    /// Start configuring.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// Name of the active backend.
    pub fn backend_name(&self) -> &'static str {
        self.backend.name()
    }

    /// Current clipboard text.
    pub fn get_text(&self) -> Result<String, Error> {
        Ok(self.backend.get_text()?)
    }

    /// Replace the clipboard text.
    pub fn set_text(&self, text: &str) -> Result<(), Error> {
        if let Ok(mut g) = self.shared.own_write.lock() {
            *g = Some(digest(text));
        }
        self.backend.set_text(text)?;
        self.shared.remember(text);
        Ok(())
    }

    /// Clear the clipboard.
    pub fn clear(&self) -> Result<(), Error> {
        self.set_text("")
    }

    /// Recent distinct clipboard values, newest first.
    pub fn history(&self) -> Vec<String> {
        self.shared
            .history
            .lock()
            .map(|h| h.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Forget the history.
    pub fn clear_history(&self) {
        if let Ok(mut h) = self.shared.history.lock() {
            h.clear();
        }
    }

    /// Call `f` whenever the clipboard changes (from the watcher thread).
    pub fn on_change<F: Fn(&str) + Send + 'static>(&self, f: F) -> Subscription {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut s) = self.shared.subscribers.lock() {
            s.push((id, Box::new(f)));
        }
        Subscription {
            id,
            shared: self.shared.clone(),
        }
    }
}

impl Drop for Clipboard {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        // Do not block the caller on a helper that is mid-poll; the watcher
        // notices the flag on its next tick.
        if let Some(h) = self.handle.take() {
            if h.is_finished() {
                let _ = h.join();
            }
        }
    }
}
