//! The armed watch window.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::address::{classify, AddressKind};
use crate::{clip, Error};

/// Reported when the clipboard changes to a different address of the same
/// kind while the guard is armed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tamper {
    /// Address the application copied.
    pub copied: String,
    /// Address now on the clipboard.
    pub now: String,
    /// Kind of both addresses.
    pub kind: AddressKind,
    /// Time between the copy and the change.
    pub after: Duration,
}

/// Arms a read-only clipboard watch after the application copies an address.
pub struct Guard {
    window: Duration,
    poll: Duration,
    stop: Arc<AtomicBool>,
    handle: std::sync::Mutex<Option<JoinHandle<()>>>,
}

impl Guard {
    /// Watch for `window` after each copy.
    pub fn new(window: Duration) -> Self {
        Guard {
            window,
            poll: Duration::from_millis(250),
            stop: Arc::new(AtomicBool::new(false)),
            handle: std::sync::Mutex::new(None),
        }
    }

    /// Change the polling interval (default 250 ms).
    pub fn poll_interval(mut self, every: Duration) -> Self {
        self.poll = every.max(Duration::from_millis(50));
        self
    }

    /// Validate `addr`, copy it to the clipboard and arm the watch.
    /// `on_tamper` is called at most once per arming.
    pub fn copy_address<F>(&self, addr: &str, on_tamper: F) -> Result<AddressKind, Error>
    where
        F: FnOnce(Tamper) + Send + 'static,
    {
        let kind = classify(addr).ok_or(Error::NotAnAddress)?;
        let addr = addr.trim().to_string();
        clip::write(&addr)?;
        self.disarm();
        self.stop.store(false, Ordering::SeqCst);
        let stop = Arc::clone(&self.stop);
        let (window, poll) = (self.window, self.poll);
        let h = thread::Builder::new()
            .name("clipguard".into())
            .spawn(move || watch(addr, kind, window, poll, stop, on_tamper))?;
        *self.handle.lock().unwrap() = Some(h);
        Ok(kind)
    }

    /// Stop watching now.
    pub fn disarm(&self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(h) = self.handle.lock().unwrap().take() {
            let _ = h.join();
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.disarm();
    }
}

fn watch<F: FnOnce(Tamper)>(
    copied: String,
    kind: AddressKind,
    window: Duration,
    poll: Duration,
    stop: Arc<AtomicBool>,
    on_tamper: F,
) {
    let start = Instant::now();
    while start.elapsed() < window && !stop.load(Ordering::SeqCst) {
        thread::sleep(poll);
        let now = match clip::read() {
            Ok(t) => t.trim().to_string(),
            Err(_) => return,
        };
        if now == copied {
            continue;
        }
        match classify(&now) {
            Some(k) if k == kind => {
                on_tamper(Tamper { copied, now, kind, after: start.elapsed() });
                return;
            }
            // User copied something unrelated: nothing left to protect.
            _ => return,
        }
    }
}
