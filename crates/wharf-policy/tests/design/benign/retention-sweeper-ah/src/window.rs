//! Maintenance windows.

use serde::Deserialize;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// Day of week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Weekday {
    fn from_days_since_epoch(days: i64) -> Self {
        // 1970-01-01 was a Thursday.
        match (days + 3).rem_euclid(7) {
            0 => Weekday::Mon,
            1 => Weekday::Tue,
            2 => Weekday::Wed,
            3 => Weekday::Thu,
            4 => Weekday::Fri,
            5 => Weekday::Sat,
            _ => Weekday::Sun,
        }
    }
}

/// A recurring window in local time given by a fixed UTC offset.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Window {
    /// Allowed days; empty means every day.
    #[serde(default)]
    pub days: Vec<Weekday>,
    /// First hour (inclusive, 0-23).
    #[serde(default)]
    pub start_hour: u8,
    /// Last hour (exclusive, 1-24). `start_hour > end_hour` wraps midnight.
    #[serde(default = "default_end")]
    pub end_hour: u8,
    /// Offset of local time from UTC.
    #[serde(default)]
    pub utc_offset_minutes: i32,
}

fn default_end() -> u8 {
    24
}

impl Default for Window {
    fn default() -> Self {
        Self { days: Vec::new(), start_hour: 0, end_hour: 24, utc_offset_minutes: 0 }
    }
}

impl Window {
    /// Is the Unix time `secs` inside the window?
    pub fn contains(&self, secs: i64) -> bool {
        let local = secs + self.utc_offset_minutes as i64 * 60;
        let days = local.div_euclid(86_400);
        let hour = (local.rem_euclid(86_400) / 3_600) as u8;
        let day = Weekday::from_days_since_epoch(days);
        let in_hours = if self.start_hour <= self.end_hour {
            hour >= self.start_hour && hour < self.end_hour
        } else {
            hour >= self.start_hour || hour < self.end_hour
        };
        // For windows wrapping midnight, the early hours belong to the
        // previous day's window.
        let effective_day = if self.start_hour > self.end_hour && hour < self.end_hour {
            Weekday::from_days_since_epoch(days - 1)
        } else {
            day
        };
        in_hours && (self.days.is_empty() || self.days.contains(&effective_day))
    }

    /// Is now inside the window?
    pub fn contains_now(&self) -> bool {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        self.contains(now)
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = if self.days.is_empty() {
            "daily".to_owned()
        } else {
            self.days.iter().map(|d| format!("{d:?}")).collect::<Vec<_>>().join(",")
        };
        write!(f, "{days} {:02}:00-{:02}:00 (UTC{:+}m)", self.start_hour, self.end_hour, self.utc_offset_minutes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2024-06-01 was a Saturday.
    const SAT_0300_UTC: i64 = 1_717_210_800;

    #[test]
    fn weekday_and_hours() {
        let w = Window { days: vec![Weekday::Sat], start_hour: 2, end_hour: 5, utc_offset_minutes: 0 };
        assert!(w.contains(SAT_0300_UTC));
        assert!(!w.contains(SAT_0300_UTC + 3 * 3_600));
        assert!(!w.contains(SAT_0300_UTC - 86_400));
    }

    #[test]
    fn wrapping_window() {
        let w = Window { days: vec![Weekday::Fri], start_hour: 22, end_hour: 4, utc_offset_minutes: 0 };
        assert!(w.contains(SAT_0300_UTC)); // Friday night's window
    }
}
