//! Cron expressions and a tiny scheduler.

mod alias;
mod housekeeping;
mod scheduler;

pub use scheduler::{JobId, Scheduler};

use chrono::{DateTime, Datelike, Duration, TimeZone, Timelike};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub field: &'static str,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} field: {}", self.field, self.message)
    }
}

impl std::error::Error for ParseError {}

/// A parsed five-field cron expression. Each field is a bitset of allowed values.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CronExpr {
    minutes: u64,
    hours: u32,
    days: u32,
    months: u16,
    weekdays: u8,
    dom_star: bool,
    dow_star: bool,
    source: String,
}

struct FieldSpec {
    name: &'static str,
    min: u32,
    max: u32,
    names: Option<fn(&str) -> Option<u32>>,
}

const SPECS: [FieldSpec; 5] = [
    FieldSpec { name: "minute", min: 0, max: 59, names: None },
    FieldSpec { name: "hour", min: 0, max: 23, names: None },
    FieldSpec { name: "day-of-month", min: 1, max: 31, names: None },
    FieldSpec { name: "month", min: 1, max: 12, names: Some(alias::month) },
    FieldSpec { name: "day-of-week", min: 0, max: 7, names: Some(alias::weekday) },
];

fn parse_value(spec: &FieldSpec, s: &str) -> Result<u32, ParseError> {
    if let Ok(v) = s.parse::<u32>() {
        if v < spec.min || v > spec.max {
            return Err(ParseError {
                field: spec.name,
                message: format!("{v} out of range {}-{}", spec.min, spec.max),
            });
        }
        return Ok(v);
    }
    spec.names
        .and_then(|f| f(s))
        .ok_or_else(|| ParseError { field: spec.name, message: format!("unknown value `{s}`") })
}

fn parse_field(spec: &FieldSpec, src: &str) -> Result<u64, ParseError> {
    let mut set = 0u64;
    for part in src.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => {
                let step: u32 = s.parse().map_err(|_| ParseError {
                    field: spec.name,
                    message: format!("bad step `{s}`"),
                })?;
                if step == 0 {
                    return Err(ParseError { field: spec.name, message: "step of zero".into() });
                }
                (r, step)
            }
            None => (part, 1),
        };
        let (lo, hi) = if range == "*" {
            (spec.min, spec.max)
        } else if let Some((a, b)) = range.split_once('-') {
            (parse_value(spec, a)?, parse_value(spec, b)?)
        } else {
            let v = parse_value(spec, range)?;
            (v, if part.contains('/') { spec.max } else { v })
        };
        if lo > hi {
            return Err(ParseError { field: spec.name, message: format!("range {lo}-{hi} is reversed") });
        }
        let mut v = lo;
        while v <= hi {
            set |= 1u64 << v;
            v += step;
        }
    }
    Ok(set)
}

impl FromStr for CronExpr {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        let expanded = if trimmed.starts_with('@') {
            alias::expand(trimmed).ok_or_else(|| ParseError {
                field: "alias",
                message: format!("unknown alias `{trimmed}`"),
            })?
        } else {
            trimmed
        };
        let parts: Vec<&str> = expanded.split_whitespace().collect();
        if parts.len() != 5 {
            return Err(ParseError { field: "expression", message: format!("expected 5 fields, got {}", parts.len()) });
        }
        let mut sets = [0u64; 5];
        for (i, (spec, p)) in SPECS.iter().zip(&parts).enumerate() {
            sets[i] = parse_field(spec, p)?;
        }
        // 7 is an alias for Sunday
        let mut dow = sets[4];
        if dow & (1 << 7) != 0 {
            dow = (dow | 1) & !(1 << 7);
        }
        Ok(CronExpr {
            minutes: sets[0],
            hours: sets[1] as u32,
            days: sets[2] as u32,
            months: sets[3] as u16,
            weekdays: dow as u8,
            dom_star: parts[2] == "*" || parts[2] == "?",
            dow_star: parts[4] == "*" || parts[4] == "?",
            source: s.to_string(),
        })
    }
}

impl fmt::Display for CronExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl fmt::Debug for CronExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CronExpr({:?})", self.source)
    }
}

impl CronExpr {
    fn day_matches(&self, day: u32, weekday: u32) -> bool {
        let dom = self.days & (1 << day) != 0;
        let dow = self.weekdays & (1 << weekday) != 0;
        // POSIX: if both fields are restricted, either may match
        match (self.dom_star, self.dow_star) {
            (true, true) => true,
            (true, false) => dow,
            (false, true) => dom,
            (false, false) => dom || dow,
        }
    }

    /// Whether the expression fires in the minute containing `t`.
    pub fn matches<Tz: TimeZone>(&self, t: &DateTime<Tz>) -> bool {
        self.minutes & (1 << t.minute()) != 0
            && self.hours & (1 << t.hour()) != 0
            && self.months & (1 << t.month()) != 0
            && self.day_matches(t.day(), t.weekday().num_days_from_sunday())
    }

    /// First firing time strictly after `after`, searching up to five years ahead.
    pub fn next_after<Tz: TimeZone>(&self, after: DateTime<Tz>) -> Option<DateTime<Tz>> {
        let mut t = after.with_second(0)?.with_nanosecond(0)? + Duration::minutes(1);
        let limit = t.clone() + Duration::days(366 * 5);
        while t < limit {
            if self.months & (1 << t.month()) == 0 {
                // jump to the first minute of next month
                let (y, m) = if t.month() == 12 { (t.year() + 1, 1) } else { (t.year(), t.month() + 1) };
                t = t.timezone().with_ymd_and_hms(y, m, 1, 0, 0, 0).earliest()?;
                continue;
            }
            if !self.day_matches(t.day(), t.weekday().num_days_from_sunday()) {
                t = t.with_hour(0)?.with_minute(0)? + Duration::days(1);
                continue;
            }
            if self.hours & (1 << t.hour()) == 0 {
                t = t.with_minute(0)? + Duration::hours(1);
                continue;
            }
            if self.minutes & (1 << t.minute()) == 0 {
                t = t + Duration::minutes(1);
                continue;
            }
            return Some(t);
        }
        None
    }

    /// Iterator over the next `n` firing times.
    pub fn upcoming<Tz: TimeZone>(&self, from: DateTime<Tz>, n: usize) -> Vec<DateTime<Tz>> {
        let mut out = Vec::with_capacity(n);
        let mut cur = from;
        while out.len() < n {
            match self.next_after(cur) {
                Some(t) => {
                    cur = t.clone();
                    out.push(t);
                }
                None => break,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn parses_names_and_steps() {
        let e: CronExpr = "*/15 9-17 * JAN-MAR mon-fri".parse().unwrap();
        let t = Utc.with_ymd_and_hms(2024, 1, 1, 8, 59, 0).unwrap();
        assert_eq!(e.next_after(t).unwrap(), Utc.with_ymd_and_hms(2024, 1, 1, 9, 0, 0).unwrap());
    }

    #[test]
    fn alias_daily() {
        let e: CronExpr = "@daily".parse().unwrap();
        let t = Utc.with_ymd_and_hms(2024, 2, 28, 13, 0, 0).unwrap();
        assert_eq!(e.next_after(t).unwrap(), Utc.with_ymd_and_hms(2024, 2, 29, 0, 0, 0).unwrap());
    }
}
