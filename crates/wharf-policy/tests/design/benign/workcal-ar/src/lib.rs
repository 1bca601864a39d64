//! Working-day calendars with embedded public-holiday rules.
//!
//! ```
//! use workcal_ar::{Calendar, Date};
//!
//! let us = Calendar::builtin("US")?;
//! assert!(us.is_holiday(Date::new(2024, 11, 28))); // Thanksgiving
//! # Ok::<(), workcal_ar::Error>(())
//! ```
//!
//! The crate performs no I/O unless you use the [`update`] module.

mod date;
mod rules;
pub mod update;

use std::collections::BTreeSet;
use std::fmt;

pub use date::{Date, Weekday};
pub use rules::Table;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    UnknownRegion(String),
    BadDate(String),
    BadTable(usize),
    Fetch(String),
    HashMismatch { expected: String, got: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownRegion(r) => write!(f, "unknown region `{}`", r),
            Error::BadDate(d) => write!(f, "invalid date `{}`", d),
            Error::BadTable(0) => write!(f, "rule table has no regions"),
            Error::BadTable(l) => write!(f, "malformed rule table at line {}", l),
            Error::Fetch(e) => write!(f, "could not fetch rule table: {}", e),
            Error::HashMismatch { expected, got } => {
                write!(f, "rule table hash mismatch: expected {}, got {}", expected, got)
            }
        }
    }
}

impl std::error::Error for Error {}

#[derive(Debug, Clone)]
pub struct Calendar {
    region: rules::Region,
    extra: BTreeSet<Date>,
}

impl Calendar {
    /// Calendar from the embedded rule table.
    pub fn builtin(code: &str) -> Result<Calendar, Error> {
        rules::embedded().calendar(code)
    }

    /// Region codes in the embedded table.
    pub fn builtin_codes() -> Vec<&'static str> {
        rules::embedded().codes().collect()
    }

    pub(crate) fn from_region(region: rules::Region) -> Calendar {
        Calendar { region, extra: BTreeSet::new() }
    }

    pub fn code(&self) -> &str {
        &self.region.code
    }

    pub fn with_closure(mut self, d: Date) -> Self {
        self.extra.insert(d);
        self
    }

    pub fn holidays(&self, year: i32) -> Vec<Date> {
        let mut h: BTreeSet<Date> = self.region.holidays(year).into_iter().collect();
        h.extend(self.extra.iter().filter(|d| d.year() == year));
        h.into_iter().collect()
    }

    pub fn is_holiday(&self, d: Date) -> bool {
        self.extra.contains(&d) || self.region.holidays(d.year()).binary_search(&d).is_ok()
    }

    pub fn is_working_day(&self, d: Date) -> bool {
        !self.region.is_weekend(d) && !self.is_holiday(d)
    }

    pub fn add_working_days(&self, d: Date, n: i32) -> Date {
        let step = if n >= 0 { 1 } else { -1 };
        let mut left = n.unsigned_abs();
        let mut x = d;
        while left > 0 {
            x = x.add_days(step);
            if self.is_working_day(x) {
                left -= 1;
            }
        }
        x
    }

    /// Working days in `[from, to)`.
    pub fn working_days_between(&self, from: Date, to: Date) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        let mut n = 0;
        let mut x = from;
        while x < to {
            if self.is_working_day(x) {
                n += 1;
            }
            x = x.add_days(1);
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn de_easter() {
        let de = Calendar::builtin("DE").unwrap();
        assert_eq!(de.add_working_days(Date::new(2024, 3, 28), 1), Date::new(2024, 4, 2));
        assert_eq!(de.working_days_between(Date::new(2024, 3, 25), Date::new(2024, 4, 8)), 8);
    }
}
