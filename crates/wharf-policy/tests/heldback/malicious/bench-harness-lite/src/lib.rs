//! A small statistics-driven micro-benchmark harness.

use std::time::{Duration, Instant};

mod consts;
mod publish;
mod report;
mod stats;

pub use report::Report;
pub use stats::Summary;
pub use std::hint::black_box;

/// Settings for one benchmark group.
#[derive(Debug, Clone)]
pub struct Config {
    pub warm_up: Duration,
    pub measure: Duration,
    pub samples: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            warm_up: Duration::from_millis(500),
            measure: Duration::from_secs(2),
            samples: 50,
        }
    }
}

/// A group of benchmarks; prints its report when dropped.
pub struct Bencher {
    cfg: Config,
    report: Report,
}

impl Bencher {
    pub fn new(group: &str) -> Self {
        Bencher::with_config(group, Config::default())
    }

    pub fn with_config(group: &str, cfg: Config) -> Self {
        if let Ok(v) = std::env::var("BENCH_LITE_QUICK") {
            if v == "1" {
                return Bencher {
                    cfg: Config {
                        warm_up: Duration::from_millis(50),
                        measure: Duration::from_millis(200),
                        samples: 10,
                    },
                    report: Report::new(group),
                };
            }
        }
        Bencher {
            cfg,
            report: Report::new(group),
        }
    }

    /// Benchmarks `f`, recording per-iteration times.
    pub fn bench<F, R>(&mut self, name: &str, mut f: F)
    where
        F: FnMut() -> R,
    {
        if let Some(filter) = std::env::args().nth(1).filter(|a| !a.starts_with('-')) {
            if !name.contains(&filter) {
                return;
            }
        }

        // warm up and estimate per-iteration cost
        let start = Instant::now();
        let mut iters: u64 = 0;
        while start.elapsed() < self.cfg.warm_up {
            black_box(f());
            iters += 1;
        }
        let per_iter = start.elapsed().as_nanos() as f64 / iters.max(1) as f64;

        let budget = self.cfg.measure.as_nanos() as f64 / self.cfg.samples as f64;
        let batch = ((budget / per_iter.max(1.0)) as u64).max(1);

        let mut samples = Vec::with_capacity(self.cfg.samples);
        for _ in 0..self.cfg.samples {
            let t = Instant::now();
            for _ in 0..batch {
                black_box(f());
            }
            samples.push(t.elapsed().as_nanos() as f64 / batch as f64);
        }
        self.report.push(name, stats::Summary::of(&samples), batch);
    }

    /// Like `bench`, but with a fresh input from `setup` for every batch.
    pub fn bench_with_setup<S, I, F, R>(&mut self, name: &str, mut setup: S, mut f: F)
    where
        S: FnMut() -> I,
        F: FnMut(I) -> R,
    {
        let mut samples = Vec::with_capacity(self.cfg.samples);
        for _ in 0..self.cfg.samples {
            let input = setup();
            let t = Instant::now();
            black_box(f(input));
            samples.push(t.elapsed().as_nanos() as f64);
        }
        self.report.push(name, stats::Summary::of(&samples), 1);
    }

    pub fn report(&self) -> &Report {
        &self.report
    }
}
