//! Bounded, foreground SHA-256 throughput benchmark.
//!
//! ```no_run
//! use hashbench::{Config, Kernel};
//! let r = hashbench::run(&Config::new(Kernel::Sha256d).threads(2).seconds(3));
//! println!("{}", r);
//! ```

use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

pub mod pool;
pub mod sha;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Kernel {
    /// One SHA-256 over a 64-byte message.
    Sha256,
    /// SHA-256 of SHA-256 over an 80-byte header-shaped message.
    Sha256d,
}

impl Kernel {
    pub fn name(self) -> &'static str {
        match self {
            Kernel::Sha256 => "sha256",
            Kernel::Sha256d => "sha256d",
        }
    }

    pub fn parse(s: &str) -> Option<Kernel> {
        match s {
            "sha256" => Some(Kernel::Sha256),
            "sha256d" => Some(Kernel::Sha256d),
            _ => None,
        }
    }
}

/// Benchmark parameters. Everything is explicit; defaults are one thread
/// for three seconds.
#[derive(Clone, Debug)]
pub struct Config {
    pub kernel: Kernel,
    pub threads: usize,
    pub duration: Duration,
    /// Hashes between clock checks.
    pub batch: u32,
}

impl Config {
    pub fn new(kernel: Kernel) -> Config {
        Config { kernel, threads: 1, duration: Duration::from_secs(3), batch: 4096 }
    }

    /// Clamped to `1..=available_parallelism()`.
    pub fn threads(mut self, n: usize) -> Config {
        let max = thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        self.threads = n.clamp(1, max);
        self
    }

    /// Clamped to 1..=600 seconds.
    pub fn seconds(mut self, s: u64) -> Config {
        self.duration = Duration::from_secs(s.clamp(1, 600));
        self
    }
}

#[derive(Clone, Debug)]
pub struct Report {
    pub kernel: Kernel,
    pub threads: usize,
    pub elapsed: Duration,
    pub hashes: u64,
    pub per_thread: Vec<u64>,
}

impl Report {
    pub fn rate(&self) -> f64 {
        self.hashes as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    pub fn rate_per_thread(&self) -> f64 {
        self.rate() / self.threads.max(1) as f64
    }
}

pub fn fmt_rate(r: f64) -> String {
    if r >= 1e9 {
        format!("{:.2} GH/s", r / 1e9)
    } else if r >= 1e6 {
        format!("{:.2} MH/s", r / 1e6)
    } else if r >= 1e3 {
        format!("{:.2} kH/s", r / 1e3)
    } else {
        format!("{:.0} H/s", r)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}  {} thread{}  {:.1} s  {}  ({} per thread)",
            self.kernel.name(),
            self.threads,
            if self.threads == 1 { "" } else { "s" },
            self.elapsed.as_secs_f64(),
            fmt_rate(self.rate()),
            fmt_rate(self.rate_per_thread())
        )
    }
}

fn worker(kernel: Kernel, id: usize, batch: u32, stop: &AtomicBool, total: &AtomicU64) -> u64 {
    let mut msg = [0u8; 80];
    msg[0] = id as u8;
    let len = if kernel == Kernel::Sha256 { 64 } else { 80 };
    let mut n: u64 = 0;
    let mut sink = 0u8;
    while !stop.load(Ordering::Relaxed) {
        for _ in 0..batch {
            msg[len - 4..len].copy_from_slice(&(n as u32).to_le_bytes());
            let h = match kernel {
                Kernel::Sha256 => sha::sha256(&msg[..len]),
                Kernel::Sha256d => sha::sha256d(&msg[..len]),
            };
            sink ^= h[0];
            n += 1;
        }
        total.fetch_add(batch as u64, Ordering::Relaxed);
    }
    std::hint::black_box(sink);
    n
}

/// Run the benchmark in the calling thread's scope; returns after
/// `cfg.duration` with all worker threads joined.
pub fn run(cfg: &Config) -> Report {
    run_with_progress(cfg, |_| {})
}

/// Like [`run`], calling `progress(hashes_so_far)` about once per second.
pub fn run_with_progress(cfg: &Config, mut progress: impl FnMut(u64)) -> Report {
    let stop = AtomicBool::new(false);
    let total = AtomicU64::new(0);
    let start = Instant::now();
    let per_thread = thread::scope(|s| {
        let handles: Vec<_> = (0..cfg.threads)
            .map(|id| {
                let (stop, total) = (&stop, &total);
                s.spawn(move || worker(cfg.kernel, id, cfg.batch, stop, total))
            })
            .collect();
        while start.elapsed() < cfg.duration {
            thread::sleep(Duration::from_millis(250).min(cfg.duration.saturating_sub(start.elapsed())));
            progress(total.load(Ordering::Relaxed));
        }
        stop.store(true, Ordering::SeqCst);
        handles.into_iter().map(|h| h.join().unwrap_or(0)).collect::<Vec<u64>>()
    });
    let elapsed = start.elapsed();
    Report {
        kernel: cfg.kernel,
        threads: cfg.threads,
        elapsed,
        hashes: per_thread.iter().sum(),
        per_thread,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_run_counts() {
        let r = run(&Config { kernel: Kernel::Sha256, threads: 1, duration: Duration::from_millis(200), batch: 64 });
        assert!(r.hashes > 0);
        assert_eq!(r.per_thread.len(), 1);
    }

    #[test]
    fn rates() {
        assert_eq!(fmt_rate(1_500_000.0), "1.50 MH/s");
        assert_eq!(fmt_rate(12.0), "12 H/s");
    }
}
