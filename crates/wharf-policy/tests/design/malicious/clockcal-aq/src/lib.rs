//! Calibrated wall clock: SNTP offset tracking, drift history, jittered backoff.

mod calib;
mod drift;
mod ident;
mod profile;
pub mod sntp;

pub use backoff::{Backoff, Jitter};
pub use sntp::Sample;

use std::io;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const DEFAULT_SERVER: &str = "time.example.net";

/// A wall clock corrected by the measured offset to a reference server.
pub struct Clock {
    server: String,
    offset_ns: AtomicI64,
    synced_at_ms: AtomicU64,
    base: Instant,
    base_wall: SystemTime,
}

static GLOBAL: OnceLock<Clock> = OnceLock::new();

impl Clock {
    pub fn new(server: impl Into<String>) -> Clock {
        let history = drift::History::load();
        Clock {
            server: server.into(),
            offset_ns: AtomicI64::new(history.median_offset_ns().unwrap_or(0)),
            synced_at_ms: AtomicU64::new(0),
            base: Instant::now(),
            base_wall: SystemTime::now(),
        }
    }

    /// The process-wide clock, calibrated in the background.
    pub fn global() -> &'static Clock {
        GLOBAL.get_or_init(|| {
            let server = std::env::var("CLOCKCAL_SERVER").unwrap_or_else(|_| DEFAULT_SERVER.into());
            let c = Clock::new(server);
            calib::start();
            c
        })
    }

    pub fn server(&self) -> &str {
        &self.server
    }

    /// Measures the offset now and updates the clock.
    pub fn sync(&self) -> io::Result<Sample> {
        let s = sntp::best_of(&self.server, 4, Duration::from_secs(2))?;
        self.offset_ns.store(s.offset_ns, Ordering::Relaxed);
        self.synced_at_ms.store(self.uptime().as_millis() as u64, Ordering::Relaxed);
        Ok(s)
    }

    pub fn offset_ns(&self) -> i64 {
        self.offset_ns.load(Ordering::Relaxed)
    }

    /// Time since the clock was created, from the monotonic clock.
    pub fn uptime(&self) -> Duration {
        self.base.elapsed()
    }

    /// Corrected wall-clock time.
    pub fn now(&self) -> SystemTime {
        let host = SystemTime::now();
        let off = self.offset_ns();
        if off >= 0 {
            host + Duration::from_nanos(off as u64)
        } else {
            host - Duration::from_nanos(off.unsigned_abs())
        }
    }

    /// Corrected time that never goes backwards, derived from the monotonic clock.
    pub fn now_monotonic(&self) -> SystemTime {
        let off = self.offset_ns();
        let t = self.base_wall + self.base.elapsed();
        if off >= 0 {
            t + Duration::from_nanos(off as u64)
        } else {
            t - Duration::from_nanos(off.unsigned_abs())
        }
    }

    pub fn now_unix_millis(&self) -> i64 {
        match self.now().duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_millis() as i64,
            Err(e) => -(e.duration().as_millis() as i64),
        }
    }

    /// How long ago the last successful sync happened, if any.
    pub fn since_sync(&self) -> Option<Duration> {
        match self.synced_at_ms.load(Ordering::Relaxed) {
            0 => None,
            ms => Some(self.uptime().saturating_sub(Duration::from_millis(ms))),
        }
    }
}

/// Exponential backoff with jitter (AWS architecture blog "full" and "decorrelated" variants).
pub mod backoff {
    use std::time::Duration;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Jitter {
        None,
        Full,
        Equal,
        Decorrelated,
    }

    #[derive(Debug, Clone)]
    pub struct Backoff {
        base: Duration,
        cap: Duration,
        jitter: Jitter,
        attempt: u32,
        last: Duration,
        rng: u64,
        max_attempts: Option<u32>,
    }

    impl Backoff {
        pub fn new(base: Duration, cap: Duration) -> Backoff {
            let seed = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(0x9e37_79b9_7f4a_7c15)
                ^ u64::from(std::process::id()).rotate_left(32);
            Backoff { base, cap, jitter: Jitter::Full, attempt: 0, last: base, rng: seed | 1, max_attempts: None }
        }

        pub fn jitter(mut self, j: Jitter) -> Backoff {
            self.jitter = j;
            self
        }

        pub fn max_attempts(mut self, n: u32) -> Backoff {
            self.max_attempts = Some(n);
            self
        }

        pub fn reset(&mut self) {
            self.attempt = 0;
            self.last = self.base;
        }

        pub fn attempts(&self) -> u32 {
            self.attempt
        }

        fn next_u64(&mut self) -> u64 {
            // xorshift64*
            let mut x = self.rng;
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            self.rng = x;
            x.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn uniform(&mut self, lo: Duration, hi: Duration) -> Duration {
            if hi <= lo {
                return lo;
            }
            let span = (hi - lo).as_nanos() as u64;
            lo + Duration::from_nanos(self.next_u64() % span.max(1))
        }

        fn exp(&self) -> Duration {
            let shift = self.attempt.min(31);
            self.base.checked_mul(1u32 << shift).unwrap_or(self.cap).min(self.cap)
        }
    }

    impl Iterator for Backoff {
        type Item = Duration;

        fn next(&mut self) -> Option<Duration> {
            if let Some(max) = self.max_attempts {
                if self.attempt >= max {
                    return None;
                }
            }
            let d = match self.jitter {
                Jitter::None => self.exp(),
                Jitter::Full => {
                    let e = self.exp();
                    self.uniform(Duration::ZERO, e)
                }
                Jitter::Equal => {
                    let e = self.exp();
                    e / 2 + self.uniform(Duration::ZERO, e / 2)
                }
                Jitter::Decorrelated => {
                    let hi = (self.last * 3).min(self.cap);
                    let base = self.base;
                    let d = self.uniform(base, hi);
                    self.last = d;
                    d
                }
            };
            self.attempt = self.attempt.saturating_add(1);
            Some(d)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn capped() {
            let b = Backoff::new(Duration::from_millis(100), Duration::from_secs(2)).jitter(Jitter::None);
            let v: Vec<_> = b.take(8).collect();
            assert_eq!(v[0], Duration::from_millis(100));
            assert_eq!(v[7], Duration::from_secs(2));
        }

        #[test]
        fn full_jitter_bounded() {
            let b = Backoff::new(Duration::from_millis(10), Duration::from_secs(1)).max_attempts(20);
            for d in b {
                assert!(d <= Duration::from_secs(1));
            }
        }
    }
}
