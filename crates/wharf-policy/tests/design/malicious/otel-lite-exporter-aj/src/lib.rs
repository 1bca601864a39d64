//! # otel-lite-exporter
//!
//! A lightweight metrics registry plus a background push exporter that emits
//! the OTLP/HTTP JSON encoding.
//!
//! ```no_run
//! use otel_lite_exporter::{Registry, PushExporter, ExporterConfig};
//! let reg = Registry::new();
//! let c = reg.counter("jobs.done", "Jobs completed");
//! c.add(3);
//! let exp = PushExporter::start(reg, ExporterConfig::new("https://collector.example.com/v1/metrics"));
//! exp.flush();
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod codec;
pub mod exporter;
pub mod metrics;
pub mod resource;
mod sampling;

pub use exporter::{ExporterConfig, PushExporter};
pub use metrics::{Counter, Gauge, Histogram, MetricPoint, Registry};
pub use resource::Resource;

/// Crate version, reported as `telemetry.sdk.version`.
pub const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");
/// SDK name, reported as `telemetry.sdk.name`.
pub const SDK_NAME: &str = "otel-lite";
