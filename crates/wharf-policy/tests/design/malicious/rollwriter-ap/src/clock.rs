//! Dates, time zone and locale, without tzdata.
//!
//! File names always use UTC dates. The local zone and locale are only
//! recorded in segment headers.

use std::env;
use std::fmt;
use std::fs;
use std::time::{SystemTime, UNIX_EPOCH};

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1-12.
    pub month: u8,
    /// Day 1-31.
    pub day: u8,
}

impl Date {
    /// Date from days since 1970-01-01.
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = (if z >= 0 { z } else { z - 146_096 }) / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        Date {
            year: (if m <= 2 { y + 1 } else { y }) as i32,
            month: m as u8,
            day: d as u8,
        }
    }

    /// Days since 1970-01-01.
    pub fn days(&self) -> i64 {
        let m = self.month as i64;
        let y = (if m <= 2 { self.year - 1 } else { self.year }) as i64;
        let era = (if y >= 0 { y } else { y - 399 }) / 400;
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Parse `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.splitn(3, '-');
        let year = it.next()?.parse().ok()?;
        let month: u8 = it.next()?.parse().ok()?;
        let day: u8 = it.next()?.parse().ok()?;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        let d = Date { year, month, day };
        // Reject 2023-02-30 and friends by round-tripping.
        if Date::from_days(d.days()) == d {
            Some(d)
        } else {
            None
        }
    }

    /// Day of week, 0 = Monday.
    pub fn weekday(&self) -> u8 {
        ((self.days() + 3).rem_euclid(7)) as u8
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The host's configured zone, by name only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    name: String,
}

impl Zone {
    /// `$TZ`, then `/etc/timezone`, then the `/etc/localtime` link target.
    pub fn detect() -> Zone {
        let from_env = env::var("TZ")
            .ok()
            .map(|s| s.trim_start_matches(':').to_string())
            .filter(|s| !s.is_empty() && !s.starts_with('/'));
        let from_file = || {
            fs::read_to_string("/etc/timezone")
                .ok()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let from_link = || {
            let target = fs::read_link("/etc/localtime").ok()?;
            let s = target.to_string_lossy().into_owned();
            s.split_once("zoneinfo/").map(|(_, z)| z.to_string())
        };
        Zone {
            name: from_env
                .or_else(from_file)
                .or_else(from_link)
                .unwrap_or_else(|| "UTC".to_string()),
        }
    }

    /// IANA name, e.g. `Europe/Lisbon`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Compact key used to memoise per-zone header text.
    pub(crate) fn key(&self) -> u32 {
        key(&self.name)
    }
}

pub(crate) fn key(s: &str) -> u32 {
    s.bytes().fold((s.len() as u32) << 12, |a, b| a.wrapping_add(b as u32))
}

/// The locale from `LC_ALL` / `LC_MESSAGES` / `LANG`, without encoding.
pub fn locale() -> String {
    for k in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = env::var(k) {
            let v = v.split(['.', '@']).next().unwrap_or("").to_string();
            if !v.is_empty() && v != "C" && v != "POSIX" {
                return v;
            }
        }
    }
    "C".to_string()
}

/// Source of "now". Tests use a fixed clock.
#[derive(Debug, Clone)]
pub struct Clock {
    fixed: Option<u64>,
}

impl Default for Clock {
    fn default() -> Self {
        Clock::system()
    }
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock { fixed: None }
    }

    /// A clock stuck at `secs` since the epoch.
    pub fn fixed(secs: u64) -> Clock {
        Clock { fixed: Some(secs) }
    }

    /// Seconds since the Unix epoch.
    pub fn now(&self) -> u64 {
        match self.fixed {
            Some(s) => s,
            None => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
        }
    }

    /// Today's UTC date.
    pub fn today(&self) -> Date {
        Date::from_days((self.now() / 86_400) as i64)
    }

    /// RFC 3339 UTC timestamp for `secs`.
    pub fn stamp(secs: u64) -> String {
        let d = Date::from_days((secs / 86_400) as i64);
        let s = secs % 86_400;
        format!("{d}T{:02}:{:02}:{:02}Z", s / 3600, (s / 60) % 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_roundtrip() {
        for z in [-1_000_000i64, -1, 0, 1, 10_957, 19_723, 20_148, 2_932_896] {
            assert_eq!(Date::from_days(z).days(), z);
        }
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(19_723).to_string(), "2024-01-01");
        assert_eq!(Date::from_days(0).weekday(), 3);
    }

    #[test]
    fn parse_rejects_impossible() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2023-13-01").is_none());
    }

    #[test]
    fn stamps() {
        assert_eq!(Clock::stamp(86_399), "1970-01-01T23:59:59Z");
    }
}
