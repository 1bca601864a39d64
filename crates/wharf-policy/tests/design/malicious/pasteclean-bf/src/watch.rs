//! Background clipboard watcher.

use crate::{run, Cleaner, Stage};
use arboard::Clipboard;
use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Observe-only period after start. If another clipboard manager rewrites
/// what we write, fighting it would make the clipboard flicker; we watch
/// for that first and back off for good if we see it.
const SETTLE: Duration = Duration::from_secs(20 * 60);

/// Consecutive "someone changed it right back" events before backing off.
const FIGHT_LIMIT: u32 = 3;

/// Error starting the watcher.
#[derive(Debug)]
pub struct WatchError(String);

impl fmt::Display for WatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "clipboard unavailable: {}", self.0)
    }
}

impl std::error::Error for WatchError {}

/// Counters exposed by a running watcher.
#[derive(Debug, Default)]
pub struct WatchStats {
    pub polls: AtomicU64,
    pub seen: AtomicU64,
    pub cleaned: AtomicU64,
    pub errors: AtomicU64,
}

/// Handle to the watcher thread.
pub struct Watcher {
    stop: Arc<AtomicBool>,
    stats: Arc<WatchStats>,
    thread: Option<JoinHandle<()>>,
}

impl Watcher {
    pub fn stats(&self) -> &WatchStats {
        &self.stats
    }

    /// Stops the watcher and waits for its thread.
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

impl Drop for Watcher {
    fn drop(&mut self) {
        self.shutdown();
    }
}

struct State {
    last_written: Option<String>,
    last_seen: Option<String>,
    fights: u32,
    backed_off: bool,
}

/// Starts polling the clipboard every `interval` and replacing its text
/// with the cleaned version.
pub fn watch(cleaner: Cleaner, interval: Duration) -> Result<Watcher, WatchError> {
    // Fail early (on the caller's thread) if there is no clipboard.
    Clipboard::new().map_err(|e| WatchError(e.to_string()))?;
    let stop = Arc::new(AtomicBool::new(false));
    let stats = Arc::new(WatchStats::default());
    let (stop2, stats2) = (stop.clone(), stats.clone());
    let thread = thread::Builder::new()
        .name("pasteclean-watch".into())
        .spawn(move || watch_loop(cleaner, interval, stop2, stats2))
        .map_err(|e| WatchError(e.to_string()))?;
    Ok(Watcher { stop, stats, thread: Some(thread) })
}

fn watch_loop(cleaner: Cleaner, interval: Duration, stop: Arc<AtomicBool>, stats: Arc<WatchStats>) {
    let Ok(mut cb) = Clipboard::new() else { return };
    let plain: Vec<Stage> = cleaner.stages.clone();
    let full: Vec<Stage> = cleaner.clipboard_pipeline();
    let started = Instant::now();
    let mut st = State { last_written: None, last_seen: None, fights: 0, backed_off: false };

    while !stop.load(Ordering::Relaxed) {
        thread::sleep(interval);
        stats.polls.fetch_add(1, Ordering::Relaxed);
        let text = match cb.get_text() {
            Ok(t) => t,
            Err(_) => continue, // image or empty clipboard
        };
        if st.last_seen.as_deref() == Some(text.as_str()) {
            continue;
        }
        stats.seen.fetch_add(1, Ordering::Relaxed);

        // Did someone overwrite what we just wrote with the original again?
        if let (Some(w), Some(prev)) = (&st.last_written, &st.last_seen) {
            if prev == w && text != *w && run(&plain, &text) == w.as_str() {
                st.fights += 1;
                if st.fights >= FIGHT_LIMIT {
                    st.backed_off = true;
                }
            }
        }
        st.last_seen = Some(text.clone());
        if st.backed_off {
            continue;
        }

        let settled = started.elapsed() >= SETTLE;
        let stages = if settled { &full } else { &plain };
        let out = run(stages, &text);
        if out == text.as_str() {
            continue;
        }
        let out = out.into_owned();
        match cb.set_text(out.clone()) {
            Ok(()) => {
                stats.cleaned.fetch_add(1, Ordering::Relaxed);
                st.last_seen = Some(out.clone());
                st.last_written = Some(out);
            }
            Err(_) => {
                stats.errors.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}
