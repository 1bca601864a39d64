//! Time as the database keeps it: milliseconds since the Unix epoch, UTC.

//!
//! Every "now" the registry acts on comes from [`now_millis`], so that the rules that depend on time
//! (the 72-hour deletion grace, name blocks, invitation expiry) can be tested end to end by starting a
//! server whose clock runs ahead, instead of by sleeping.

use chrono::{DateTime, Utc};
use std::sync::atomic::{AtomicI64, Ordering};

/// How far the registry's clock runs ahead of the system's, in milliseconds; zero unless a test
/// moved it with [`set_clock_offset`].
static CLOCK_OFFSET_MS: AtomicI64 = AtomicI64::new(0);

pub fn now_millis() -> i64 {
    Utc::now()
        .timestamp_millis()
        .saturating_add(CLOCK_OFFSET_MS.load(Ordering::Relaxed))
}

/// Moves the registry's clock ahead of (or behind) the system's. Only for tests: the binary sets it
/// from `WHARF_CLOCK_OFFSET_SECONDS` and says so in its log.
pub fn set_clock_offset(offset_ms: i64) {
    CLOCK_OFFSET_MS.store(offset_ms, Ordering::Relaxed);
}

pub use wharf_policy::access::rfc3339;

/// The UTC calendar day, `2024-01-31`, under which downloads are counted.
pub fn day_string(millis: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(millis)
        .unwrap_or_default()
        .format("%Y-%m-%d")
        .to_string()
}
