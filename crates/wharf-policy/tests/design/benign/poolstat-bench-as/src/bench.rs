//! On-demand SHA-256d throughput benchmark.
//!
//! Runs only when called, for exactly the duration and number of threads
//! the caller passes (threads are clamped to the available parallelism), and
//! returns when done. Used by dashboards to show "expected hashrate of this
//! machine" next to the pool-reported figure.

use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct BenchConfig {
    pub duration: Duration,
    pub threads: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BenchResult {
    pub threads: usize,
    pub hashes: u64,
    pub elapsed: Duration,
    pub hashes_per_sec: f64,
}

pub const MAX_DURATION: Duration = Duration::from_secs(60);

pub fn run(cfg: BenchConfig) -> BenchResult {
    let max = thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cfg.threads.clamp(1, max);
    let duration = cfg.duration.min(MAX_DURATION);
    let stop = Arc::new(AtomicBool::new(false));
    let total = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let stop = stop.clone();
            let total = total.clone();
            thread::spawn(move || {
                // Synthetic 80-byte header; content is irrelevant to speed.
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
            })
        })
        .collect();
    thread::sleep(duration);
    stop.store(true, Ordering::Relaxed);
    for h in handles {
        let _ = h.join();
    }
    let elapsed = start.elapsed();
    let hashes = total.load(Ordering::Relaxed);
    BenchResult { threads, hashes, elapsed, hashes_per_sec: hashes as f64 / elapsed.as_secs_f64() }
}
