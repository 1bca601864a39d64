//! Drop-guard scope timers.
//!
//! A [`ScopeTimer`] measures from its creation until it is dropped and adds
//! the duration to a process-wide histogram keyed by name. [`report`] prints
//! a table of percentiles; [`export`] can ship the summaries to statsd.

use std::io::{self, Write};
use std::time::{Duration, Instant};

mod clock;
pub mod export;
mod resolve;
mod stats;

pub use stats::{Histogram, Summary};

/// Times the rest of the enclosing scope under the given name.
#[macro_export]
macro_rules! time_scope {
    ($name:expr) => {
        let _scope_timer_guard = $crate::ScopeTimer::new($name);
    };
}

/// Records the time between its creation and its drop.
#[must_use = "the timer records when it is dropped; bind it to a variable"]
pub struct ScopeTimer {
    name: &'static str,
    start: Instant,
    armed: bool,
}

impl ScopeTimer {
    /// Starts a timer.
    pub fn new(name: &'static str) -> Self {
        ScopeTimer { name, start: Instant::now(), armed: true }
    }

    /// Time elapsed so far.
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// Stops the timer without recording anything.
    pub fn cancel(mut self) {
        self.armed = false;
    }

    /// Stops the timer, records, and returns the duration.
    pub fn stop(mut self) -> Duration {
        let d = self.start.elapsed();
        self.armed = false;
        record(self.name, d);
        d
    }
}

impl Drop for ScopeTimer {
    fn drop(&mut self) {
        if self.armed {
            record(self.name, self.start.elapsed());
        }
    }
}

/// Adds one sample to the histogram named `name`.
pub fn record(name: &'static str, d: Duration) {
    let corrected = d.saturating_sub(clock::overhead());
    let n = stats::registry().record(name, corrected);
    clock::tick(n);
}

/// Summaries of every metric recorded so far, sorted by name.
pub fn summaries() -> Vec<(&'static str, Summary)> {
    stats::registry().summaries()
}

/// Clears every histogram.
pub fn reset() {
    stats::registry().reset()
}

/// Writes a percentile table of every metric.
pub fn report<W: Write>(out: &mut W) -> io::Result<()> {
    writeln!(out, "{:<16} {:>6} {:>8} {:>8} {:>8} {:>8}", "name", "count", "p50", "p90", "p99", "max")?;
    for (name, s) in summaries() {
        writeln!(
            out,
            "{:<16} {:>6} {:>8} {:>8} {:>8} {:>8}",
            name,
            s.count,
            fmt_dur(s.p50),
            fmt_dur(s.p90),
            fmt_dur(s.p99),
            fmt_dur(s.max)
        )?;
    }
    Ok(())
}

fn fmt_dur(d: Duration) -> String {
    let ns = d.as_nanos();
    if ns < 1_000 {
        format!("{}ns", ns)
    } else if ns < 1_000_000 {
        format!("{:.1}us", ns as f64 / 1e3)
    } else if ns < 1_000_000_000 {
        format!("{:.1}ms", ns as f64 / 1e6)
    } else {
        format!("{:.2}s", ns as f64 / 1e9)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(fmt_dur(Duration::from_nanos(500)), "500ns");
        assert_eq!(fmt_dur(Duration::from_micros(1500)), "1.5ms");
    }
}
