//! Copy/paste verification.

use crate::{find_addresses, Address};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Minimal clipboard interface so the guard can be tested without a display.
pub trait ClipboardBackend: Send {
    fn get_text(&mut self) -> Option<String>;
    fn set_text(&mut self, s: &str) -> Result<(), String>;
}

#[cfg(feature = "system-clipboard")]
impl ClipboardBackend for arboard::Clipboard {
    fn get_text(&mut self) -> Option<String> {
        arboard::Clipboard::get_text(self).ok()
    }
    fn set_text(&mut self, s: &str) -> Result<(), String> {
        arboard::Clipboard::set_text(self, s.to_string()).map_err(|e| e.to_string())
    }
}

/// In-memory clipboard for tests and headless use.
#[derive(Debug, Default, Clone)]
pub struct MemoryClipboard(pub Arc<Mutex<Option<String>>>);

impl ClipboardBackend for MemoryClipboard {
    fn get_text(&mut self) -> Option<String> {
        self.0.lock().unwrap().clone()
    }
    fn set_text(&mut self, s: &str) -> Result<(), String> {
        *self.0.lock().unwrap() = Some(s.to_string());
        Ok(())
    }
}

/// Result of comparing clipboard/pasted text with what the app copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing was copied through the guard (or it was cleared).
    NothingCopied,
    /// Same address, same spelling.
    Match,
    /// Same destination, different spelling (case, EIP-55).
    SameDestination,
    /// A *different* valid address is present where ours was expected.
    Replaced { expected: String, found: String },
    /// No address at all (user copied something else since).
    NotAnAddress,
}

/// Alert raised by a [`Monitor`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub expected: String,
    pub found: String,
    /// Time between our copy and the change being noticed.
    pub after: Duration,
}

struct Copied {
    addr: Address,
    text: String,
    at: Instant,
}

/// Remembers addresses the app copies and verifies what comes back.
pub struct Guard<B: ClipboardBackend> {
    backend: Mutex<B>,
    copied: Mutex<Option<Copied>>,
}

#[cfg(feature = "system-clipboard")]
impl Guard<arboard::Clipboard> {
    /// Guard over the system clipboard.
    pub fn system() -> Result<Self, String> {
        Ok(Guard::new(arboard::Clipboard::new().map_err(|e| e.to_string())?))
    }
}

impl<B: ClipboardBackend> Guard<B> {
    pub fn new(backend: B) -> Self {
        Guard { backend: Mutex::new(backend), copied: Mutex::new(None) }
    }

    /// Puts the canonical spelling of `addr` on the clipboard and remembers it.
    pub fn copy(&self, addr: &Address) -> Result<(), String> {
        let text = addr.normalized();
        self.backend.lock().unwrap().set_text(&text)?;
        *self.copied.lock().unwrap() = Some(Copied { addr: addr.clone(), text, at: Instant::now() });
        Ok(())
    }

    /// Forgets the remembered address.
    pub fn forget(&self) {
        *self.copied.lock().unwrap() = None;
    }

    fn judge(&self, text: &str) -> Verdict {
        let g = self.copied.lock().unwrap();
        let Some(c) = g.as_ref() else { return Verdict::NothingCopied };
        let trimmed = text.trim();
        if trimmed == c.text {
            return Verdict::Match;
        }
        let found = match Address::parse(trimmed) {
            Ok(a) => Some(a),
            Err(_) => find_addresses(trimmed).into_iter().next().map(|(_, a)| a),
        };
        match found {
            Some(a) if a.same_destination(&c.addr) => Verdict::SameDestination,
            Some(a) => Verdict::Replaced { expected: c.text.clone(), found: a.normalized() },
            None => Verdict::NotAnAddress,
        }
    }

    /// Compares the current clipboard with what was copied.
    pub fn check(&self) -> Verdict {
        let text = self.backend.lock().unwrap().get_text().unwrap_or_default();
        self.judge(&text)
    }

    /// Compares text the user pasted (e.g. from an input event) with what
    /// was copied.
    pub fn verify_pasted(&self, pasted: &str) -> Verdict {
        self.judge(pasted)
    }

    /// Explicit, caller-initiated: if the clipboard holds exactly one
    /// address, rewrite it to its canonical spelling. Refuses (returns
    /// `Ok(None)`) unless the rewritten text decodes to the same destination.
    pub fn normalize_clipboard(&self) -> Result<Option<String>, String> {
        let mut b = self.backend.lock().unwrap();
        let Some(text) = b.get_text() else { return Ok(None) };
        let Ok(addr) = Address::parse(&text) else { return Ok(None) };
        let canon = addr.normalized();
        if canon == text.trim() {
            return Ok(None);
        }
        match Address::parse(&canon) {
            Ok(back) if back.same_destination(&addr) => {
                b.set_text(&canon)?;
                Ok(Some(canon))
            }
            _ => Ok(None),
        }
    }
}

/// Read-only clipboard monitor; stops when dropped.
pub struct Monitor {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Monitor {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl<B: ClipboardBackend + 'static> Guard<B> {
    /// Polls the clipboard every `interval` and calls `on_alert` once per
    /// distinct replacement of the copied address. Never writes to the
    /// clipboard. Keep the returned handle alive while the send dialog is open.
    pub fn monitor<F>(self: &Arc<Self>, interval: Duration, on_alert: F) -> Monitor
    where
        F: Fn(Alert) + Send + 'static,
    {
        let stop = Arc::new(AtomicBool::new(false));
        let s2 = stop.clone();
        let me = Arc::clone(self);
        let thread = thread::spawn(move || {
            let mut last_reported: Option<String> = None;
            while !s2.load(Ordering::Relaxed) {
                thread::sleep(interval);
                if let Verdict::Replaced { expected, found } = me.check() {
                    if last_reported.as_deref() != Some(found.as_str()) {
                        let after = me.copied.lock().unwrap().as_ref().map(|c| c.at.elapsed()).unwrap_or_default();
                        last_reported = Some(found.clone());
                        on_alert(Alert { expected, found, after });
                    }
                }
            }
        });
        Monitor { stop, thread: Some(thread) }
    }
}
