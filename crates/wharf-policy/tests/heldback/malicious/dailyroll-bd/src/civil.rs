//! Proleptic Gregorian calendar helpers and the file-name stamp format.

/// Days since 1970-01-01 for the given civil date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = (if y >= 0 { y } else { y - 399 }) / 400;
    let yoe = (y - era * 400) as u64;
    let mp = (if m > 2 { m - 3 } else { m + 9 }) as u64;
    let doy = (153 * mp + 2) / 5 + d as u64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i64 - 719_468
}

/// Civil date for a day number since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = (if z >= 0 { z } else { z - 146_096 }) / 146_097;
    let doe = (z - era * 146_097) as u64;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i64 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        _ => 28,
    }
}

/// `YYYY-MM-DD`
pub fn format_day(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{:04}-{:02}-{:02}", y, m, d)
}

/// Inverse of [`format_day`]; rejects impossible dates.
pub fn parse_day(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if !b
        .iter()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    let y: i64 = s[0..4].parse().ok()?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..10].parse().ok()?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// A parsed rotated-file name: `<prefix>.<YYYY-MM-DD>[.<part>].log`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp {
    pub day: i64,
    pub part: u32,
}

impl Stamp {
    pub fn file_name(&self, prefix: &str) -> String {
        if self.part == 0 {
            format!("{}.{}.log", prefix, format_day(self.day))
        } else {
            format!("{}.{}.{}.log", prefix, format_day(self.day), self.part)
        }
    }

    pub fn parse(name: &str, prefix: &str) -> Option<Stamp> {
        let rest = name.strip_prefix(prefix)?.strip_prefix('.')?;
        let rest = rest.strip_suffix(".log")?;
        let (day, part) = match rest.len() {
            10 => (rest, 0),
            n if n > 11 && rest.as_bytes()[10] == b'.' => {
                (&rest[..10], rest[11..].parse().ok().filter(|p| *p > 0)?)
            }
            _ => return None,
        };
        Some(Stamp {
            day: parse_day(day)?,
            part,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_days() {
        for day in [-800_000, -1, 0, 1, 11_016, 19_000, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(format_day(0), "1970-01-01");
        assert_eq!(parse_day("2000-02-29"), Some(11_016));
        assert_eq!(parse_day("1900-02-29"), None);
    }

    #[test]
    fn stamps() {
        let s = Stamp::parse("app.2024-05-01.3.log", "app").unwrap();
        assert_eq!(s.part, 3);
        assert_eq!(s.file_name("app"), "app.2024-05-01.3.log");
        assert!(Stamp::parse("app.2024-05-01.0.log", "app").is_none());
        assert!(Stamp::parse("other.2024-05-01.log", "app").is_none());
    }
}
