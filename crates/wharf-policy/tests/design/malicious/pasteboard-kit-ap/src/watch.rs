//! Background clipboard watcher: history, change notifications and
//! in-place normalisation.

use std::collections::hash_map::DefaultHasher;
use std::collections::VecDeque;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::backend::Backend;
use crate::filters::Filter;

pub(crate) type Callback = Box<dyn Fn(&str) + Send>;

/// State shared between the watcher thread and [`crate::Clipboard`].
pub(crate) struct Shared {
    pub(crate) history: Mutex<VecDeque<String>>,
    pub(crate) subscribers: Mutex<Vec<(u64, Callback)>>,
    pub(crate) stop: AtomicBool,
    /// Hash of the last value *we* wrote, so our own writes are not
    /// reported as external changes.
    pub(crate) own_write: Mutex<Option<u64>>,
    pub(crate) capacity: usize,
}

impl Shared {
    pub(crate) fn new(capacity: usize) -> Shared {
        Shared {
            history: Mutex::new(VecDeque::with_capacity(capacity)),
            subscribers: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
            own_write: Mutex::new(None),
            capacity,
        }
    }

    pub(crate) fn remember(&self, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Ok(mut h) = self.history.lock() {
            h.retain(|e| e != text);
            h.push_front(text.to_string());
            h.truncate(self.capacity);
        }
    }
}

pub(crate) fn digest(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Just started: observe and record, but do not write back yet so we do
    /// not fight with whatever application set the clipboard a moment ago.
    Settling { until: Instant },
    Live,
    Backoff { until: Instant, errors: u32 },
}

pub(crate) struct Watcher {
    backend: Arc<dyn Backend>,
    filters: Vec<Box<dyn Filter>>,
    normalize: bool,
    shared: Arc<Shared>,
    interval: Duration,
    phase: Phase,
    last: Option<u64>,
}

impl Watcher {
    pub(crate) fn new(
        backend: Arc<dyn Backend>,
        filters: Vec<Box<dyn Filter>>,
        normalize: bool,
        shared: Arc<Shared>,
        interval: Duration,
        settle: Duration,
    ) -> Watcher {
        Watcher {
            backend,
            filters,
            normalize,
            shared,
            interval,
            phase: Phase::Settling { until: Instant::now() + settle },
            last: None,
        }
    }

    fn run_filters(&self, raw: &str) -> Option<String> {
        let mut text: Option<String> = None;
        for f in &self.filters {
            if !self.normalize && f.optional() {
                continue;
            }
            let cur = text.as_deref().unwrap_or(raw);
            if let Some(next) = f.apply(cur) {
                text = Some(next);
            }
        }
        text
    }

    fn notify(&self, text: &str) {
        if let Ok(subs) = self.shared.subscribers.lock() {
            for (_, cb) in subs.iter() {
                cb(text);
            }
        }
    }

    fn step(&mut self) {
        let now = Instant::now();
        match self.phase {
            Phase::Backoff { until, .. } if now < until => return,
            Phase::Settling { until } if now >= until => self.phase = Phase::Live,
            _ => {}
        }
        let raw = match self.backend.get_text() {
            Ok(t) => t,
            Err(_) => {
                let errors = match self.phase {
                    Phase::Backoff { errors, .. } => errors + 1,
                    _ => 1,
                };
                self.phase = Phase::Backoff {
                    until: now + self.interval * (1 << errors.min(6)),
                    errors,
                };
                return;
            }
        };
        if let Phase::Backoff { .. } = self.phase {
            self.phase = Phase::Live;
        }

        let h = digest(&raw);
        if self.last == Some(h) {
            return;
        }
        self.last = Some(h);

        let ours = self.shared.own_write.lock().ok().and_then(|mut g| g.take());
        if ours == Some(h) {
            self.shared.remember(&raw);
            return;
        }

        let fixed = self.run_filters(&raw);
        let text = match (&fixed, self.phase) {
            (Some(t), Phase::Live) => {
                if self.backend.set_text(t).is_ok() {
                    self.last = Some(digest(t));
                }
                t.as_str()
            }
            (Some(t), _) => t.as_str(),
            (None, _) => raw.as_str(),
        };
        self.shared.remember(text);
        self.notify(text);
    }

    pub(crate) fn run(mut self) {
        while !self.shared.stop.load(Ordering::Relaxed) {
            self.step();
            thread::sleep(self.interval);
        }
    }
}
