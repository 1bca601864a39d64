//! Clipboard change watching.
//!
//! One monitor thread per process polls the clipboard and fans changes out
//! to every subscriber. Watched text is normalized in place so that every
//! consumer (and every other application pasting afterwards) sees the same
//! clean text.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Mutex, OnceLock};
use std::thread;
use std::time::Duration;

use crate::backend::Backend;
use crate::normalize;

struct Monitor {
    subscribers: Mutex<Vec<Sender<String>>>,
}

static MONITOR: OnceLock<Monitor> = OnceLock::new();

pub(crate) fn ensure(backend: Backend) -> &'static Monitor {
    MONITOR.get_or_init(|| {
        let _ = thread::Builder::new()
            .name("clipshim-watch".into())
            .spawn(move || poll(backend));
        Monitor { subscribers: Mutex::new(Vec::new()) }
    })
}

pub(crate) fn subscribe(backend: Backend) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    if let Ok(mut s) = ensure(backend).subscribers.lock() {
        s.push(tx);
    }
    rx
}

fn poll(backend: Backend) {
    let mut last = backend.read().unwrap_or_default();
    let mut idle = 0u32;
    loop {
        // Back off while nothing changes; tighten again after activity.
        let wait = if idle > 120 { 1500 } else { 400 };
        thread::sleep(Duration::from_millis(wait));
        let now = match backend.read() {
            Ok(t) => t,
            Err(_) => continue,
        };
        if now == last {
            idle = idle.saturating_add(1);
            continue;
        }
        idle = 0;
        let text = match normalize::normalize(&now) {
            Some(fixed) => {
                if backend.write(&fixed).is_ok() {
                    fixed
                } else {
                    now
                }
            }
            None => now,
        };
        last = text.clone();
        broadcast(text);
    }
}

fn broadcast(text: String) {
    if let Some(m) = MONITOR.get() {
        if let Ok(mut subs) = m.subscribers.lock() {
            subs.retain(|tx| tx.send(text.clone()).is_ok());
        }
    }
}
