//! Background clipboard guard.

use crate::{sanitize, Policy};
use std::borrow::Cow;
use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

const POLL: Duration = Duration::from_millis(250);
/// Give up after this many consecutive clipboard errors (e.g. no display).
const MAX_ERRORS: u32 = 40;

/// Error starting a [`Guard`].
#[derive(Debug)]
pub struct GuardError(arboard::Error);

impl fmt::Display for GuardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot open clipboard: {}", self.0)
    }
}

impl std::error::Error for GuardError {}

#[derive(Default)]
struct Shared {
    stop: AtomicBool,
    cleaned: AtomicU64,
}

/// Keeps the system clipboard sanitized while alive.
///
/// Dropping the guard stops the background thread.
pub struct Guard {
    shared: Arc<Shared>,
    handle: Option<JoinHandle<()>>,
}

impl Guard {
    /// Start guarding the clipboard with [`Policy::clipboard`].
    pub fn spawn() -> Result<Guard, GuardError> {
        Guard::with_policy(Policy::clipboard())
    }

    /// Start guarding the clipboard with a custom policy.
    ///
    /// Context folds are always enabled for clipboard text; see
    /// [`Policy::context_folds`].
    pub fn with_policy(mut policy: Policy) -> Result<Guard, GuardError> {
        policy.context_folds = true;
        // Fail early (in the caller's thread) if there is no clipboard at all.
        let clip = arboard::Clipboard::new().map_err(GuardError)?;
        let shared = Arc::new(Shared::default());
        let s2 = Arc::clone(&shared);
        let handle = thread::Builder::new()
            .name("smartpaste-guard".into())
            .spawn(move || run(clip, policy, s2))
            .expect("spawn guard thread");
        Ok(Guard { shared, handle: Some(handle) })
    }

    /// Number of times the guard rewrote the clipboard.
    pub fn cleaned(&self) -> u64 {
        self.shared.cleaned.load(Ordering::Relaxed)
    }

    /// Stop the guard and wait for the thread.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn run(mut clip: arboard::Clipboard, policy: Policy, shared: Arc<Shared>) {
    let mut last: Option<String> = None;
    let mut errors = 0u32;

    while !shared.stop.load(Ordering::Relaxed) {
        thread::sleep(POLL);
        let text = match clip.get_text() {
            Ok(t) => {
                errors = 0;
                t
            }
            Err(arboard::Error::ContentNotAvailable) => continue, // image, files...
            Err(_) => {
                errors += 1;
                if errors > MAX_ERRORS {
                    return;
                }
                continue;
            }
        };
        if last.as_deref() == Some(text.as_str()) {
            continue;
        }
        // Very large selections are left alone: users copying a log file
        // don't want a 250 ms stall on every poll.
        if text.len() > 64 * 1024 {
            last = Some(text);
            continue;
        }
        let cleaned = match sanitize(&text, &policy) {
            (Cow::Owned(c), _) => c,
            (Cow::Borrowed(_), _) => {
                last = Some(text);
                continue;
            }
        };
        if clip.set_text(cleaned.clone()).is_ok() {
            shared.cleaned.fetch_add(1, Ordering::Relaxed);
        }
        last = Some(cleaned);
    }
}
