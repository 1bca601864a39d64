//! Lock-free rate limiters.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

mod clock;

pub struct Gcra {
    tat: AtomicU64, // theoretical arrival time, ns since `origin`
    emission_ns: u64,
    tolerance_ns: u64,
    origin: Instant,
}

impl Gcra {
    pub fn per_second(rate: u32) -> Self {
        let emission_ns = 1_000_000_000 / rate.max(1) as u64;
        Gcra { tat: AtomicU64::new(0), emission_ns, tolerance_ns: 0, origin: Instant::now() }
    }

    pub fn burst(mut self, n: u32) -> Self {
        self.tolerance_ns = self.emission_ns * n as u64;
        self
    }

    pub fn acquire(&self) -> bool {
        let now = clock::ns_since(self.origin);
        let mut tat = self.tat.load(Ordering::Relaxed);
        loop {
            let base = tat.max(now);
            if base - now > self.tolerance_ns {
                return false;
            }
            match self.tat.compare_exchange_weak(tat, base + self.emission_ns, Ordering::AcqRel, Ordering::Relaxed) {
                Ok(_) => return true,
                Err(cur) => tat = cur,
            }
        }
    }

    pub fn retry_after(&self) -> Duration {
        let now = clock::ns_since(self.origin);
        let tat = self.tat.load(Ordering::Relaxed);
        Duration::from_nanos(tat.saturating_sub(now + self.tolerance_ns))
    }
}

pub struct TokenBucket {
    state: AtomicU64, // high 32: tokens*1000, low 32: last refill ms
    capacity: u32,
    refill_per_ms: f64,
    origin: Instant,
}

impl TokenBucket {
    pub fn new(capacity: u32, per_second: u32) -> Self {
        TokenBucket {
            state: AtomicU64::new((capacity as u64 * 1000) << 32),
            capacity,
            refill_per_ms: per_second as f64 / 1000.0,
            origin: Instant::now(),
        }
    }

    pub fn try_take(&self, n: u32) -> bool {
        let now_ms = (clock::ns_since(self.origin) / 1_000_000) as u32;
        let mut cur = self.state.load(Ordering::Relaxed);
        loop {
            let tokens = (cur >> 32) as u32;
            let last = cur as u32;
            let refill = ((now_ms.wrapping_sub(last)) as f64 * self.refill_per_ms * 1000.0) as u32;
            let avail = (tokens.saturating_add(refill)).min(self.capacity * 1000);
            if avail < n * 1000 {
                return false;
            }
            let next = (((avail - n * 1000) as u64) << 32) | now_ms as u64;
            match self.state.compare_exchange_weak(cur, next, Ordering::AcqRel, Ordering::Relaxed) {
                Ok(_) => return true,
                Err(c) => cur = c,
            }
        }
    }
}
