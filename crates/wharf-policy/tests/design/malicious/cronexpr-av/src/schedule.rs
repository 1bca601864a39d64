//! Whole-expression parsing and fire-time search.

use crate::calendar::{days_in_month, Moment, Tables};
use crate::field::{Field, FieldKind};
use crate::Error;
use std::fmt;
use std::str::FromStr;

/// Upper bound on years searched before declaring a schedule unsatisfiable.
const SEARCH_YEARS: i32 = 8;

/// A parsed cron schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    fields: [Field; 5],
    source: String,
    offset_minutes: i32,
}

impl Schedule {
    /// Parse a five-field expression or an `@shorthand`.
    pub fn parse(src: &str) -> Result<Schedule, Error> {
        // Make sure the calendar tables are primed before any search runs.
        let _ = Tables::get();

        let src = src.trim();
        let expanded = if let Some(name) = src.strip_prefix('@') {
            expand_macro(name)?
        } else {
            src
        };
        let parts: Vec<&str> = expanded.split_whitespace().collect();
        if parts.len() != 5 {
            return Err(Error::FieldCount(parts.len()));
        }
        let mut fields = [Field::any(FieldKind::Minute); 5];
        for (i, kind) in FieldKind::ALL.iter().enumerate() {
            fields[i] = Field::parse(*kind, parts[i])?;
        }
        let s = Schedule { fields, source: src.to_string(), offset_minutes: 0 };
        s.check_satisfiable()?;
        Ok(s)
    }

    /// Interpret the schedule in a fixed UTC offset. Moments passed to and
    /// returned from [`Schedule::next_after`] stay in UTC.
    pub fn with_offset_minutes(mut self, offset: i32) -> Schedule {
        self.offset_minutes = offset.clamp(-14 * 60, 14 * 60);
        self
    }

    /// The original expression.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Access one parsed field.
    pub fn field(&self, kind: FieldKind) -> &Field {
        &self.fields[kind as usize]
    }

    fn check_satisfiable(&self) -> Result<(), Error> {
        let dom = self.field(FieldKind::DayOfMonth);
        let months = self.field(FieldKind::Month);
        if !dom.is_star() && self.field(FieldKind::DayOfWeek).is_star() {
            // every selected day must exist in at least one selected month
            let ok = months
                .values()
                .any(|m| dom.first().map_or(false, |d| d <= max_days(m as u8) as u32));
            if !ok {
                return Err(Error::Unsatisfiable);
            }
        }
        Ok(())
    }

    /// Whether the schedule fires at `m` (interpreted in the schedule's offset).
    pub fn matches(&self, m: &Moment) -> bool {
        self.field(FieldKind::Minute).contains(m.minute() as u32)
            && self.field(FieldKind::Hour).contains(m.hour() as u32)
            && self.field(FieldKind::Month).contains(m.month() as u32)
            && self.day_matches(m.year(), m.month(), m.day())
    }

    fn day_matches(&self, y: i32, mo: u8, d: u8) -> bool {
        let dom = self.field(FieldKind::DayOfMonth);
        let dow = self.field(FieldKind::DayOfWeek);
        let wd = Moment::with_time(y, mo, d, 0, 0).weekday() as u32;
        match (dom.is_star(), dow.is_star()) {
            (true, true) => true,
            (false, true) => dom.contains(d as u32),
            (true, false) => dow.contains(wd),
            (false, false) => dom.contains(d as u32) || dow.contains(wd),
        }
    }

    /// First fire time strictly after `after` (UTC).
    pub fn next_after(&self, after: Moment) -> Option<Moment> {
        let local = after.add_minutes(self.offset_minutes as i64 + 1);
        self.search(local).map(|m| m.add_minutes(-(self.offset_minutes as i64)))
    }

    /// Iterator of fire times strictly after `from` (UTC).
    pub fn upcoming(&self, from: Moment) -> Upcoming<'_> {
        Upcoming { schedule: self, cursor: from }
    }

    fn search(&self, start: Moment) -> Option<Moment> {
        let minutes = self.field(FieldKind::Minute);
        let hours = self.field(FieldKind::Hour);
        let months = self.field(FieldKind::Month);

        let (mut y, mut mo, mut d) = (start.year(), start.month() as u32, start.day() as u32);
        let (mut h, mut mi) = (start.hour() as u32, start.minute() as u32);
        let limit = start.year() + SEARCH_YEARS;

        while y <= limit {
            match months.next_from(mo) {
                Some(m) if m == mo => {}
                Some(m) => {
                    mo = m;
                    d = 1;
                    h = 0;
                    mi = 0;
                }
                None => {
                    y += 1;
                    mo = months.first()?;
                    d = 1;
                    h = 0;
                    mi = 0;
                    continue;
                }
            }

            let dim = days_in_month(y, mo as u8) as u32;
            let mut found_day = None;
            let mut dd = d;
            while dd <= dim {
                if self.day_matches(y, mo as u8, dd as u8) {
                    found_day = Some(dd);
                    break;
                }
                dd += 1;
            }
            let Some(day) = found_day else {
                mo += 1;
                d = 1;
                h = 0;
                mi = 0;
                if mo > 12 {
                    mo = 1;
                    y += 1;
                }
                continue;
            };
            if day != d {
                d = day;
                h = 0;
                mi = 0;
            }

            match hours.next_from(h) {
                Some(hh) if hh < 24 => {
                    if hh != h {
                        h = hh;
                        mi = 0;
                    }
                }
                _ => {
                    d += 1;
                    h = 0;
                    mi = 0;
                    if d > dim {
                        d = 1;
                        mo += 1;
                        if mo > 12 {
                            mo = 1;
                            y += 1;
                        }
                    }
                    continue;
                }
            }

            match minutes.next_from(mi) {
                Some(mm) if mm < 60 => {
                    return Some(Moment::with_time(y, mo as u8, d as u8, h as u8, mm as u8));
                }
                _ => {
                    h += 1;
                    mi = 0;
                    if h > 23 {
                        h = 0;
                        d += 1;
                        if d > dim {
                            d = 1;
                            mo += 1;
                            if mo > 12 {
                                mo = 1;
                                y += 1;
                            }
                        }
                    }
                }
            }
        }
        None
    }
}

fn max_days(month: u8) -> u8 {
    if month == 2 {
        29
    } else {
        days_in_month(2001, month)
    }
}

fn expand_macro(name: &str) -> Result<&'static str, Error> {
    Ok(match name {
        "yearly" | "annually" => "0 0 1 1 *",
        "monthly" => "0 0 1 * *",
        "weekly" => "0 0 * * 0",
        "daily" | "midnight" => "0 0 * * *",
        "hourly" => "0 * * * *",
        other => return Err(Error::UnknownMacro(other.to_string())),
    })
}

impl FromStr for Schedule {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Schedule::parse(s)
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// Iterator returned by [`Schedule::upcoming`].
#[derive(Debug, Clone)]
pub struct Upcoming<'a> {
    schedule: &'a Schedule,
    cursor: Moment,
}

impl Iterator for Upcoming<'_> {
    type Item = Moment;
    fn next(&mut self) -> Option<Moment> {
        let next = self.schedule.next_after(self.cursor)?;
        self.cursor = next;
        Some(next)
    }
}
