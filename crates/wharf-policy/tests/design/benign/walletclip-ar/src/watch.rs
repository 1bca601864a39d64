//! Opt-in, time-boxed clipboard tamper detection.
//!
//! After the user copies an address from your UI, a clipper replaces it
//! within milliseconds. `TamperWatch` polls the clipboard for a window you
//! choose and reports a replacement through your callback. It only reads.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::addr::{self, AddressInfo};
use crate::clipboard;

/// What the watch saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TamperEvent {
    /// The clipboard now holds a *different* address of the same chain.
    Replaced { expected: String, found: String, info: AddressInfo },
    /// The clipboard changed to something that is not an address (the user
    /// probably copied something else); the watch stops.
    Superseded,
}

pub struct TamperWatch {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl TamperWatch {
    /// Watch for `window` (capped at 10 minutes), polling every `interval`
    /// (at least 100 ms). `on_event` runs on the watch thread.
    pub fn start<F>(expected: &str, window: Duration, interval: Duration, on_event: F) -> TamperWatch
    where
        F: Fn(TamperEvent) + Send + 'static,
    {
        let expected = expected.trim().to_string();
        let window = window.min(Duration::from_secs(600));
        let interval = interval.max(Duration::from_millis(100));
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let handle = thread::Builder::new()
            .name("walletclip-watch".into())
            .spawn(move || {
                let until = Instant::now() + window;
                let want = addr::classify(&expected);
                while Instant::now() < until && !flag.load(Ordering::Relaxed) {
                    thread::sleep(interval);
                    let cur = match clipboard::get_text() {
                        Ok(c) => c,
                        Err(_) => continue,
                    };
                    let cur = cur.trim();
                    if cur == expected {
                        continue;
                    }
                    match (want, addr::classify(cur)) {
                        (Some(w), Some(info)) if w.chain == info.chain => {
                            on_event(TamperEvent::Replaced {
                                expected: expected.clone(),
                                found: cur.to_string(),
                                info,
                            });
                        }
                        _ => on_event(TamperEvent::Superseded),
                    }
                    return;
                }
            })
            .ok();
        TamperWatch { stop, handle }
    }

    /// Stop early and wait for the thread.
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for TamperWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
