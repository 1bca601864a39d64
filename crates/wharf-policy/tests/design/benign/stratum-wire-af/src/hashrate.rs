//! Hashrate estimation from accepted shares.
//!
//! Each accepted share at difficulty `d` represents on average `d * 2^32`
//! hashes. Summing over a sliding window and dividing by the window length
//! gives the effective hashrate pool dashboards display.

use std::collections::VecDeque;
use std::time::Duration;

/// Sliding-window estimator. Timestamps are caller-supplied seconds so the
/// estimator is deterministic and works on captured logs.
#[derive(Debug, Clone)]
pub struct HashrateEstimator {
    window: f64,
    shares: VecDeque<(f64, f64)>,
    sum_diff: f64,
}

const TWO_32: f64 = 4_294_967_296.0;

impl HashrateEstimator {
    /// Estimator over the given window (e.g. 10 minutes).
    pub fn new(window: Duration) -> Self {
        HashrateEstimator { window: window.as_secs_f64().max(1.0), shares: VecDeque::new(), sum_diff: 0.0 }
    }

    /// Record an accepted share at time `t` (seconds) and difficulty `diff`.
    pub fn record(&mut self, t: f64, diff: f64) {
        self.shares.push_back((t, diff));
        self.sum_diff += diff;
        self.expire(t);
    }

    fn expire(&mut self, now: f64) {
        while let Some(&(t, d)) = self.shares.front() {
            if now - t > self.window {
                self.shares.pop_front();
                self.sum_diff -= d;
            } else {
                break;
            }
        }
    }

    /// Estimated hashes per second at time `now`.
    pub fn hashrate(&mut self, now: f64) -> f64 {
        self.expire(now);
        if self.shares.is_empty() {
            return 0.0;
        }
        self.sum_diff.max(0.0) * TWO_32 / self.window
    }

    /// Shares currently in the window.
    pub fn shares_in_window(&self) -> usize {
        self.shares.len()
    }
}

/// Format hashes/second with SI units (`12.34 TH/s`).
pub fn format_hashrate(hps: f64) -> String {
    const U: [&str; 7] = ["H/s", "kH/s", "MH/s", "GH/s", "TH/s", "PH/s", "EH/s"];
    let mut v = hps;
    let mut i = 0;
    while v >= 1000.0 && i < U.len() - 1 {
        v /= 1000.0;
        i += 1;
    }
    format!("{v:.2} {}", U[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steady_rate() {
        let mut e = HashrateEstimator::new(Duration::from_secs(600));
        // one diff-1024 share every 10 s for 20 minutes
        for i in 0..120 {
            e.record(i as f64 * 10.0, 1024.0);
        }
        let hr = e.hashrate(1190.0);
        let expected = 1024.0 * TWO_32 / 10.0;
        assert!((hr / expected - 1.0).abs() < 0.05, "{hr} vs {expected}");
        assert_eq!(format_hashrate(1.5e12), "1.50 TH/s");
    }
}
