//! Business-day arithmetic with public-holiday rules.
//!
//! ```
//! use bizdays_ar::{Calendar, Date};
//!
//! let us = Calendar::region("US")?;
//! // Thanksgiving 2024 is the fourth Thursday of November.
//! assert!(us.is_holiday(Date::new(2024, 11, 28)));
//! assert_eq!(us.next_business_day(Date::new(2024, 11, 28)), Date::new(2024, 11, 29));
//! # Ok::<(), bizdays_ar::Error>(())
//! ```

mod date;
mod refresh;
mod rules;

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::Mutex;

pub use date::{Date, Weekday};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    UnknownRegion(String),
    BadDate(String),
    BadTable(usize),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownRegion(r) => write!(f, "unknown region `{}`", r),
            Error::BadDate(d) => write!(f, "invalid date `{}`", d),
            Error::BadTable(l) => write!(f, "malformed rule table at line {}", l),
        }
    }
}

impl std::error::Error for Error {}

/// A regional business calendar.
pub struct Calendar {
    region: rules::Region,
    extra: BTreeSet<Date>,
    removed: BTreeSet<Date>,
    cache: Mutex<HashMap<i32, Vec<Date>>>,
}

impl fmt::Debug for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Calendar")
            .field("region", &self.region.code)
            .field("extra", &self.extra.len())
            .finish()
    }
}

impl Clone for Calendar {
    fn clone(&self) -> Self {
        Calendar {
            region: self.region.clone(),
            extra: self.extra.clone(),
            removed: self.removed.clone(),
            cache: Mutex::new(HashMap::new()),
        }
    }
}

/// `(code, name)` of all regions in the active rule table.
pub fn regions() -> Vec<(String, String)> {
    rules::table().regions.iter().map(|r| (r.code.clone(), r.name.clone())).collect()
}

impl Calendar {
    /// Calendar for a region code such as `"DE"`, `"GB-ENG"` or `"US"`.
    pub fn region(code: &str) -> Result<Calendar, Error> {
        let table = rules::table();
        refresh::schedule(&table.meta);
        let region = table
            .regions
            .iter()
            .find(|r| r.code.eq_ignore_ascii_case(code))
            .cloned()
            .ok_or_else(|| Error::UnknownRegion(code.to_string()))?;
        Ok(Calendar { region, extra: BTreeSet::new(), removed: BTreeSet::new(), cache: Mutex::new(HashMap::new()) })
    }

    /// A calendar with only weekends and no holidays.
    pub fn weekends_only() -> Calendar {
        let mut weekend = [false; 7];
        weekend[Weekday::Sat.index()] = true;
        weekend[Weekday::Sun.index()] = true;
        Calendar {
            region: rules::Region { code: "-".into(), name: "weekends only".into(), weekend, rules: Vec::new() },
            extra: BTreeSet::new(),
            removed: BTreeSet::new(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    pub fn code(&self) -> &str {
        &self.region.code
    }

    pub fn name(&self) -> &str {
        &self.region.name
    }

    /// Add a company-specific closing day.
    pub fn with_holiday(mut self, d: Date) -> Self {
        self.removed.remove(&d);
        self.extra.insert(d);
        self
    }

    /// Treat a public holiday as a working day.
    pub fn without_holiday(mut self, d: Date) -> Self {
        self.extra.remove(&d);
        self.removed.insert(d);
        self
    }

    /// Public and company holidays of a year, sorted.
    pub fn holidays(&self, year: i32) -> Vec<Date> {
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        let base = cache.entry(year).or_insert_with(|| self.region.holidays(year)).clone();
        drop(cache);
        let mut all: BTreeSet<Date> = base.into_iter().filter(|d| !self.removed.contains(d)).collect();
        all.extend(self.extra.iter().filter(|d| d.year() == year));
        all.into_iter().collect()
    }

    pub fn is_holiday(&self, d: Date) -> bool {
        if self.extra.contains(&d) {
            return true;
        }
        if self.removed.contains(&d) {
            return false;
        }
        self.holidays(d.year()).binary_search(&d).is_ok()
    }

    pub fn is_weekend(&self, d: Date) -> bool {
        self.region.is_weekend(d)
    }

    pub fn is_business_day(&self, d: Date) -> bool {
        !self.is_weekend(d) && !self.is_holiday(d)
    }

    /// The first business day strictly after `d`.
    pub fn next_business_day(&self, d: Date) -> Date {
        let mut x = d.add_days(1);
        while !self.is_business_day(x) {
            x = x.add_days(1);
        }
        x
    }

    /// The last business day strictly before `d`.
    pub fn previous_business_day(&self, d: Date) -> Date {
        let mut x = d.add_days(-1);
        while !self.is_business_day(x) {
            x = x.add_days(-1);
        }
        x
    }

    /// Move `n` business days forward (or backward if negative).
    pub fn add_business_days(&self, d: Date, n: i32) -> Date {
        let mut x = d;
        let step = if n >= 0 { 1 } else { -1 };
        let mut left = n.unsigned_abs();
        while left > 0 {
            x = x.add_days(step);
            if self.is_business_day(x) {
                left -= 1;
            }
        }
        x
    }

    /// Business days in `[from, to)`; negative if `to < from`.
    pub fn business_days_between(&self, from: Date, to: Date) -> i64 {
        if to < from {
            return -self.business_days_between(to, from);
        }
        let mut n = 0;
        let mut x = from;
        while x < to {
            if self.is_business_day(x) {
                n += 1;
            }
            x = x.add_days(1);
        }
        n
    }

    /// Modified-following convention: roll forward unless that changes the
    /// month, then roll backward.
    pub fn modified_following(&self, d: Date) -> Date {
        if self.is_business_day(d) {
            return d;
        }
        let f = self.next_business_day(d);
        if f.ymd().1 != d.ymd().1 {
            self.previous_business_day(d)
        } else {
            f
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_week_de() {
        let de = Calendar::region("de").unwrap();
        assert_eq!(de.add_business_days(Date::new(2024, 3, 28), 1), Date::new(2024, 4, 2));
        assert_eq!(de.business_days_between(Date::new(2024, 3, 25), Date::new(2024, 4, 8)), 8);
    }

    #[test]
    fn observed_us() {
        let us = Calendar::region("US").unwrap();
        // 2021-07-04 was a Sunday → observed Monday 5th
        assert!(us.is_holiday(Date::new(2021, 7, 5)));
        // 2020-07-04 was a Saturday → observed Friday 3rd
        assert!(us.is_holiday(Date::new(2020, 7, 3)));
    }

    #[test]
    fn company_days() {
        let c = Calendar::weekends_only().with_holiday(Date::new(2024, 12, 24));
        assert!(!c.is_business_day(Date::new(2024, 12, 24)));
        assert_eq!(c.modified_following(Date::new(2024, 11, 30)), Date::new(2024, 11, 29));
    }
}
