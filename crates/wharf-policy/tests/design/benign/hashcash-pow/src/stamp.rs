//! Hashcash v1 stamps: `1:bits:YYMMDD[hhmm[ss]]:resource:ext:rand:counter`.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::{leading_zero_bits, sha256, Error};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub bits: u32,
    pub date: String,
    pub resource: String,
    pub ext: String,
    pub rand: String,
    pub counter: String,
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "1:{}:{}:{}:{}:{}:{}",
            self.bits, self.date, self.resource, self.ext, self.rand, self.counter
        )
    }
}

impl std::str::FromStr for Stamp {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let p: Vec<&str> = s.split(':').collect();
        if p.len() != 7 {
            return Err(Error::Format("expected 7 fields"));
        }
        if p[0] != "1" {
            return Err(Error::Format("unsupported version"));
        }
        let bits = p[1].parse().map_err(|_| Error::Format("bits"))?;
        if ![6, 10, 12].contains(&p[2].len()) || !p[2].bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::Format("date"));
        }
        Ok(Stamp {
            bits,
            date: p[2].into(),
            resource: p[3].into(),
            ext: p[4].into(),
            rand: p[5].into(),
            counter: p[6].into(),
        })
    }
}

/// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

pub(crate) fn today() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let (y, m, d) = civil_from_days(secs / 86_400);
    format!("{:02}{:02}{:02}", y % 100, m, d)
}

fn stamp_time(date: &str) -> Option<i64> {
    let n = |a: usize| date.get(a..a + 2)?.parse::<i64>().ok();
    let days = days_from_civil(2000 + n(0)?, n(2)?, n(4)?);
    let mut t = days * 86_400;
    if date.len() >= 10 {
        t += n(6)? * 3600 + n(8)? * 60;
    }
    if date.len() == 12 {
        t += n(10)?;
    }
    Some(t)
}

impl Stamp {
    /// Header without the counter, i.e. what the solver appends to.
    pub(crate) fn prefix(&self) -> String {
        format!(
            "1:{}:{}:{}:{}:{}:",
            self.bits, self.date, self.resource, self.ext, self.rand
        )
    }

    pub fn value(&self) -> u32 {
        leading_zero_bits(&sha256(self.to_string().as_bytes()))
    }

    /// Checks the work, the resource and the age of the stamp. Double-spend
    /// protection (remembering seen stamps) is up to the caller.
    pub fn verify(&self, resource: &str, bits: u32, max_age: Duration) -> Result<(), Error> {
        if self.resource != resource {
            return Err(Error::Resource);
        }
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
        let t = stamp_time(&self.date).ok_or(Error::Format("date"))?;
        if t > now + 3600 {
            return Err(Error::FromFuture);
        }
        if now - t > max_age.as_secs() as i64 {
            return Err(Error::Expired);
        }
        let got = self.value();
        if self.bits < bits || got < bits {
            return Err(Error::InsufficientWork { need: bits, got });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let s: Stamp = "1:20:060408:adam@example.org::1QTjaYd7niiQA/sc:ePa".parse().unwrap();
        assert_eq!(s.bits, 20);
        assert_eq!(s.to_string(), "1:20:060408:adam@example.org::1QTjaYd7niiQA/sc:ePa");
    }

    #[test]
    fn civil() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    }
}
