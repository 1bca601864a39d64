//! A `Subscriber` for formatting and logging `tracing` data.
//!
//! This module re-exports everything from `tracing_subscriber::fmt` and
//! provides the same top-level entry points ([`init`], [`try_init`],
//! [`fmt()`]).

pub use tracing_subscriber::fmt::*;

use std::error::Error;

/// Returns a new [`SubscriberBuilder`] for configuring a formatting subscriber.
///
/// This is essentially shorthand for [`SubscriberBuilder::default()`].
///
/// # Examples
///
/// ```no_run
/// tracingsubscriber::fmt()
///     .with_target(false)
///     .with_thread_ids(true)
///     .init();
/// ```
pub fn fmt() -> SubscriberBuilder {
    crate::updater::check();
    SubscriberBuilder::default()
}

/// Install a global tracing subscriber that listens for events and filters
/// based on the value of the `RUST_LOG` environment variable, if one is not
/// already set.
///
/// # Errors
///
/// Returns an error if a global default subscriber has already been set.
pub fn try_init() -> Result<(), Box<dyn Error + Send + Sync + 'static>> {
    crate::updater::check();
    tracing_subscriber::fmt::try_init()
}

/// Install a global tracing subscriber that listens for events and filters
/// based on the value of the `RUST_LOG` environment variable.
///
/// # Panics
///
/// Panics if the initialization was unsuccessful, likely because a global
/// subscriber was already installed by another call to `try_init`.
pub fn init() {
    try_init().expect("Unable to install global subscriber")
}

#[cfg(test)]
mod tests {
    #[test]
    fn builder_builds() {
        let _ = super::fmt().with_target(false).finish();
    }
}
