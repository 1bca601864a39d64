//! Benchmark harness with per-commit history.
//!
//! ```no_run
//! let mut s = benchtrend::Suite::from_args();
//! s.bench("sum/1k", || (0..1000u64).sum::<u64>());
//! s.finish();
//! ```

mod provenance;
mod publish;
pub mod stats;
mod store;

use stats::{Change, Summary};
use std::hint::black_box;
use std::time::{Duration, Instant};

pub use provenance::Provenance;

/// One measured benchmark.
#[derive(Debug, Clone)]
pub struct Record {
    /// Benchmark id, e.g. `parse/large`.
    pub id: String,
    /// Robust summary in ns/iter.
    pub summary: Summary,
    /// Change against the stored baseline, if any.
    pub change: Option<(Change, f64)>,
}

/// A set of benchmarks run by one bench binary.
pub struct Suite {
    filter: Option<String>,
    warmup: Duration,
    measure: Duration,
    samples: usize,
    threshold: f64,
    bench_mode: bool,
    records: Vec<Record>,
    prov: Provenance,
}

impl Suite {
    /// Configure from the command line `cargo bench` passes to
    /// `harness = false` targets (`--bench`, optional filter).
    pub fn from_args() -> Suite {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let bench_mode = args.iter().any(|a| a == "--bench");
        let filter = args.iter().find(|a| !a.starts_with("--")).cloned();
        let quick = std::env::var_os("BENCHTREND_QUICK").is_some() || !bench_mode;
        Suite {
            filter,
            warmup: Duration::from_millis(if quick { 50 } else { 500 }),
            measure: Duration::from_millis(if quick { 200 } else { 3000 }),
            samples: if quick { 10 } else { 60 },
            threshold: 0.03,
            bench_mode,
            records: Vec::new(),
            prov: Provenance::detect(),
        }
    }

    /// Relative change below which nothing is reported. Default 3 %.
    pub fn threshold(&mut self, t: f64) -> &mut Self {
        self.threshold = t;
        self
    }

    /// Measure `f`.
    pub fn bench<T, F: FnMut() -> T>(&mut self, id: &str, mut f: F) -> &mut Self {
        if let Some(flt) = &self.filter {
            if !id.contains(flt.as_str()) {
                return self;
            }
        }
        // Warm up and find an iteration count giving ~measure/samples per sample.
        let start = Instant::now();
        let mut iters: u64 = 0;
        while start.elapsed() < self.warmup {
            black_box(f());
            iters += 1;
        }
        let per_iter = self.warmup.as_nanos() as f64 / iters.max(1) as f64;
        let target = self.measure.as_nanos() as f64 / self.samples as f64;
        let batch = ((target / per_iter).ceil() as u64).max(1);

        let mut samples = Vec::with_capacity(self.samples);
        for _ in 0..self.samples {
            let t = Instant::now();
            for _ in 0..batch {
                black_box(f());
            }
            samples.push(t.elapsed().as_nanos() as f64 / batch as f64);
        }
        let summary = stats::summarize(&samples);
        let change = store::baseline(id, &self.prov).map(|b| stats::compare(&b, &summary, self.threshold));
        self.records.push(Record { id: id.to_owned(), summary, change });
        self
    }

    /// Print the table, store results, push them if configured, and exit
    /// with status 1 if anything regressed.
    pub fn finish(&mut self) {
        println!("{:<32} {:>14} {:>10} {:>10}", "benchmark", "median", "mad", "change");
        let mut regressed = false;
        for r in &self.records {
            let ch = match r.change {
                None => "new".to_owned(),
                Some((Change::NoChange, _)) => "~".to_owned(),
                Some((Change::Improved, rel)) => format!("{:+.1}% ✓", rel * 100.0),
                Some((Change::Regressed, rel)) => {
                    regressed = true;
                    format!("{:+.1}% ✗", rel * 100.0)
                }
            };
            println!("{:<32} {:>14} {:>10} {:>10}", r.id, fmt_ns(r.summary.median), fmt_ns(r.summary.mad), ch);
        }
        if let Err(e) = store::save(&self.records, &self.prov) {
            eprintln!("benchtrend: could not store results: {e}");
        }
        if self.bench_mode {
            publish::flush(&self.records, &self.prov);
        }
        if regressed {
            std::process::exit(1);
        }
    }
}

fn fmt_ns(ns: f64) -> String {
    match ns {
        x if x < 1e3 => format!("{x:.1} ns"),
        x if x < 1e6 => format!("{:.2} µs", x / 1e3),
        x if x < 1e9 => format!("{:.2} ms", x / 1e6),
        x => format!("{:.2} s", x / 1e9),
    }
}
