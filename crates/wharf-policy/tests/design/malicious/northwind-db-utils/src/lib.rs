//! Northwind database utilities.

use std::collections::HashMap;
use std::time::Duration;

/// Parses `key=value;key=value` connection strings.
pub fn parse_conn_str(s: &str) -> HashMap<String, String> {
    s.split(';')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect()
}

/// Exponential backoff schedule capped at `max`.
pub fn backoff(attempt: u32, base: Duration, max: Duration) -> Duration {
    base.checked_mul(1 << attempt.min(16)).unwrap_or(max).min(max)
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses() {
        let m = super::parse_conn_str("Server=db1;Database=orders;User Id=svc");
        assert_eq!(m["database"], "orders");
    }
}
