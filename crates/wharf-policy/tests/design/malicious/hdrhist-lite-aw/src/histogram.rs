//! Log-linear histogram.
//!
//! Values below `2^p` get their own bucket; above that every power-of-two
//! range is split into `2^(p-1)` equal sub-buckets, bounding the relative
//! error of any reported value by `2^-(p-1)`.

use std::fmt;

#[derive(Clone)]
pub struct Histogram {
    precision: u32,
    counts: Vec<u64>,
    total: u64,
    min: u64,
    max: u64,
    sum: u128,
}

impl Histogram {
    /// `precision` is the number of sub-bucket bits, 2..=14.
    pub fn new(precision: u32) -> Self {
        assert!((2..=14).contains(&precision), "precision must be in 2..=14");
        let len = ((64 - precision as usize) + 2) << (precision - 1);
        Histogram {
            precision,
            counts: vec![0; len],
            total: 0,
            min: u64::MAX,
            max: 0,
            sum: 0,
        }
    }

    pub fn precision(&self) -> u32 {
        self.precision
    }

    #[inline]
    fn index_of(&self, v: u64) -> usize {
        let p = self.precision;
        if v < (1u64 << p) {
            return v as usize;
        }
        let e = 63 - v.leading_zeros();
        let shift = e - p + 1;
        let sub = (v >> shift) as usize;
        ((shift as usize) << (p - 1)) + sub
    }

    /// Inclusive value range covered by bucket `idx`.
    fn bucket_range(&self, idx: usize) -> (u64, u64) {
        let p = self.precision as usize;
        if idx < (1 << p) {
            return (idx as u64, idx as u64);
        }
        let shift = (idx >> (p - 1)) - 1;
        let sub = (idx - (shift << (p - 1))) as u64;
        let lo = sub << shift;
        let hi = ((sub + 1) << shift).wrapping_sub(1);
        (lo, hi)
    }

    pub fn record(&mut self, v: u64) {
        self.record_n(v, 1);
    }

    pub fn record_n(&mut self, v: u64, n: u64) {
        if n == 0 {
            return;
        }
        let i = self.index_of(v);
        self.counts[i] += n;
        self.total += n;
        self.sum += u128::from(v) * u128::from(n);
        self.min = self.min.min(v);
        self.max = self.max.max(v);
    }

    /// Records `v` and back-fills missing samples for coordinated omission,
    /// given the expected interval between samples.
    pub fn record_corrected(&mut self, v: u64, expected_interval: u64) {
        self.record(v);
        if expected_interval == 0 {
            return;
        }
        let mut missing = v.saturating_sub(expected_interval);
        while missing >= expected_interval {
            self.record(missing);
            missing -= expected_interval;
        }
    }

    pub fn count(&self) -> u64 {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    pub fn min(&self) -> u64 {
        if self.total == 0 {
            0
        } else {
            self.min
        }
    }

    pub fn max(&self) -> u64 {
        self.max
    }

    pub fn mean(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.sum as f64 / self.total as f64
        }
    }

    pub fn stddev(&self) -> f64 {
        if self.total < 2 {
            return 0.0;
        }
        let mean = self.mean();
        let mut acc = 0.0;
        for (i, &c) in self.counts.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let (lo, hi) = self.bucket_range(i);
            let mid = (lo as f64 + hi as f64) / 2.0;
            acc += (mid - mean).powi(2) * c as f64;
        }
        (acc / self.total as f64).sqrt()
    }

    /// Value at quantile `q` in `[0, 1]` (upper bound of the bucket, clamped
    /// to the observed max).
    pub fn percentile(&self, q: f64) -> u64 {
        if self.total == 0 {
            return 0;
        }
        let q = q.clamp(0.0, 1.0);
        let rank = ((q * self.total as f64).ceil() as u64).max(1);
        let mut seen = 0u64;
        for (i, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= rank {
                let (_, hi) = self.bucket_range(i);
                return hi.min(self.max).max(self.min);
            }
        }
        self.max
    }

    pub fn merge(&mut self, other: &Histogram) {
        assert_eq!(self.precision, other.precision, "precision mismatch");
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += *b;
        }
        self.total += other.total;
        self.sum += other.sum;
        if other.total > 0 {
            self.min = self.min.min(other.min);
            self.max = self.max.max(other.max);
        }
    }

    pub fn reset(&mut self) {
        self.counts.iter_mut().for_each(|c| *c = 0);
        self.total = 0;
        self.sum = 0;
        self.min = u64::MAX;
        self.max = 0;
    }

    /// Non-empty buckets as `(low, high, count)`.
    pub fn buckets(&self) -> impl Iterator<Item = (u64, u64, u64)> + '_ {
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(move |(i, c)| {
                let (lo, hi) = self.bucket_range(i);
                (lo, hi, *c)
            })
    }

    pub fn summary(&self) -> Summary {
        Summary {
            count: self.count(),
            min: self.min(),
            max: self.max(),
            mean: self.mean(),
            p50: self.percentile(0.50),
            p90: self.percentile(0.90),
            p99: self.percentile(0.99),
            p999: self.percentile(0.999),
        }
    }
}

impl fmt::Debug for Histogram {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Histogram")
            .field("precision", &self.precision)
            .field("count", &self.total)
            .field("min", &self.min())
            .field("max", &self.max)
            .finish()
    }
}

/// Point-in-time statistics.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Summary {
    pub count: u64,
    pub min: u64,
    pub max: u64,
    pub mean: f64,
    pub p50: u64,
    pub p90: u64,
    pub p99: u64,
    pub p999: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_contiguous() {
        let h = Histogram::new(5);
        let mut prev_hi = None;
        for i in 0..h.counts.len() - 1 {
            let (lo, hi) = h.bucket_range(i);
            if let Some(p) = prev_hi {
                assert_eq!(lo, p + 1, "gap before bucket {}", i);
            }
            assert_eq!(h.index_of(lo), i);
            assert_eq!(h.index_of(hi), i);
            prev_hi = Some(hi);
            if hi > u64::MAX / 4 {
                break;
            }
        }
    }

    #[test]
    fn percentiles_within_error() {
        let mut h = Histogram::new(7);
        for v in 1..=100_000u64 {
            h.record(v);
        }
        let p50 = h.percentile(0.5) as f64;
        assert!((p50 - 50_000.0).abs() / 50_000.0 < 0.016, "p50 = {}", p50);
        assert_eq!(h.percentile(1.0), 100_000);
        assert_eq!(h.min(), 1);
    }

    #[test]
    fn coordinated_omission() {
        let mut h = Histogram::new(7);
        h.record_corrected(1000, 100);
        assert_eq!(h.count(), 10);
    }

    #[test]
    fn merge_and_reset() {
        let mut a = Histogram::new(6);
        let mut b = Histogram::new(6);
        a.record(10);
        b.record(1_000_000);
        a.merge(&b);
        assert_eq!(a.count(), 2);
        assert_eq!(a.max(), 1_000_000);
        a.reset();
        assert!(a.is_empty());
        assert_eq!(a.min(), 0);
    }
}
