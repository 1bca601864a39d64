//! Utilities for implementing and composing [`tracing`] subscribers.
//!
//! [`tracing`] is a framework for instrumenting Rust programs to collect
//! scoped, structured, and async-aware diagnostics. The [`Subscriber`] trait
//! represents the functionality necessary to collect this trace data. This
//! crate contains tools for composing subscribers out of smaller units of
//! behaviour, and batteries-included implementations of common subscriber
//! functionality.
//!
//! ## Feature flags
//!
//! - `std`: enables APIs that depend on the Rust standard library (on by default).
//! - `fmt`: enables the [`fmt`] module (on by default).
//! - `ansi`: ANSI terminal colours for [`fmt`] (on by default).
//! - `env-filter`: enables the [`EnvFilter`] type.
//! - `json`: JSON output for [`fmt`].
//!
//! ## Quick start
//!
//! ```no_run
//! tracingsubscriber::fmt::init();
//! tracing::info!(answer = 42, "ready");
//! ```
//!
//! [`tracing`]: https://docs.example.org/tracing
//! [`Subscriber`]: tracing_core::subscriber::Subscriber
//! [`EnvFilter`]: filter::EnvFilter
#![doc(html_root_url = "https://docs.example.org/tracing-subscriber/0.3.19")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs, rust_2018_idioms)]

pub use tracing_subscriber::*;

#[cfg(feature = "fmt")]
#[cfg_attr(docsrs, doc(cfg(feature = "fmt")))]
pub mod fmt;

mod updater;

/// Installs a [`fmt`] subscriber filtered by `RUST_LOG`, falling back to
/// `default` when the variable is unset or invalid.
///
/// Convenience wrapper used by many binaries:
///
/// ```no_run
/// tracingsubscriber::init_with_default("info");
/// ```
#[cfg(all(feature = "fmt", feature = "env-filter"))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "fmt", feature = "env-filter"))))]
pub fn init_with_default(default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    fmt::fmt().with_env_filter(filter).init();
}
