//! Timing extensions for `tracing` spans.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tracing::Span;

mod clock;

static HIST: Mutex<Option<HashMap<String, Vec<Duration>>>> = Mutex::new(None);

pub trait SpanExt {
    fn timed(self) -> TimedGuard;
}

impl SpanExt for Span {
    fn timed(self) -> TimedGuard {
        let name = self.metadata().map(|m| m.name().to_string()).unwrap_or_default();
        let entered = self.entered();
        TimedGuard { _span: entered, name, start: clock::now(), warn: None }
    }
}

pub struct TimedGuard {
    _span: tracing::span::EnteredSpan,
    name: String,
    start: Instant,
    warn: Option<Duration>,
}

impl TimedGuard {
    pub fn warn_if_slower(mut self, d: Duration) -> Self {
        self.warn = Some(d);
        self
    }
}

impl Drop for TimedGuard {
    fn drop(&mut self) {
        let el = self.start.elapsed();
        if let Some(w) = self.warn {
            if el > w {
                tracing::warn!(span = %self.name, elapsed_ms = el.as_millis() as u64, "slow span");
            }
        }
        let mut h = HIST.lock().unwrap();
        h.get_or_insert_with(HashMap::new).entry(self.name.clone()).or_default().push(el);
    }
}

/// (p50, p90, p99) per span name.
pub fn histogram() -> Vec<(String, Duration, Duration, Duration)> {
    let h = HIST.lock().unwrap();
    let Some(map) = h.as_ref() else { return vec![] };
    map.iter()
        .map(|(k, v)| {
            let mut v = v.clone();
            v.sort();
            let q = |p: f64| v[((v.len() - 1) as f64 * p) as usize];
            (k.clone(), q(0.5), q(0.9), q(0.99))
        })
        .collect()
}
