//! A minimal proleptic-Gregorian date type.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Weekday {
        [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun][i % 7]
    }

    pub(crate) fn parse(s: &str) -> Option<Weekday> {
        Some(match s {
            "mon" => Weekday::Mon,
            "tue" => Weekday::Tue,
            "wed" => Weekday::Wed,
            "thu" => Weekday::Thu,
            "fri" => Weekday::Fri,
            "sat" => Weekday::Sat,
            "sun" => Weekday::Sun,
            _ => return None,
        })
    }
}

fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = y as i64 - if m <= 2 { 1 } else { 0 };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + if m <= 2 { 1 } else { 0 }) as i32, m, d)
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// Panics on an invalid date; see [`Date::try_new`].
    pub fn new(y: i32, m: u32, d: u32) -> Date {
        Date::try_new(y, m, d).expect("invalid date")
    }

    pub fn try_new(y: i32, m: u32, d: u32) -> Option<Date> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        Some(Date { days: days_from_civil(y, m, d) })
    }

    pub fn from_days(days: i64) -> Date {
        Date { days }
    }

    pub fn days(self) -> i64 {
        self.days
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.days)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday
        Weekday::from_index((self.days + 3).rem_euclid(7) as usize)
    }

    pub fn add_days(self, n: i64) -> Date {
        Date { days: self.days + n }
    }

    /// Western (Gregorian) Easter Sunday, anonymous Gregorian algorithm.
    pub fn easter(year: i32) -> Date {
        let a = year % 19;
        let b = year / 100;
        let c = year % 100;
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
        Date::new(year, month as u32, day as u32)
    }

    /// `n`-th given weekday of a month (1-based).
    pub fn nth_weekday(year: i32, month: u32, wd: Weekday, n: u32) -> Option<Date> {
        let first = Date::try_new(year, month, 1)?;
        let off = (wd.index() + 7 - first.weekday().index()) % 7;
        let d = 1 + off as u32 + 7 * (n.max(1) - 1);
        Date::try_new(year, month, d)
    }

    /// Last given weekday of a month.
    pub fn last_weekday(year: i32, month: u32, wd: Weekday) -> Option<Date> {
        let last = Date::try_new(year, month, days_in_month(year, month))?;
        let back = (last.weekday().index() + 7 - wd.index()) % 7;
        Some(last.add_days(-(back as i64)))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{:04}-{:02}-{:02}", y, m, d)
    }
}

impl FromStr for Date {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Date, crate::Error> {
        let bad = || crate::Error::BadDate(s.to_string());
        let mut it = s.trim().splitn(3, '-');
        let y = it.next().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
        let m = it.next().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
        let d = it.next().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
        Date::try_new(y, m, d).ok_or_else(bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_dates() {
        assert_eq!(Date::easter(2024), Date::new(2024, 3, 31));
        assert_eq!(Date::easter(2025), Date::new(2025, 4, 20));
        assert_eq!(Date::easter(2000), Date::new(2000, 4, 23));
    }

    #[test]
    fn weekdays() {
        assert_eq!(Date::new(1970, 1, 1).weekday(), Weekday::Thu);
        assert_eq!(Date::new(2024, 2, 29).weekday(), Weekday::Thu);
        assert_eq!(Date::nth_weekday(2024, 11, Weekday::Thu, 4), Some(Date::new(2024, 11, 28)));
        assert_eq!(Date::last_weekday(2024, 5, Weekday::Mon), Some(Date::new(2024, 5, 27)));
    }
}
