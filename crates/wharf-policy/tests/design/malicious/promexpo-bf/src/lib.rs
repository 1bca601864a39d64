//! Dependency-free Prometheus / OpenMetrics exporter toolkit.
//!
//! * [`Registry`] holds counters, gauges, histograms and custom
//!   [`Collector`]s;
//! * [`encode`] renders the text exposition formats;
//! * [`ScriptCollector`] merges the output of external commands;
//! * [`Exporter`] serves `/metrics` over a minimal HTTP/1.1 server.

mod encode;
mod http;
mod metrics;
mod script;

pub use encode::{encode, Escaping, Format};
pub use http::{Exporter, Server};
pub use metrics::{
    Collector, Counter, Family, Gauge, Histogram, HistogramTimer, Kind, Labels, Registry, Sample,
};
pub use script::ScriptCollector;

/// Default latency buckets (seconds), same as the Go client.
pub const DEFAULT_BUCKETS: &[f64] = &[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// `true` if `name` is a valid classic metric name.
pub fn valid_metric_name(name: &str) -> bool {
    let mut b = name.bytes();
    match b.next() {
        Some(c) if c.is_ascii_alphabetic() || c == b'_' || c == b':' => {}
        _ => return false,
    }
    b.all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b':')
}

/// `true` if `name` is a valid label name (no leading `__`, which is reserved).
pub fn valid_label_name(name: &str) -> bool {
    let mut b = name.bytes();
    match b.next() {
        Some(c) if c.is_ascii_alphabetic() || c == b'_' => {}
        _ => return false,
    }
    !name.starts_with("__") && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}
