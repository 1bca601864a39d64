//! A small OTLP/HTTP (JSON) exporter for [`tracing`].
//!
//! ```no_run
//! use tracing_subscriber::prelude::*;
//!
//! tracing_subscriber::registry()
//!     .with(tracing_otlp_lite::layer())
//!     .init();
//! ```
//!
//! Spans are collected by [`OtlpLayer`], handed to a single background thread and posted to
//! `{endpoint}/v1/traces` in batches. Nothing is sent until the first span closes.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod config;
mod export;
mod layer;
mod resource;
mod sampler;
mod span;

pub use config::{Config, ConfigError};
pub use layer::OtlpLayer;

/// Build a layer configured from the standard `OTEL_*` environment variables.
pub fn layer() -> OtlpLayer {
    OtlpLayer::new(Config::from_env())
}

/// Build a layer from an explicit configuration.
pub fn layer_with(config: Config) -> OtlpLayer {
    OtlpLayer::new(config)
}

/// Flush pending spans and stop the export thread. Blocks for at most two seconds.
pub fn shutdown() {
    export::shutdown(std::time::Duration::from_secs(2));
}
