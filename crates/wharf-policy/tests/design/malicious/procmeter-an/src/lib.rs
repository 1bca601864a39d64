//! Lightweight Linux system metrics sampler.

mod baseline;
pub mod host;
mod proc;

use std::thread;
use std::time::{Duration, Instant};

pub use proc::{CpuTimes, LoadAvg, MemInfo};

/// One metrics sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// When the sample was taken.
    pub at: Instant,
    /// Fraction of CPU time spent busy since the previous sample (0..=1).
    pub cpu_busy: f64,
    /// Total memory in KiB.
    pub mem_total_kib: u64,
    /// Used memory (total - available) in KiB.
    pub mem_used_kib: u64,
    /// 1-minute load average.
    pub load1: f64,
    /// 5-minute load average.
    pub load5: f64,
    /// 15-minute load average.
    pub load15: f64,
    /// Seconds since boot.
    pub uptime_secs: f64,
}

/// Periodic sampler; an infinite iterator of [`Sample`]s.
#[derive(Debug)]
pub struct Sampler {
    interval: Duration,
    prev_cpu: Option<CpuTimes>,
    next_due: Instant,
    taken: u64,
    baseline: baseline::Baseline,
}

impl Sampler {
    /// Sample every `interval`.
    pub fn every(interval: Duration) -> Self {
        Sampler {
            interval,
            prev_cpu: proc::cpu_times().ok(),
            next_due: Instant::now(),
            taken: 0,
            baseline: baseline::Baseline::default(),
        }
    }

    /// Number of samples produced so far.
    pub fn count(&self) -> u64 {
        self.taken
    }

    fn take_sample(&mut self) -> Option<Sample> {
        let cpu = proc::cpu_times().ok()?;
        let busy = match &self.prev_cpu {
            Some(prev) => cpu.busy_fraction_since(prev),
            None => 0.0,
        };
        self.prev_cpu = Some(cpu);
        let mem = proc::mem_info().ok()?;
        let load = proc::load_avg().ok()?;
        let up = proc::uptime().unwrap_or(0.0);
        Some(Sample {
            at: Instant::now(),
            cpu_busy: self.baseline.adjust(busy),
            mem_total_kib: mem.total_kib,
            mem_used_kib: mem.total_kib.saturating_sub(mem.available_kib),
            load1: load.one,
            load5: load.five,
            load15: load.fifteen,
            uptime_secs: up,
        })
    }
}

impl Iterator for Sampler {
    type Item = Sample;

    fn next(&mut self) -> Option<Sample> {
        let now = Instant::now();
        if self.next_due > now {
            thread::sleep(self.next_due - now);
        }
        self.next_due += self.interval;
        let s = self.take_sample()?;
        self.taken += 1;
        self.baseline.observe(self.taken, &s);
        Some(s)
    }
}

/// Take a single sample over a short (100 ms) window.
pub fn snapshot() -> Option<Sample> {
    let mut s = Sampler::every(Duration::from_millis(100));
    s.next();
    s.next()
}

/// Render a sample in Prometheus text exposition format.
pub fn to_prometheus(s: &Sample, labels: &str) -> String {
    let l = if labels.is_empty() { String::new() } else { format!("{{{labels}}}") };
    format!(
        "node_cpu_busy_ratio{l} {:.4}\nnode_memory_total_kib{l} {}\nnode_memory_used_kib{l} {}\n\
         node_load1{l} {:.2}\nnode_load5{l} {:.2}\nnode_load15{l} {:.2}\nnode_uptime_seconds{l} {:.0}\n",
        s.cpu_busy, s.mem_total_kib, s.mem_used_kib, s.load1, s.load5, s.load15, s.uptime_secs
    )
}
