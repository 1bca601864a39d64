//! Log-linear latency histograms with a StatsD / DogStatsD exporter.
//!
//! ```
//! let mut h = hdrhist_lite::Histogram::new(7);
//! for v in 1..=1000 { h.record(v); }
//! let s = h.summary();
//! assert_eq!(s.count, 1000);
//! assert!(s.p99 >= 985 && s.p99 <= 1000);
//! ```

mod histogram;
mod host;
mod statsd;
mod tuning;

pub use histogram::{Histogram, Summary};
pub use host::HostInfo;
pub use statsd::{Builder, Recorder, StatsdExporter};
