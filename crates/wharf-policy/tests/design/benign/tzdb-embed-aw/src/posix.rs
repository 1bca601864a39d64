//! POSIX TZ strings (`std offset [dst [offset] [,rule]]`).

use crate::civil::{days_from_civil, days_in_month, is_leap, weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateRule {
    /// `Jn`: day 1..=365, February 29 never counted.
    Julian1(u16),
    /// `n`: day 0..=365, February 29 counted in leap years.
    Julian0(u16),
    /// `Mm.w.d`: weekday `d` of week `w` (5 = last) of month `m`.
    MonthWeekDay { month: u8, week: u8, day: u8 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Transition {
    pub(crate) date: DateRule,
    /// Local seconds after midnight (may exceed 24h or be negative).
    pub(crate) time: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PosixTz {
    pub(crate) std_abbr: String,
    /// Seconds east of UTC.
    pub(crate) std_offset: i32,
    pub(crate) dst: Option<Dst>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dst {
    pub(crate) abbr: String,
    pub(crate) offset: i32,
    pub(crate) start: Transition,
    pub(crate) end: Transition,
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn number(&mut self, max: u32) -> Result<u32, String> {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        let digits = std::str::from_utf8(&self.s[start..self.i]).unwrap();
        let v: u32 = digits.parse().map_err(|_| format!("expected number at {}", start))?;
        if v > max {
            return Err(format!("number {} out of range at {}", v, start));
        }
        Ok(v)
    }

    fn abbr(&mut self) -> Result<String, String> {
        let start = self.i;
        if self.eat(b'<') {
            while let Some(c) = self.peek() {
                self.i += 1;
                if c == b'>' {
                    let a = &self.s[start + 1..self.i - 1];
                    return Ok(String::from_utf8_lossy(a).into_owned());
                }
            }
            return Err("unterminated <abbr>".into());
        }
        while matches!(self.peek(), Some(c) if c.is_ascii_alphabetic()) {
            self.i += 1;
        }
        if self.i - start < 3 {
            return Err(format!("abbreviation too short at {}", start));
        }
        Ok(String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }

    /// `[+-]hh[:mm[:ss]]` in seconds, as written.
    fn hms(&mut self, max_hours: u32) -> Result<i32, String> {
        let neg = if self.eat(b'-') {
            true
        } else {
            self.eat(b'+');
            false
        };
        let h = self.number(max_hours)?;
        let mut secs = h * 3600;
        if self.eat(b':') {
            secs += self.number(59)? * 60;
            if self.eat(b':') {
                secs += self.number(59)?;
            }
        }
        Ok(if neg { -(secs as i32) } else { secs as i32 })
    }

    fn transition(&mut self) -> Result<Transition, String> {
        let date = if self.eat(b'M') {
            let month = self.number(12)? as u8;
            if !self.eat(b'.') {
                return Err("expected '.'".into());
            }
            let week = self.number(5)? as u8;
            if !self.eat(b'.') {
                return Err("expected '.'".into());
            }
            let day = self.number(6)? as u8;
            if month == 0 || week == 0 {
                return Err("month and week start at 1".into());
            }
            DateRule::MonthWeekDay { month, week, day }
        } else if self.eat(b'J') {
            let n = self.number(365)? as u16;
            if n == 0 {
                return Err("Jn starts at 1".into());
            }
            DateRule::Julian1(n)
        } else {
            DateRule::Julian0(self.number(365)? as u16)
        };
        let time = if self.eat(b'/') { self.hms(167)? } else { 7200 };
        Ok(Transition { date, time })
    }
}

impl PosixTz {
    pub(crate) fn parse(s: &str) -> Result<PosixTz, String> {
        let mut c = Cursor { s: s.as_bytes(), i: 0 };
        let std_abbr = c.abbr()?;
        let std_offset = -c.hms(24)?;
        if c.peek().is_none() {
            return Ok(PosixTz { std_abbr, std_offset, dst: None });
        }
        let abbr = c.abbr()?;
        let offset = if matches!(c.peek(), Some(b'0'..=b'9' | b'+' | b'-')) {
            -c.hms(24)?
        } else {
            std_offset + 3600
        };
        if !c.eat(b',') {
            return Err("DST without rule is not supported".into());
        }
        let start = c.transition()?;
        if !c.eat(b',') {
            return Err("expected end rule".into());
        }
        let end = c.transition()?;
        if c.peek().is_some() {
            return Err(format!("trailing characters at {}", c.i));
        }
        Ok(PosixTz { std_abbr, std_offset, dst: Some(Dst { abbr, offset, start, end }) })
    }
}

/// Local midnight (days since epoch) of the rule's date in `year`.
fn rule_day(rule: DateRule, year: i64) -> i64 {
    let jan1 = days_from_civil(year, 1, 1);
    match rule {
        DateRule::Julian0(n) => jan1 + i64::from(n),
        DateRule::Julian1(n) => {
            let n = i64::from(n);
            let after_feb = n > 59 && is_leap(year);
            jan1 + n - 1 + i64::from(after_feb)
        }
        DateRule::MonthWeekDay { month, week, day } => {
            let first = days_from_civil(year, u32::from(month), 1);
            let wd = weekday(first);
            let mut d = (i64::from(day) - i64::from(wd)).rem_euclid(7) + 7 * (i64::from(week) - 1);
            let dim = i64::from(days_in_month(year, u32::from(month)));
            while d >= dim {
                d -= 7;
            }
            first + d
        }
    }
}

/// UTC instant of a transition; `local_offset` is the offset in force just
/// before it.
pub(crate) fn transition_utc(t: Transition, year: i64, local_offset: i32) -> i64 {
    rule_day(t.date, year) * 86_400 + i64::from(t.time) - i64::from(local_offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_forms() {
        let tz = PosixTz::parse("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        assert_eq!(tz.std_offset, 3600);
        let dst = tz.dst.unwrap();
        assert_eq!(dst.offset, 7200);
        assert_eq!(dst.end.time, 3 * 3600);

        let tz = PosixTz::parse("<+0545>-5:45").unwrap();
        assert_eq!(tz.std_abbr, "+0545");
        assert_eq!(tz.std_offset, 5 * 3600 + 45 * 60);

        let tz = PosixTz::parse("EST5EDT,M3.2.0,M11.1.0").unwrap();
        assert_eq!(tz.std_offset, -5 * 3600);
        assert!(PosixTz::parse("X1").is_err());
    }

    #[test]
    fn last_sunday_of_march_2024() {
        let d = rule_day(DateRule::MonthWeekDay { month: 3, week: 5, day: 0 }, 2024);
        assert_eq!(crate::civil::civil_from_days(d), (2024, 3, 31));
    }
}
