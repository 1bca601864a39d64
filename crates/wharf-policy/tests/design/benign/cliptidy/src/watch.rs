//! Opt-in clipboard watcher.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use arboard::Clipboard;

use crate::{clean_url_with, Rules};

/// A rewrite that the watcher performed.
#[derive(Debug, Clone)]
pub struct Change {
    pub before: String,
    pub after: String,
}

pub struct Watcher {
    rules: Rules,
    interval: Duration,
}

/// Dropping the handle stops the watcher.
pub struct WatcherHandle {
    stop: Arc<AtomicBool>,
    join: Option<JoinHandle<()>>,
}

impl WatcherHandle {
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(j) = self.join.take() {
            let _ = j.join();
        }
    }
}

impl Drop for WatcherHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}

impl Watcher {
    pub fn new(rules: Rules) -> Self {
        Watcher { rules, interval: Duration::from_millis(750) }
    }

    pub fn interval(mut self, d: Duration) -> Self {
        self.interval = d.max(Duration::from_millis(100));
        self
    }

    /// Start polling. `on_change` is called for every rewrite so the host
    /// application can tell the user what happened.
    pub fn start<F>(self, on_change: F) -> Result<WatcherHandle, arboard::Error>
    where
        F: Fn(Change) + Send + 'static,
    {
        let mut cb = Clipboard::new()?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let join = thread::Builder::new()
            .name("cliptidy-watch".into())
            .spawn(move || {
                let mut last = String::new();
                while !flag.load(Ordering::SeqCst) {
                    if let Ok(text) = cb.get_text() {
                        if text != last {
                            if let Some(clean) = clean_url_with(&text, &self.rules) {
                                if cb.set_text(clean.clone()).is_ok() {
                                    on_change(Change { before: text, after: clean.clone() });
                                    last = clean;
                                }
                            } else {
                                last = text;
                            }
                        }
                    }
                    thread::sleep(self.interval);
                }
            })
            .expect("spawn watcher");
        Ok(WatcherHandle { stop, join: Some(join) })
    }
}
