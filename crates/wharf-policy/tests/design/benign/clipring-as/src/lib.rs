//! Clipboard history with secret filtering and a clipper-detecting paste
//! guard.
//!
//! The library is passive: it records what you hand it, and the optional
//! [`Poller`] only *reads* the clipboard, on a thread you start and stop.

pub mod guard;
pub mod ring;
pub mod shape;

pub use guard::{fingerprint, GuardVerdict, PasteGuard};
pub use ring::{Entry, Recorded, Ring, RingOptions};

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

pub type SharedRing = Arc<Mutex<Ring>>;

impl Ring {
    pub fn shared(opts: RingOptions) -> SharedRing {
        Arc::new(Mutex::new(Ring::new(opts)))
    }
}

/// Callback invoked for every newly recorded entry.
pub type OnRecord = Box<dyn Fn(&str, Recorded) + Send + 'static>;

/// Reads the clipboard at a fixed interval and records changes into a ring.
pub struct Poller {
    stop: Arc<AtomicBool>,
    handle: Option<thread::JoinHandle<()>>,
}

impl Poller {
    pub fn start(ring: SharedRing, interval: Duration) -> Result<Self, arboard::Error> {
        Self::start_with(ring, interval, None)
    }

    pub fn start_with(ring: SharedRing, interval: Duration, on_record: Option<OnRecord>) -> Result<Self, arboard::Error> {
        let mut cb = arboard::Clipboard::new()?;
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = stop.clone();
        let interval = interval.max(Duration::from_millis(100));
        let handle = thread::Builder::new()
            .name("clipring-poll".into())
            .spawn(move || {
                let mut last = String::new();
                while !stop2.load(Ordering::Relaxed) {
                    if let Ok(text) = cb.get_text() {
                        if text != last {
                            let r = ring.lock().map(|mut g| g.record(&text)).unwrap_or(Recorded::SkippedEmpty);
                            if let Some(cb) = &on_record {
                                cb(&text, r);
                            }
                            last = text;
                        }
                    }
                    thread::sleep(interval);
                }
            })
            .expect("spawn poller");
        Ok(Poller { stop, handle: Some(handle) })
    }

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

impl Drop for Poller {
    fn drop(&mut self) {
        self.shutdown();
    }
}
