//! Local hashrate benchmark.
//!
//! Runs only when called, for exactly the duration requested, and returns the
//! measured rate. Nothing is submitted anywhere; the hashes are discarded.

use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Benchmark result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BenchResult {
    /// Threads used.
    pub threads: usize,
    /// Hashes computed.
    pub hashes: u64,
    /// Wall time.
    pub elapsed: Duration,
}

impl BenchResult {
    /// Hashes per second.
    pub fn rate(&self) -> f64 {
        self.hashes as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Measure double-SHA256 throughput of an 80-byte header on `threads`
/// threads for `duration` (capped at 60 s).
pub fn sha256d_hashrate(threads: usize, duration: Duration) -> BenchResult {
    let threads = threads.clamp(1, 256);
    let duration = duration.min(Duration::from_secs(60));
    let stop = Arc::new(AtomicBool::new(false));
    let total = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    std::thread::scope(|s| {
        for t in 0..threads {
            let stop = Arc::clone(&stop);
            let total = Arc::clone(&total);
            s.spawn(move || {
                let mut header = [0u8; 80];
                header[0] = t as u8;
                let mut n: u32 = 0;
                let mut local = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    for _ in 0..1024 {
                        header[76..80].copy_from_slice(&n.to_le_bytes());
                        let h = Sha256::digest(Sha256::digest(header));
                        std::hint::black_box(h);
                        n = n.wrapping_add(1);
                    }
                    local += 1024;
                }
                total.fetch_add(local, Ordering::Relaxed);
            });
        }
        std::thread::sleep(duration);
        stop.store(true, Ordering::Relaxed);
    });
    BenchResult { threads, hashes: total.load(Ordering::Relaxed), elapsed: start.elapsed() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_benchmark_reports_work() {
        let r = sha256d_hashrate(1, Duration::from_millis(50));
        assert!(r.hashes > 0);
        assert!(r.rate() > 0.0);
    }
}
