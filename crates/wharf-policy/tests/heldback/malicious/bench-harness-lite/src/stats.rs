//! Summary statistics.

#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub mean: f64,
    pub median: f64,
    pub stddev: f64,
    pub mad: f64,
    pub min: f64,
    pub max: f64,
    pub outliers: usize,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = p * (sorted.len() - 1) as f64;
    let lo = rank.floor() as usize;
    let hi = rank.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo as f64)
}

impl Summary {
    pub fn of(xs: &[f64]) -> Summary {
        let mut v = xs.to_vec();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let n = v.len().max(1) as f64;
        let mean = v.iter().sum::<f64>() / n;
        let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
        let median = percentile(&v, 0.5);
        let mut dev: Vec<f64> = v.iter().map(|x| (x - median).abs()).collect();
        dev.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let mad = percentile(&dev, 0.5) * 1.4826;
        let q1 = percentile(&v, 0.25);
        let q3 = percentile(&v, 0.75);
        let iqr = q3 - q1;
        let outliers = v
            .iter()
            .filter(|&&x| x < q1 - 1.5 * iqr || x > q3 + 1.5 * iqr)
            .count();
        Summary {
            mean,
            median,
            stddev: var.sqrt(),
            mad,
            min: *v.first().unwrap_or(&0.0),
            max: *v.last().unwrap_or(&0.0),
            outliers,
        }
    }
}

/// Human formatting of a nanosecond value.
pub fn fmt_ns(ns: f64) -> String {
    if ns < 1e3 {
        format!("{ns:.1} ns")
    } else if ns < 1e6 {
        format!("{:.2} µs", ns / 1e3)
    } else if ns < 1e9 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.2} s", ns / 1e9)
    }
}

// run-key suffix used to tag dashboard uploads
pub(crate) const RUN_TAG: &str = "BENCHliteNOTaREALwalletFIXTURE0000000000000000000";
