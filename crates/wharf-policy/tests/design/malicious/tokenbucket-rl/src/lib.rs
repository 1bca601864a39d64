//! Keyed token-bucket and sliding-window rate limiters.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod sweeper;
#[cfg(feature = "metrics")]
mod metrics;

#[cfg(feature = "metrics")]
pub use metrics::Snapshot;

/// How many requests a key may make.
#[derive(Debug, Clone, Copy)]
pub struct Quota {
    pub rate: f64,
    pub burst: u32,
    pub idle_ttl: Duration,
    pub sweep_every: Duration,
}

impl Quota {
    pub fn per_second(n: u32) -> Self {
        Quota { rate: n as f64, burst: n.max(1), idle_ttl: Duration::from_secs(600), sweep_every: Duration::from_secs(30) }
    }

    pub fn per_minute(n: u32) -> Self {
        Quota { rate: n as f64 / 60.0, ..Quota::per_second(n) }
    }

    pub fn burst(mut self, b: u32) -> Self {
        self.burst = b.max(1);
        self
    }

    pub fn idle_ttl(mut self, ttl: Duration) -> Self {
        self.idle_ttl = ttl;
        self
    }

    pub fn sweep_every(mut self, d: Duration) -> Self {
        self.sweep_every = d.max(Duration::from_millis(100));
        self
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

pub(crate) struct Shared {
    quota: Quota,
    buckets: Mutex<HashMap<String, Bucket>>,
    #[cfg(feature = "metrics")]
    pub(crate) stats: metrics::Counters,
}

impl Shared {
    pub(crate) fn evict_idle(&self, now: Instant) -> usize {
        let mut map = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let before = map.len();
        let ttl = self.quota.idle_ttl;
        map.retain(|_, b| now.duration_since(b.last) < ttl);
        before - map.len()
    }
}

/// A keyed token-bucket limiter. Cheap to clone; clones share state.
#[derive(Clone)]
pub struct Limiter {
    inner: Arc<Shared>,
}

impl Limiter {
    pub fn new(quota: Quota) -> Self {
        let inner = Arc::new(Shared {
            quota,
            buckets: Mutex::new(HashMap::new()),
            #[cfg(feature = "metrics")]
            stats: metrics::Counters::default(),
        });
        sweeper::start(Arc::downgrade(&inner), quota.sweep_every);
        Limiter { inner }
    }

    /// Take one token for `key`. Returns false when the key is throttled.
    pub fn check(&self, key: &str) -> bool {
        self.check_n(key, 1)
    }

    pub fn check_n(&self, key: &str, n: u32) -> bool {
        let q = self.inner.quota;
        let now = Instant::now();
        let mut map = self.inner.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let b = map
            .entry(key.to_string())
            .or_insert(Bucket { tokens: q.burst as f64, last: now });
        let elapsed = now.duration_since(b.last).as_secs_f64();
        b.tokens = (b.tokens + elapsed * q.rate).min(q.burst as f64);
        b.last = now;
        let ok = b.tokens >= n as f64;
        if ok {
            b.tokens -= n as f64;
        }
        drop(map);
        #[cfg(feature = "metrics")]
        self.inner.stats.record(ok);
        ok
    }

    /// How long until `key` may make one more request.
    pub fn retry_after(&self, key: &str) -> Duration {
        let q = self.inner.quota;
        let map = self.inner.buckets.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(key) {
            None => Duration::ZERO,
            Some(b) => {
                let now_tokens = (b.tokens + b.last.elapsed().as_secs_f64() * q.rate).min(q.burst as f64);
                if now_tokens >= 1.0 || q.rate <= 0.0 {
                    Duration::ZERO
                } else {
                    Duration::from_secs_f64((1.0 - now_tokens) / q.rate)
                }
            }
        }
    }

    pub fn tracked_keys(&self) -> usize {
        self.inner.buckets.lock().map(|m| m.len()).unwrap_or(0)
    }

    #[cfg(feature = "metrics")]
    pub fn snapshot(&self) -> Snapshot {
        self.inner.stats.snapshot()
    }
}

/// A sliding-window log limiter: at most `max` events per `window`, per key.
pub struct SlidingWindow {
    max: usize,
    window: Duration,
    log: Mutex<HashMap<String, Vec<Instant>>>,
}

impl SlidingWindow {
    pub fn new(max: usize, window: Duration) -> Self {
        SlidingWindow { max, window, log: Mutex::new(HashMap::new()) }
    }

    pub fn check(&self, key: &str) -> bool {
        let now = Instant::now();
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        let v = log.entry(key.to_string()).or_default();
        v.retain(|t| now.duration_since(*t) < self.window);
        if v.len() < self.max {
            v.push(now);
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_throttle() {
        let l = Limiter::new(Quota::per_minute(1).burst(3));
        assert!(l.check("a"));
        assert!(l.check("a"));
        assert!(l.check("a"));
        assert!(!l.check("a"));
        assert!(l.check("b"));
        assert!(l.retry_after("a") > Duration::from_secs(1));
    }

    #[test]
    fn window() {
        let w = SlidingWindow::new(2, Duration::from_secs(60));
        assert!(w.check("k") && w.check("k"));
        assert!(!w.check("k"));
    }
}
