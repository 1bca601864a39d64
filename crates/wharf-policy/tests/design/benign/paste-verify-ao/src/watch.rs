//! Caller-controlled clipboard watching.

use crate::address::detect;
use crate::clipboard::Clipboard;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// What the watcher noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alert {
    /// The clipboard now holds a different address of the same kind as the
    /// one being watched: probable clipboard hijacking.
    Replaced {
        /// The address the application put there.
        expected: String,
        /// What is there now.
        found: String,
    },
    /// The clipboard no longer holds an address at all (user copied
    /// something else). Informational.
    Cleared,
}

/// Owns the watcher thread; dropping it stops watching.
#[derive(Debug)]
pub struct WatchHandle {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl WatchHandle {
    /// Stop watching and wait for the thread to finish.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for WatchHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Watch the clipboard while `expected` is supposed to be on it.
///
/// Polls every `interval` (clamped to 100 ms .. 5 s). Each distinct change is
/// reported once through `on_alert`. The clipboard is only read.
pub fn watch<F>(clip: Clipboard, expected: &str, interval: Duration, mut on_alert: F) -> WatchHandle
where
    F: FnMut(Alert) + Send + 'static,
{
    let interval = interval.clamp(Duration::from_millis(100), Duration::from_secs(5));
    let expected = expected.trim().to_owned();
    let kind = detect(&expected);
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let thread = thread::Builder::new()
        .name("paste-verify-watch".into())
        .spawn(move || {
            let mut last = expected.clone();
            while !flag.load(Ordering::SeqCst) {
                thread::sleep(interval);
                let now = match clip.get() {
                    Ok(s) => s.trim().to_owned(),
                    Err(_) => continue,
                };
                if now == last {
                    continue;
                }
                let same = if kind == Some(crate::AddressKind::EthereumHex) {
                    now.eq_ignore_ascii_case(&expected)
                } else {
                    now == expected
                };
                if !same {
                    if kind.is_some() && detect(&now) == kind {
                        on_alert(Alert::Replaced { expected: expected.clone(), found: now.clone() });
                    } else if detect(&last).is_some() {
                        on_alert(Alert::Cleared);
                    }
                }
                last = now;
            }
        })
        .ok();
    WatchHandle { stop, thread }
}
