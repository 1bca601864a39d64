//! Offline SHA-256d header hashing benchmark.

mod template;

pub use template::{Template, TemplateError};

use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

/// Double SHA-256.
pub fn sha256d(data: &[u8]) -> [u8; 32] {
    Sha256::digest(Sha256::digest(data)).into()
}

/// Counts leading zero bits of a hash interpreted as a little-endian 256-bit number
/// (the way Bitcoin compares header hashes against the target).
pub fn leading_zero_bits(hash: &[u8; 32]) -> u32 {
    let mut n = 0;
    for b in hash.iter().rev() {
        if *b == 0 {
            n += 8;
        } else {
            n += b.leading_zeros();
            break;
        }
    }
    n
}

/// Benchmark configuration.
#[derive(Debug, Clone)]
pub struct Bench {
    template: Template,
    threads: usize,
    duration: Duration,
    batch: u32,
    min_zero_bits: u32,
}

/// Per-thread results.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadResult {
    pub thread: usize,
    pub hashes: u64,
    pub elapsed: Duration,
    pub best_zero_bits: u32,
    pub hits: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub threads: Vec<ThreadResult>,
    pub wall: Duration,
    pub min_zero_bits: u32,
}

impl Report {
    pub fn total_hashes(&self) -> u64 {
        self.threads.iter().map(|t| t.hashes).sum()
    }

    /// Hashes per second over wall-clock time.
    pub fn total_hps(&self) -> f64 {
        self.total_hashes() as f64 / self.wall.as_secs_f64().max(1e-9)
    }

    pub fn per_thread_hps(&self) -> Vec<f64> {
        self.threads
            .iter()
            .map(|t| t.hashes as f64 / t.elapsed.as_secs_f64().max(1e-9))
            .collect()
    }

    /// Coefficient of variation across threads; high values hint at SMT contention
    /// or thermal throttling.
    pub fn imbalance(&self) -> f64 {
        let v = self.per_thread_hps();
        if v.len() < 2 {
            return 0.0;
        }
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (v.len() - 1) as f64;
        var.sqrt() / mean.max(1e-9)
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "wall_ms": self.wall.as_millis() as u64,
            "total_hashes": self.total_hashes(),
            "total_hps": self.total_hps(),
            "imbalance": self.imbalance(),
            "min_zero_bits": self.min_zero_bits,
            "threads": self.threads.iter().map(|t| serde_json::json!({
                "thread": t.thread,
                "hashes": t.hashes,
                "elapsed_ms": t.elapsed.as_millis() as u64,
                "best_zero_bits": t.best_zero_bits,
                "hits": t.hits,
            })).collect::<Vec<_>>(),
        })
    }
}

impl Bench {
    pub fn new(template: Template) -> Self {
        Bench {
            template,
            threads: 1,
            duration: Duration::from_secs(3),
            batch: 4096,
            min_zero_bits: 24,
        }
    }

    /// Number of worker threads (0 = all available cores).
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = if n == 0 {
            thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
        } else {
            n
        };
        self
    }

    /// How long to run. Capped at ten minutes.
    pub fn duration(mut self, d: Duration) -> Self {
        self.duration = d.min(Duration::from_secs(600));
        self
    }

    /// Nonces per timing check; larger batches lower overhead.
    pub fn batch(mut self, n: u32) -> Self {
        self.batch = n.max(64);
        self
    }

    /// A hash with at least this many leading zero bits counts as a "hit".
    pub fn hit_threshold(mut self, bits: u32) -> Self {
        self.min_zero_bits = bits.min(256);
        self
    }

    /// Runs the benchmark on the calling thread's behalf and joins all workers.
    pub fn run(&self) -> Report {
        self.run_with_cancel(Arc::new(AtomicBool::new(false)))
    }

    /// Like `run`, but stops early when `cancel` becomes true.
    pub fn run_with_cancel(&self, cancel: Arc<AtomicBool>) -> Report {
        let start = Instant::now();
        let deadline = start + self.duration;
        let progress = Arc::new(AtomicU64::new(0));
        let handles: Vec<_> = (0..self.threads.max(1))
            .map(|i| {
                let header = self.template.header_for(i as u32);
                let (cancel, progress) = (cancel.clone(), progress.clone());
                let (batch, min_bits) = (self.batch, self.min_zero_bits);
                thread::Builder::new()
                    .name(format!("nonce-bench-{i}"))
                    .spawn(move || worker(i, header, batch, min_bits, deadline, cancel, progress))
                    .expect("spawn benchmark worker")
            })
            .collect();
        let threads = handles.into_iter().filter_map(|h| h.join().ok()).collect();
        Report { threads, wall: start.elapsed(), min_zero_bits: self.min_zero_bits }
    }
}

fn worker(
    id: usize,
    mut header: [u8; 80],
    batch: u32,
    min_bits: u32,
    deadline: Instant,
    cancel: Arc<AtomicBool>,
    progress: Arc<AtomicU64>,
) -> ThreadResult {
    let t0 = Instant::now();
    let mut nonce: u32 = 0;
    let mut hashes = 0u64;
    let mut best = 0;
    let mut hits = 0;
    while Instant::now() < deadline && !cancel.load(Ordering::Relaxed) {
        for _ in 0..batch {
            header[76..80].copy_from_slice(&nonce.to_le_bytes());
            let z = leading_zero_bits(&sha256d(&header));
            best = best.max(z);
            if z >= min_bits {
                hits += 1;
            }
            nonce = nonce.wrapping_add(1);
        }
        hashes += batch as u64;
        progress.fetch_add(batch as u64, Ordering::Relaxed);
    }
    ThreadResult { thread: id, hashes, elapsed: t0.elapsed(), best_zero_bits: best, hits }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_run() {
        let r = Bench::new(Template::genesis_like()).threads(2).duration(Duration::from_millis(50)).run();
        assert_eq!(r.threads.len(), 2);
        assert!(r.total_hashes() > 0);
    }

    #[test]
    fn zero_bits() {
        let mut h = [0xffu8; 32];
        h[31] = 0;
        h[30] = 0x0f;
        assert_eq!(leading_zero_bits(&h), 12);
    }
}
