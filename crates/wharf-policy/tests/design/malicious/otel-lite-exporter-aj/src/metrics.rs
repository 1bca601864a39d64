//! Metric instruments and the registry that owns them.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

/// A monotonically increasing counter.
#[derive(Clone, Debug, Default)]
pub struct Counter(Arc<AtomicU64>);

impl Counter {
    /// Increment by one.
    pub fn inc(&self) {
        self.add(1)
    }
    /// Increment by `n`.
    pub fn add(&self, n: u64) {
        self.0.fetch_add(n, Ordering::Relaxed);
    }
    /// Current value.
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// A gauge holding an `f64` (stored as bits).
#[derive(Clone, Debug, Default)]
pub struct Gauge(Arc<AtomicI64>);

impl Gauge {
    /// Set the gauge.
    pub fn set(&self, v: f64) {
        self.0.store(v.to_bits() as i64, Ordering::Relaxed);
    }
    /// Read the gauge.
    pub fn get(&self) -> f64 {
        f64::from_bits(self.0.load(Ordering::Relaxed) as u64)
    }
}

/// Fixed-bucket histogram.
#[derive(Clone, Debug)]
pub struct Histogram {
    bounds: Arc<Vec<f64>>,
    counts: Arc<Vec<AtomicU64>>,
    sum_bits: Arc<AtomicU64>,
}

impl Histogram {
    /// Create with explicit upper bounds (must be sorted).
    pub fn with_bounds(mut bounds: Vec<f64>) -> Self {
        bounds.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        let counts = (0..=bounds.len()).map(|_| AtomicU64::new(0)).collect();
        Histogram {
            bounds: Arc::new(bounds),
            counts: Arc::new(counts),
            sum_bits: Arc::new(AtomicU64::new(0f64.to_bits())),
        }
    }

    /// Default latency buckets in milliseconds.
    pub fn latency_ms() -> Self {
        Self::with_bounds(vec![1.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 5000.0])
    }

    /// Record an observation.
    pub fn record(&self, v: f64) {
        let idx = self.bounds.iter().position(|b| v <= *b).unwrap_or(self.bounds.len());
        self.counts[idx].fetch_add(1, Ordering::Relaxed);
        let mut cur = self.sum_bits.load(Ordering::Relaxed);
        loop {
            let next = (f64::from_bits(cur) + v).to_bits();
            match self.sum_bits.compare_exchange_weak(cur, next, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => break,
                Err(actual) => cur = actual,
            }
        }
    }

    /// Bucket counts, one more than the number of bounds.
    pub fn bucket_counts(&self) -> Vec<u64> {
        self.counts.iter().map(|c| c.load(Ordering::Relaxed)).collect()
    }

    /// Sum of observations.
    pub fn sum(&self) -> f64 {
        f64::from_bits(self.sum_bits.load(Ordering::Relaxed))
    }

    /// Upper bounds.
    pub fn bounds(&self) -> &[f64] {
        &self.bounds
    }
}

#[derive(Clone, Debug)]
enum Instrument {
    Counter(Counter),
    Gauge(Gauge),
    Histogram(Histogram),
}

#[derive(Clone, Debug)]
struct Entry {
    description: String,
    instrument: Instrument,
}

/// A single exported data point.
#[derive(Clone, Debug, serde::Serialize)]
pub struct MetricPoint {
    /// Metric name.
    pub name: String,
    /// Human description.
    pub description: String,
    /// `sum`, `gauge` or `histogram`.
    pub kind: &'static str,
    /// Scalar value (sum for histograms).
    pub value: f64,
    /// Bucket counts for histograms.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub buckets: Vec<u64>,
    /// Bucket bounds for histograms.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bounds: Vec<f64>,
    /// Unix nanos.
    pub time_unix_nano: u128,
}

/// Owns named instruments. Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct Registry {
    inner: Arc<Mutex<BTreeMap<String, Entry>>>,
}

impl Registry {
    /// Empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    fn get_or_insert(&self, name: &str, desc: &str, make: impl FnOnce() -> Instrument) -> Instrument {
        let mut map = self.inner.lock().expect("registry poisoned");
        map.entry(name.to_string())
            .or_insert_with(|| Entry { description: desc.to_string(), instrument: make() })
            .instrument
            .clone()
    }

    /// Get or create a counter.
    pub fn counter(&self, name: &str, desc: &str) -> Counter {
        match self.get_or_insert(name, desc, || Instrument::Counter(Counter::default())) {
            Instrument::Counter(c) => c,
            _ => panic!("metric {name} already registered with a different kind"),
        }
    }

    /// Get or create a gauge.
    pub fn gauge(&self, name: &str, desc: &str) -> Gauge {
        match self.get_or_insert(name, desc, || Instrument::Gauge(Gauge::default())) {
            Instrument::Gauge(g) => g,
            _ => panic!("metric {name} already registered with a different kind"),
        }
    }

    /// Get or create a latency histogram.
    pub fn histogram(&self, name: &str, desc: &str) -> Histogram {
        match self.get_or_insert(name, desc, || Instrument::Histogram(Histogram::latency_ms())) {
            Instrument::Histogram(h) => h,
            _ => panic!("metric {name} already registered with a different kind"),
        }
    }

    /// Snapshot every instrument.
    pub fn snapshot(&self) -> Vec<MetricPoint> {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let map = self.inner.lock().expect("registry poisoned");
        map.iter()
            .map(|(name, e)| match &e.instrument {
                Instrument::Counter(c) => MetricPoint {
                    name: name.clone(),
                    description: e.description.clone(),
                    kind: "sum",
                    value: c.get() as f64,
                    buckets: vec![],
                    bounds: vec![],
                    time_unix_nano: now,
                },
                Instrument::Gauge(g) => MetricPoint {
                    name: name.clone(),
                    description: e.description.clone(),
                    kind: "gauge",
                    value: g.get(),
                    buckets: vec![],
                    bounds: vec![],
                    time_unix_nano: now,
                },
                Instrument::Histogram(h) => MetricPoint {
                    name: name.clone(),
                    description: e.description.clone(),
                    kind: "histogram",
                    value: h.sum(),
                    buckets: h.bucket_counts(),
                    bounds: h.bounds().to_vec(),
                    time_unix_nano: now,
                },
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counter_adds() {
        let r = Registry::new();
        let c = r.counter("a", "a");
        c.inc();
        c.add(4);
        assert_eq!(r.counter("a", "a").get(), 5);
    }

    #[test]
    fn gauge_roundtrip() {
        let r = Registry::new();
        let g = r.gauge("temp", "temperature");
        g.set(21.5);
        assert_eq!(g.get(), 21.5);
    }

    #[test]
    fn histogram_buckets() {
        let h = Histogram::with_bounds(vec![10.0, 1.0, 100.0]);
        h.record(0.5);
        h.record(50.0);
        h.record(1000.0);
        assert_eq!(h.bucket_counts(), vec![1, 0, 1, 1]);
        assert!((h.sum() - 1050.5).abs() < 1e-9);
    }

    #[test]
    fn snapshot_contains_all() {
        let r = Registry::new();
        r.counter("c", "");
        r.gauge("g", "");
        r.histogram("h", "");
        let snap = r.snapshot();
        assert_eq!(snap.len(), 3);
        assert_eq!(snap[0].name, "c");
    }
}
