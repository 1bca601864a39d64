//! Minimal calendar arithmetic and maintenance windows.
//!
//! We deliberately do not read the system zone database: the caller either
//! passes a UTC offset or sets a fixed-offset POSIX `TZ` such as `UTC-2` or
//! `CET-1`. Daylight-saving rules in `TZ` are ignored (the standard offset is
//! used), which is good enough for picking a quiet hour.

use std::time::{SystemTime, UNIX_EPOCH};

/// Convert days since 1970-01-01 to (year, month, day).
/// Algorithm from Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u64;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i64 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Parse the standard offset of a POSIX `TZ` value, returned as seconds
/// *east* of UTC. `"CET-1CEST"` -> `Some(3600)`, `"UTC"` -> `Some(0)`.
pub fn parse_posix_offset(tz: &str) -> Option<i32> {
    let tz = tz.trim();
    if tz.starts_with(':') || tz.contains('/') {
        return None; // zone database name, not supported
    }
    let rest = tz.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let name_len = tz.len() - rest.len();
    if name_len < 3 {
        return None;
    }
    if rest.is_empty() {
        return Some(0);
    }
    let (sign, rest) = match rest.as_bytes()[0] {
        b'-' => (1, &rest[1..]),
        b'+' => (-1, &rest[1..]),
        _ => (-1, rest),
    };
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ':')).unwrap_or(rest.len());
    let mut parts = rest[..end].split(':').map(|p| p.parse::<i32>().ok());
    let h = parts.next()??;
    let m = parts.next().flatten().unwrap_or(0);
    if h > 24 || m > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

/// Offset from the `TZ` environment variable, if it is a fixed offset.
pub fn local_offset_from_tz() -> Option<i32> {
    std::env::var("TZ").ok().as_deref().and_then(parse_posix_offset)
}

/// A daily window of local hours `[start, end)`; may wrap past midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    start: u32,
    end: u32,
}

impl Window {
    /// Hours 0..=23. `Window::hours(22, 4)` is 22:00-04:00.
    pub fn hours(start: u32, end: u32) -> Self {
        Window { start: start % 24, end: end % 24 }
    }

    /// Whether the local hour of `unix_secs` is inside the window.
    pub fn contains(&self, unix_secs: i64, offset_secs: i32) -> bool {
        let local = unix_secs + i64::from(offset_secs);
        let hour = (local.rem_euclid(86_400) / 3600) as u32;
        if self.start == self.end {
            true
        } else if self.start < self.end {
            hour >= self.start && hour < self.end
        } else {
            hour >= self.start || hour < self.end
        }
    }

    /// [`Window::contains`] for the current time.
    pub fn contains_now(&self, offset_secs: i32) -> bool {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        self.contains(now, offset_secs)
    }
}

/// Today's local date as (year, month, day), for log file names.
pub fn today(offset_secs: i32) -> (i64, u32, u32) {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    civil_from_days((now + i64::from(offset_secs)).div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    }

    #[test]
    fn posix_offsets() {
        assert_eq!(parse_posix_offset("UTC"), Some(0));
        assert_eq!(parse_posix_offset("CET-1CEST"), Some(3600));
        assert_eq!(parse_posix_offset("EST5EDT"), Some(-5 * 3600));
        assert_eq!(parse_posix_offset("IST-5:30"), Some(5 * 3600 + 1800));
        assert_eq!(parse_posix_offset("Europe/Paris"), None);
    }

    #[test]
    fn windows() {
        let w = Window::hours(22, 4);
        assert!(w.contains(23 * 3600, 0));
        assert!(w.contains(3 * 3600, 0));
        assert!(!w.contains(12 * 3600, 0));
        assert!(w.contains(21 * 3600, 3600));
    }
}
