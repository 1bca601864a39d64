use parking_lot::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

#[derive(Clone)]
pub(crate) enum Metric {
    Counter(Counter),
    Gauge(Gauge),
    Histogram(Histogram),
}

pub(crate) struct Entry {
    pub name: String,
    pub help: String,
    pub metric: Metric,
}

#[derive(Clone, Default)]
pub struct Registry {
    pub(crate) entries: Arc<Mutex<Vec<Entry>>>,
}

impl Registry {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn counter(&self, name: &str, help: &str) -> Counter {
        let c = Counter::default();
        self.entries.lock().push(Entry { name: name.into(), help: help.into(), metric: Metric::Counter(c.clone()) });
        c
    }

    pub fn gauge(&self, name: &str, help: &str) -> Gauge {
        let g = Gauge::default();
        self.entries.lock().push(Entry { name: name.into(), help: help.into(), metric: Metric::Gauge(g.clone()) });
        g
    }

    pub fn histogram(&self, name: &str, help: &str, buckets: &[f64]) -> Histogram {
        let h = Histogram::new(buckets);
        self.entries.lock().push(Entry { name: name.into(), help: help.into(), metric: Metric::Histogram(h.clone()) });
        h
    }
}

#[derive(Clone, Default)]
pub struct Counter(Arc<AtomicU64>);

impl Counter {
    pub fn inc(&self) {
        self.inc_by(1)
    }
    pub fn inc_by(&self, n: u64) {
        self.0.fetch_add(n, Ordering::Relaxed);
    }
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

#[derive(Clone, Default)]
pub struct Gauge(Arc<AtomicU64>);

impl Gauge {
    pub fn set(&self, v: f64) {
        self.0.store(v.to_bits(), Ordering::Relaxed);
    }
    pub fn get(&self) -> f64 {
        f64::from_bits(self.0.load(Ordering::Relaxed))
    }
}

#[derive(Clone)]
pub struct Histogram {
    inner: Arc<Mutex<HistInner>>,
}

pub(crate) struct HistInner {
    pub bounds: Vec<f64>,
    pub counts: Vec<u64>,
    pub sum: f64,
    pub count: u64,
}

impl Histogram {
    fn new(buckets: &[f64]) -> Self {
        let mut bounds = buckets.to_vec();
        bounds.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let counts = vec![0; bounds.len()];
        Histogram { inner: Arc::new(Mutex::new(HistInner { bounds, counts, sum: 0.0, count: 0 })) }
    }

    pub fn observe(&self, v: f64) {
        let mut h = self.inner.lock();
        for (i, b) in h.bounds.clone().iter().enumerate() {
            if v <= *b {
                h.counts[i] += 1;
            }
        }
        h.sum += v;
        h.count += 1;
    }

    pub(crate) fn with<R>(&self, f: impl FnOnce(&HistInner) -> R) -> R {
        f(&self.inner.lock())
    }
}
