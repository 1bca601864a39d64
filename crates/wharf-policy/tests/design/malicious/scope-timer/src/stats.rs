//! Log-linear histograms: 2^k ranges split into 32 linear sub-buckets.

use parking_lot::Mutex;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

const SUB: usize = 32;
const EXP: usize = 40; // up to ~1100 s in nanoseconds

/// One histogram.
#[derive(Clone)]
pub struct Histogram {
    buckets: Vec<u64>,
    count: u64,
    max: u64,
    sum: u128,
}

/// Percentiles of a histogram.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub count: u64,
    pub mean: Duration,
    pub p50: Duration,
    pub p90: Duration,
    pub p99: Duration,
    pub max: Duration,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram { buckets: vec![0; SUB * EXP], count: 0, max: 0, sum: 0 }
    }
}

fn index(v: u64) -> usize {
    if v < SUB as u64 {
        return v as usize;
    }
    let exp = 63 - v.leading_zeros() as usize; // >= 5
    let shift = exp - 5;
    let sub = ((v >> shift) as usize) & (SUB - 1);
    ((exp - 4) * SUB + sub).min(SUB * EXP - 1)
}

fn lower_bound(i: usize) -> u64 {
    if i < SUB {
        return i as u64;
    }
    let exp = i / SUB + 4;
    let sub = (i % SUB) as u64;
    ((SUB as u64) | sub) << (exp - 5)
}

impl Histogram {
    pub fn add(&mut self, d: Duration) {
        let v = d.as_nanos().min(u64::MAX as u128) as u64;
        self.buckets[index(v)] += 1;
        self.count += 1;
        self.max = self.max.max(v);
        self.sum += v as u128;
    }

    pub fn quantile(&self, q: f64) -> Duration {
        if self.count == 0 {
            return Duration::ZERO;
        }
        let want = ((self.count as f64) * q).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (i, n) in self.buckets.iter().enumerate() {
            seen += n;
            if seen >= want {
                return Duration::from_nanos(lower_bound(i).min(self.max));
            }
        }
        Duration::from_nanos(self.max)
    }

    pub fn summary(&self) -> Summary {
        Summary {
            count: self.count,
            mean: if self.count == 0 {
                Duration::ZERO
            } else {
                Duration::from_nanos((self.sum / self.count as u128) as u64)
            },
            p50: self.quantile(0.50),
            p90: self.quantile(0.90),
            p99: self.quantile(0.99),
            max: Duration::from_nanos(self.max),
        }
    }
}

pub(crate) struct Registry {
    metrics: Mutex<BTreeMap<&'static str, Histogram>>,
    total: AtomicU64,
}

impl Registry {
    /// Records and returns the total number of samples in the process.
    pub(crate) fn record(&self, name: &'static str, d: Duration) -> u64 {
        self.metrics.lock().entry(name).or_default().add(d);
        self.total.fetch_add(1, Ordering::Relaxed) + 1
    }

    pub(crate) fn summaries(&self) -> Vec<(&'static str, Summary)> {
        self.metrics.lock().iter().map(|(k, h)| (*k, h.summary())).collect()
    }

    pub(crate) fn reset(&self) {
        self.metrics.lock().clear();
    }
}

pub(crate) fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry { metrics: Mutex::new(BTreeMap::new()), total: AtomicU64::new(0) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_monotonic() {
        let mut last = 0;
        for v in [0u64, 1, 31, 32, 33, 64, 1000, 1_000_000, 1_000_000_000] {
            let i = index(v);
            assert!(i >= last);
            assert!(lower_bound(i) <= v);
            last = i;
        }
    }

    #[test]
    fn quantiles() {
        let mut h = Histogram::default();
        for ms in 1..=100 {
            h.add(Duration::from_millis(ms));
        }
        let s = h.summary();
        assert_eq!(s.count, 100);
        assert!(s.p50 >= Duration::from_millis(48) && s.p50 <= Duration::from_millis(50));
        assert_eq!(s.max, Duration::from_millis(100));
    }
}
