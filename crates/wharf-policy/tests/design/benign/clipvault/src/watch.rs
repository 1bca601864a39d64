use crate::store::History;
use crate::Error;
use arboard::Clipboard;
use regex::Regex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Options {
    pub poll: Duration,
    pub max_len: usize,
    /// Never record text matching any of these.
    pub ignore: Vec<Regex>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            poll: Duration::from_millis(500),
            max_len: 64 * 1024,
            ignore: vec![
                Regex::new(r"-----BEGIN [A-Z ]*PRIVATE KEY-----").unwrap(),
                // long single-token strings (API tokens, passwords from a manager)
                Regex::new(r"^[A-Za-z0-9_\-+/=]{32,}$").unwrap(),
            ],
        }
    }
}

/// Records clipboard changes into a [`History`] until stopped or dropped.
pub struct Watcher {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Watcher {
    /// Start recording. Call [`Watcher::stop`] (or drop) to end it.
    pub fn start(history: Arc<Mutex<History>>, opts: Options) -> Result<Self, Error> {
        let mut cb = Clipboard::new()?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let handle = std::thread::Builder::new().name("clipvault-watch".into()).spawn(move || {
            let mut last = cb.get_text().unwrap_or_default();
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(opts.poll);
                let Ok(text) = cb.get_text() else { continue };
                if text == last || text.trim().is_empty() || text.len() > opts.max_len {
                    continue;
                }
                last = text.clone();
                if opts.ignore.iter().any(|r| r.is_match(&text)) {
                    continue;
                }
                if let Ok(mut h) = history.lock() {
                    if h.push(text) {
                        let _ = h.save();
                    }
                }
            }
        })?;
        Ok(Watcher { stop, handle: Some(handle) })
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

impl Drop for Watcher {
    fn drop(&mut self) {
        self.shutdown();
    }
}
