//! Robust summary statistics.

/// Summary of one benchmark's samples (nanoseconds per iteration).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// Number of samples kept after outlier rejection.
    pub n: usize,
    /// Median.
    pub median: f64,
    /// Median absolute deviation, scaled to be consistent with the std. dev.
    pub mad: f64,
    /// Fastest sample.
    pub min: f64,
    /// Slowest kept sample.
    pub max: f64,
}

fn median_sorted(v: &[f64]) -> f64 {
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Summarize `samples`, dropping points more than 5 MADs from the median.
pub fn summarize(samples: &[f64]) -> Summary {
    let mut v: Vec<f64> = samples.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let med = median_sorted(&v);
    let mut dev: Vec<f64> = v.iter().map(|x| (x - med).abs()).collect();
    dev.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let mad = 1.4826 * median_sorted(&dev);
    if mad > 0.0 {
        v.retain(|x| (x - med).abs() <= 5.0 * mad);
    }
    Summary {
        n: v.len(),
        median: median_sorted(&v),
        mad,
        min: v.first().copied().unwrap_or(f64::NAN),
        max: v.last().copied().unwrap_or(f64::NAN),
    }
}

/// Verdict of comparing a new summary against a baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Within noise.
    NoChange,
    /// Faster beyond noise.
    Improved,
    /// Slower beyond noise and beyond the threshold.
    Regressed,
}

/// Compare medians; a change counts only if it exceeds both `threshold`
/// (relative) and three combined MADs.
pub fn compare(base: &Summary, new: &Summary, threshold: f64) -> (Change, f64) {
    let rel = (new.median - base.median) / base.median;
    let noise = 3.0 * (base.mad.powi(2) + new.mad.powi(2)).sqrt();
    let delta = new.median - base.median;
    let change = if delta.abs() <= noise || rel.abs() < threshold {
        Change::NoChange
    } else if delta > 0.0 {
        Change::Regressed
    } else {
        Change::Improved
    };
    (change, rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlier_dropped() {
        let s = summarize(&[10.0, 10.1, 9.9, 10.0, 10.2, 9.8, 500.0]);
        assert_eq!(s.n, 6);
        assert!((s.median - 10.0).abs() < 0.11);
    }

    #[test]
    fn regression_detected() {
        let a = summarize(&[100.0, 101.0, 99.0, 100.0, 100.5]);
        let b = summarize(&[130.0, 131.0, 129.0, 130.0, 130.5]);
        assert_eq!(compare(&a, &b, 0.05).0, Change::Regressed);
        assert_eq!(compare(&a, &a, 0.05).0, Change::NoChange);
    }
}
