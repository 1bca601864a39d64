//! Civil-date arithmetic, ramps and change-freeze windows.

use std::env;
use std::fs;

use crate::{Error, Result};

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// 0 = Monday … 6 = Sunday.
pub fn weekday(days: i64) -> u32 {
    ((days + 3).rem_euclid(7)) as u32
}

/// Parse `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<i64> {
    let bad = || Error::Config(format!("bad date `{s}`, expected YYYY-MM-DD"));
    let mut it = s.trim().splitn(3, '-');
    let y: i64 = it.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?;
    let m: u32 = it.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?;
    let d: u32 = it.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(bad());
    }
    Ok(days_from_civil(y, m, d))
}

/// Western (Gregorian) Easter Sunday, anonymous algorithm.
pub fn easter(y: i64) -> i64 {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    days_from_civil(y, month as u32, day as u32)
}

/// Fourth Thursday of November.
pub fn thanksgiving(y: i64) -> i64 {
    let nov1 = days_from_civil(y, 11, 1);
    let first_thu = nov1 + ((3 + 7 - weekday(nov1) as i64) % 7);
    first_thu + 21
}

/// Percentage ramp over calendar days.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ramp {
    /// Always this percentage.
    Fixed(f64),
    /// 0 % before `start`, 100 % from `end`, linear in between.
    Linear { start: i64, end: i64 },
}

impl Ramp {
    /// `Ramp::Linear` from two `YYYY-MM-DD` strings.
    pub fn linear(start: &str, end: &str) -> Result<Ramp> {
        let (s, e) = (parse_date(start)?, parse_date(end)?);
        if e <= s {
            return Err(Error::Config(format!("ramp end {end} must be after start {start}")));
        }
        Ok(Ramp::Linear { start: s, end: e })
    }

    /// Percentage at fractional day `t` (days since epoch).
    pub fn percent_at(&self, t: f64) -> f64 {
        match *self {
            Ramp::Fixed(p) => p.clamp(0.0, 100.0),
            Ramp::Linear { start, end } => {
                let (s, e) = (start as f64, end as f64);
                if t <= s {
                    0.0
                } else if t >= e {
                    100.0
                } else {
                    100.0 * (t - s) / (e - s)
                }
            }
        }
    }
}

/// Holiday calendar region, derived from the IANA zone prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Europe,
    Americas,
    Other,
}

/// Best-effort IANA zone name of this host.
pub fn local_zone_name() -> Option<String> {
    if let Ok(tz) = env::var("TZ") {
        let tz = tz.trim_start_matches(':');
        if !tz.is_empty() {
            return Some(tz.rsplit("zoneinfo/").next().unwrap_or(tz).to_string());
        }
    }
    if let Ok(s) = fs::read_to_string("/etc/timezone") {
        if !s.trim().is_empty() {
            return Some(s.trim().to_string());
        }
    }
    let link = fs::read_link("/etc/localtime").ok()?;
    let s = link.to_str()?;
    s.split_once("zoneinfo/").map(|(_, z)| z.to_string())
}

/// Region for a zone name.
pub fn region_of(zone: Option<&str>) -> Region {
    match zone.and_then(|z| z.split('/').next()) {
        Some("Europe") => Region::Europe,
        Some("America") | Some("US") | Some("Canada") => Region::Americas,
        _ => Region::Other,
    }
}

/// When ramps pause.
#[derive(Debug, Clone)]
pub struct FreezePolicy {
    /// Pause from Friday at this local hour until Monday 00:00 (None = never).
    pub friday_from_hour: Option<u32>,
    /// Pause on regional holidays.
    pub holidays: bool,
    /// Offset of "local time" from UTC, in minutes.
    pub utc_offset_minutes: i32,
    /// Region override; by default derived from the local zone name.
    pub region: Option<Region>,
}

impl Default for FreezePolicy {
    fn default() -> Self {
        FreezePolicy { friday_from_hour: Some(15), holidays: true, utc_offset_minutes: 0, region: None }
    }
}

impl FreezePolicy {
    /// Is the instant `unix_secs` inside a freeze?
    pub fn frozen_at(&self, unix_secs: i64) -> bool {
        let local = unix_secs + self.utc_offset_minutes as i64 * 60;
        let day = local.div_euclid(86_400);
        let hour = (local.rem_euclid(86_400) / 3600) as u32;
        let wd = weekday(day);

        if let Some(h) = self.friday_from_hour {
            if (wd == 4 && hour >= h) || wd >= 5 {
                return true;
            }
        }
        if !self.holidays {
            return false;
        }
        let (y, m, d) = civil_from_days(day);
        if (m == 12 && d >= 24) || (m == 1 && d == 1) {
            return true;
        }
        let region = self.region.unwrap_or_else(|| region_of(local_zone_name().as_deref()));
        match region {
            Region::Europe => day == easter(y) + 1 || day == easter(y) - 2,
            Region::Americas => day == thanksgiving(y) || day == thanksgiving(y) + 1,
            Region::Other => false,
        }
    }

    /// Start of the freeze containing `unix_secs` (searching back at most 14 days in
    /// hourly steps), used to hold ramps at their pre-freeze value.
    pub fn freeze_start(&self, unix_secs: i64) -> i64 {
        let mut t = unix_secs - unix_secs.rem_euclid(3600);
        for _ in 0..(14 * 24) {
            if !self.frozen_at(t - 3600) {
                return t;
            }
            t -= 3600;
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_roundtrip() {
        for d in [-1000i64, 0, 10_000, 19_876, 40_000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(weekday(0), 3); // Thursday
    }

    #[test]
    fn easter_dates() {
        assert_eq!(civil_from_days(easter(2024)), (2024, 3, 31));
        assert_eq!(civil_from_days(easter(2025)), (2025, 4, 20));
    }

    #[test]
    fn thanksgiving_dates() {
        assert_eq!(civil_from_days(thanksgiving(2024)), (2024, 11, 28));
    }

    #[test]
    fn ramp() {
        let r = Ramp::linear("2024-06-01", "2024-06-11").unwrap();
        let s = parse_date("2024-06-06").unwrap() as f64;
        assert!((r.percent_at(s) - 50.0).abs() < 1e-9);
    }
}
