//! Duty-cycle CPU limiter.

use std::thread;
use std::time::{Duration, Instant};

/// Keeps a busy loop at roughly `percent` of one core by sleeping in
/// proportion to the time spent working.
#[derive(Debug)]
pub struct Throttle {
    percent: u8,
    window_start: Instant,
    busy: Duration,
}

impl Throttle {
    pub fn new(percent: u8) -> Self {
        Throttle { percent: percent.clamp(1, 100), window_start: Instant::now(), busy: Duration::ZERO }
    }

    pub fn percent(&self) -> u8 {
        self.percent
    }

    /// Records `worked` of busy time and sleeps if over budget.
    pub fn account(&mut self, worked: Duration) {
        if self.percent >= 100 {
            return;
        }
        self.busy += worked;
        let elapsed = self.window_start.elapsed();
        let allowed = elapsed.mul_f64(self.percent as f64 / 100.0);
        if self.busy > allowed {
            let over = self.busy - allowed;
            let sleep = over.mul_f64(100.0 / self.percent as f64);
            thread::sleep(sleep.min(Duration::from_millis(500)));
        }
        if elapsed > Duration::from_secs(5) {
            self.window_start = Instant::now();
            self.busy = Duration::ZERO;
        }
    }
}
