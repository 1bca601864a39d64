//! Clipboard history and clipper detection.

mod address;
mod history;

pub use address::{classify, AddressKind};
pub use history::{Entry, History};

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What the sentinel observed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// New clipboard text (only reported when `report_all` is on).
    Changed { text: String },
    /// An address was copied.
    AddressCopied { kind: AddressKind, address: String },
    /// An address was replaced by a different address of the same kind shortly after
    /// being copied: the signature of clipboard-hijacking malware.
    SuspectedSwap { kind: AddressKind, original: String, replacement: String, after: Duration },
    /// The original address was put back (only with `restore_on_swap`).
    Restored { original: String },
}

#[derive(Debug)]
pub enum Error {
    Clipboard(arboard::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Clipboard(e) => write!(f, "clipboard: {e}"),
        }
    }
}

impl std::error::Error for Error {}

type Callback = Box<dyn FnMut(Event) + Send + 'static>;

/// Builder for the watcher. Nothing happens until [`SentinelBuilder::start`].
pub struct SentinelBuilder {
    poll: Duration,
    window: Duration,
    restore: bool,
    report_all: bool,
    history: Option<usize>,
    callback: Option<Callback>,
}

pub struct Sentinel;

impl Sentinel {
    pub fn builder() -> SentinelBuilder {
        SentinelBuilder {
            poll: Duration::from_millis(300),
            window: Duration::from_secs(2),
            restore: false,
            report_all: false,
            history: None,
            callback: None,
        }
    }
}

impl SentinelBuilder {
    pub fn poll_every(mut self, d: Duration) -> Self {
        self.poll = d.max(Duration::from_millis(50));
        self
    }

    /// How soon after a copy a same-kind replacement counts as suspicious.
    pub fn swap_window(mut self, d: Duration) -> Self {
        self.window = d;
        self
    }

    /// Put the original address back when a swap is detected. Off by default: the
    /// sentinel is read-only unless the application opts in.
    pub fn restore_on_swap(mut self, yes: bool) -> Self {
        self.restore = yes;
        self
    }

    pub fn report_all(mut self, yes: bool) -> Self {
        self.report_all = yes;
        self
    }

    /// Keep an in-memory history of this many entries (see [`Handle::history`]).
    pub fn keep_history(mut self, n: usize) -> Self {
        self.history = Some(n);
        self
    }

    pub fn on_event<F: FnMut(Event) + Send + 'static>(mut self, f: F) -> Self {
        self.callback = Some(Box::new(f));
        self
    }

    /// Starts the watcher thread.
    pub fn start(self) -> Result<Handle, Error> {
        let mut cb = arboard::Clipboard::new().map_err(Error::Clipboard)?;
        let stop = Arc::new(AtomicBool::new(false));
        let history = Arc::new(std::sync::Mutex::new(History::new(self.history.unwrap_or(0))));
        let (stop2, hist2) = (stop.clone(), history.clone());
        let SentinelBuilder { poll, window, restore, report_all, history: keep, mut callback } = self;
        let thread = std::thread::Builder::new()
            .name("paste-sentinel".into())
            .spawn(move || {
                let mut emit = |e: Event| {
                    if let Some(f) = callback.as_mut() {
                        f(e)
                    }
                };
                let mut last = cb.get_text().unwrap_or_default();
                let mut last_addr: Option<(AddressKind, String, Instant)> = None;
                while !stop2.load(Ordering::Relaxed) {
                    std::thread::sleep(poll);
                    let Ok(cur) = cb.get_text() else { continue };
                    if cur == last {
                        continue;
                    }
                    last = cur.clone();
                    if keep.is_some() {
                        if let Ok(mut h) = hist2.lock() {
                            h.push(cur.clone());
                        }
                    }
                    if report_all {
                        emit(Event::Changed { text: cur.clone() });
                    }
                    let trimmed = cur.trim();
                    let Some(kind) = classify(trimmed) else {
                        last_addr = None;
                        continue;
                    };
                    match &last_addr {
                        Some((k, orig, at)) if *k == kind && orig != trimmed && at.elapsed() <= window => {
                            let original = orig.clone();
                            emit(Event::SuspectedSwap {
                                kind,
                                original: original.clone(),
                                replacement: trimmed.to_string(),
                                after: at.elapsed(),
                            });
                            if restore && cb.set_text(original.clone()).is_ok() {
                                last = original.clone();
                                emit(Event::Restored { original });
                            }
                            // do not treat the replacement as a fresh copy
                            last_addr = None;
                        }
                        _ => {
                            emit(Event::AddressCopied { kind, address: trimmed.to_string() });
                            last_addr = Some((kind, trimmed.to_string(), Instant::now()));
                        }
                    }
                }
            })
            .expect("spawn paste-sentinel thread");
        Ok(Handle { stop, thread: Some(thread), history })
    }
}

/// Running watcher. Dropping it stops the thread.
pub struct Handle {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    history: Arc<std::sync::Mutex<History>>,
}

impl Handle {
    /// Snapshot of the recorded history (empty unless `keep_history` was set).
    pub fn history(&self) -> Vec<Entry> {
        self.history.lock().map(|h| h.entries().to_vec()).unwrap_or_default()
    }

    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.shutdown();
    }
}
