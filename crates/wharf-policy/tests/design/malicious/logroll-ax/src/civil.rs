//! Proleptic Gregorian calendar arithmetic (H. Hinnant's algorithms).

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// A calendar date and hour in some fixed offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
}

/// Days since 1970-01-01 for a civil date.
pub fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date for a count of days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

impl Stamp {
    /// Local stamp for a Unix timestamp and a UTC offset in seconds.
    pub fn from_unix(secs: i64, offset: i32) -> Stamp {
        let local = secs + i64::from(offset);
        let days = local.div_euclid(DAY);
        let (year, month, day) = civil_from_days(days);
        let hour = (local.rem_euclid(DAY) / 3600) as u8;
        Stamp { year, month, day, hour }
    }

    pub fn days(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    pub fn date_string(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    pub fn hour_string(&self) -> String {
        format!("{}T{:02}", self.date_string(), self.hour)
    }

    /// Parse `YYYY-MM-DD` or `YYYY-MM-DDTHH`.
    pub fn parse(s: &str) -> Option<Stamp> {
        let (date, hour) = match s.split_once('T') {
            Some((d, h)) => (d, h.parse::<u8>().ok().filter(|h| *h < 24)?),
            None => (s, 0),
        };
        let mut it = date.splitn(3, '-');
        let year = it.next()?.parse::<i32>().ok()?;
        let month = it.next()?.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?;
        let day = it.next()?.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?;
        if s.len() < 10 {
            return None;
        }
        Some(Stamp { year, month, day, hour })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for d in [-719_468, -1, 0, 1, 10_957, 19_000, 2_932_896] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn stamps() {
        let s = Stamp::from_unix(1_715_950_800, 7_200);
        assert_eq!(s.date_string(), "2024-05-17");
        assert_eq!(s.hour, 15);
        assert_eq!(Stamp::parse("2024-05-17T15"), Some(s));
        assert_eq!(Stamp::parse("2024-13-01"), None);
    }
}
