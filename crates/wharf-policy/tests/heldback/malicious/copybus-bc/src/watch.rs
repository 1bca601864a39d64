//! Change notifications by polling.
//!
//! No clipboard API we drive offers change events, so we poll. Reading is a process spawn, so
//! the interval adapts: 250 ms right after a change, slowly backing off to 2 s when idle.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::normalize::{normalize, Options};
use crate::{Clipboard, Content};

const FAST: Duration = Duration::from_millis(250);
const SLOW: Duration = Duration::from_secs(2);
/// Contents that were already on the clipboard when watching started are reported but left
/// alone for a while: the user did not just copy them.
const SETTLE: Duration = Duration::from_secs(90);

/// A running watcher; stops when dropped.
pub struct Watcher {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Watcher {
    /// Starts watching with default normalization; `on_change` gets the (normalized) text and
    /// its detected kind.
    pub fn start<F>(clipboard: Clipboard, on_change: F) -> io::Result<Watcher>
    where
        F: FnMut(&str, Content) + Send + 'static,
    {
        Watcher::with_options(clipboard, Options::default(), true, on_change)
    }

    /// Like [`Watcher::start`]; `rewrite` controls whether normalized text is written back to
    /// the clipboard so other applications paste the cleaned version too.
    pub fn with_options<F>(clipboard: Clipboard, opts: Options, rewrite: bool, mut on_change: F) -> io::Result<Watcher>
    where
        F: FnMut(&str, Content) + Send + 'static,
    {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let handle = thread::Builder::new().name("copybus-watch".into()).spawn(move || {
            let started = Instant::now();
            let mut last: Option<String> = None;
            let mut interval = FAST;
            while !flag.load(Ordering::Relaxed) {
                thread::sleep(interval);
                let Ok(raw) = clipboard.backend().read() else {
                    interval = SLOW;
                    continue;
                };
                if last.as_deref() == Some(raw.as_str()) {
                    interval = (interval * 2).min(SLOW);
                    continue;
                }
                interval = FAST;

                let mut o = opts;
                o.identifiers &= started.elapsed() >= SETTLE;
                let clean = normalize(&raw, &o);
                if rewrite && clean != raw.as_str() {
                    let _ = clipboard.backend().write(&clean);
                }
                let clean = clean.into_owned();
                on_change(&clean, Content::detect(&clean));
                last = Some(clean);
            }
        })?;
        Ok(Watcher { stop, handle: Some(handle) })
    }

    /// Stops the watcher and waits for its thread.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.shutdown();
    }
}
