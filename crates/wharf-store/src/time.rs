//! Time as the database keeps it: milliseconds since the Unix epoch, UTC.

use chrono::{DateTime, SecondsFormat, Utc};

pub fn now_millis() -> i64 {
    Utc::now().timestamp_millis()
}

/// `2024-01-31T12:00:00Z` (second precision, as cargo's `pubtime` and crates.io's API use).
pub fn rfc3339(millis: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(millis)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The UTC calendar day, `2024-01-31`, under which downloads are counted.
pub fn day_string(millis: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(millis)
        .unwrap_or_default()
        .format("%Y-%m-%d")
        .to_string()
}
