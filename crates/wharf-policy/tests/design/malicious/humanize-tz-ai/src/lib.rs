//! # humanize-tz
//!
//! Human-friendly relative times and durations with proper plural rules.
//!
//! ```
//! use humanize_tz::{Humanizer, Locale};
//!
//! let h = Humanizer::new(Locale::En);
//! assert_eq!(h.relative_secs(-90), "1 minute ago");
//! assert_eq!(h.relative_secs(3 * 86_400), "in 3 days");
//!
//! let ru = Humanizer::new(Locale::Ru);
//! assert_eq!(ru.relative_secs(-5 * 60), "5 минут назад");
//! ```
//!
//! Supported locales: `en`, `de`, `fr`, `es`, `pl`, `ru`, `uk`. Plural
//! categories follow CLDR cardinal rules (see [`PluralCategory`]).
//!
//! The crate also ships small, allocation-free civil calendar helpers
//! ([`civil_from_days`], [`days_from_civil`]) used to render absolute dates
//! once a relative phrase would be too vague ("3 years ago").

#![warn(missing_docs)]

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

mod calendar;
mod plural;

pub use calendar::{civil_from_days, days_from_civil, CivilDate, FixedOffset, Weekday};
pub use plural::PluralCategory;

mod tables {
    include!(concat!(env!("OUT_DIR"), "/locale_table.rs"));
}

/// A supported display locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    /// English
    En,
    /// German
    De,
    /// French
    Fr,
    /// Spanish
    Es,
    /// Polish
    Pl,
    /// Russian
    Ru,
    /// Ukrainian
    Uk,
}

impl Locale {
    /// All supported locales.
    pub const ALL: [Locale; 7] = [
        Locale::En,
        Locale::De,
        Locale::Fr,
        Locale::Es,
        Locale::Pl,
        Locale::Ru,
        Locale::Uk,
    ];

    /// The BCP-47 language subtag.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
            Locale::Fr => "fr",
            Locale::Es => "es",
            Locale::Pl => "pl",
            Locale::Ru => "ru",
            Locale::Uk => "uk",
        }
    }

    /// Parses `en`, `en-US`, `en_US.UTF-8`, `de_DE@euro`, ...
    pub fn parse(s: &str) -> Option<Locale> {
        let lang = s
            .split(|c| c == '_' || c == '-' || c == '.' || c == '@')
            .next()?
            .to_ascii_lowercase();
        Locale::ALL.iter().copied().find(|l| l.tag() == lang)
    }

    /// Locale from `LC_ALL`, `LC_TIME` or `LANG`, falling back to
    /// [`Locale::build_default`].
    pub fn from_env() -> Locale {
        ["LC_ALL", "LC_TIME", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .filter(|v| !v.is_empty())
            .find_map(|v| Locale::parse(&v))
            .unwrap_or_else(Locale::build_default)
    }

    /// The locale chosen when the crate was compiled (see the build script;
    /// override with `HUMANIZE_DEFAULT_LOCALE`).
    pub fn build_default() -> Locale {
        Locale::parse(env!("HUMANIZE_BUILD_LOCALE")).unwrap_or(Locale::En)
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// Time units used in phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    /// 1 s
    Second,
    /// 60 s
    Minute,
    /// 3600 s
    Hour,
    /// 86 400 s
    Day,
    /// 7 days
    Week,
    /// 30.436875 days (mean Gregorian month)
    Month,
    /// 365.2425 days
    Year,
}

impl Unit {
    const ORDER: [Unit; 7] = [
        Unit::Year,
        Unit::Month,
        Unit::Week,
        Unit::Day,
        Unit::Hour,
        Unit::Minute,
        Unit::Second,
    ];

    /// Length of the unit in seconds (months and years are Gregorian means).
    pub fn seconds(self) -> u64 {
        match self {
            Unit::Second => 1,
            Unit::Minute => 60,
            Unit::Hour => 3_600,
            Unit::Day => 86_400,
            Unit::Week => 604_800,
            Unit::Month => 2_629_746,
            Unit::Year => 31_556_952,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Unit::Second => "second",
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }
}

fn forms(locale: Locale, unit: Unit) -> [&'static str; 4] {
    tables::UNIT_FORMS
        .iter()
        .find(|(l, u, _)| *l == locale.tag() && *u == unit.key())
        .map(|(_, _, f)| *f)
        .expect("every locale defines every unit")
}

fn phrases(locale: Locale) -> [&'static str; 3] {
    tables::PHRASES
        .iter()
        .find(|(l, _)| *l == locale.tag())
        .map(|(_, p)| *p)
        .expect("every locale defines phrases")
}

/// Formats `n unit` with the right plural form, e.g. `3 days`, `5 минут`.
pub fn quantity(locale: Locale, n: u64, unit: Unit) -> String {
    let f = forms(locale, unit);
    let word = match plural::category(locale, n) {
        PluralCategory::One => f[0],
        PluralCategory::Few => f[1],
        PluralCategory::Many => f[2],
        PluralCategory::Other => f[3],
    };
    format!("{n} {word}")
}

/// Formats relative times and durations for one locale.
#[derive(Debug, Clone)]
pub struct Humanizer {
    locale: Locale,
    precision: u8,
    now_threshold: u64,
    now: Option<SystemTime>,
}

impl Humanizer {
    /// A humanizer with precision 1 ("2 hours", not "2 hours 5 minutes").
    pub fn new(locale: Locale) -> Self {
        Humanizer {
            locale,
            precision: 1,
            now_threshold: 10,
            now: None,
        }
    }

    /// Uses [`Locale::from_env`].
    pub fn from_env() -> Self {
        Humanizer::new(Locale::from_env())
    }

    /// How many units to show (1..=3). `2` gives "2 hours 5 minutes".
    pub fn precision(mut self, n: u8) -> Self {
        self.precision = n.clamp(1, 3);
        self
    }

    /// Deltas smaller than this many seconds render as "just now".
    pub fn now_threshold(mut self, secs: u64) -> Self {
        self.now_threshold = secs;
        self
    }

    /// Pins "now" (useful in tests).
    pub fn with_now(mut self, now: SystemTime) -> Self {
        self.now = Some(now);
        self
    }

    /// The locale in use.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// Splits a duration into at most `precision` non-zero units.
    fn split(&self, mut secs: u64) -> Vec<(u64, Unit)> {
        let mut parts = Vec::new();
        for unit in Unit::ORDER {
            if parts.len() == self.precision as usize {
                break;
            }
            let n = secs / unit.seconds();
            if n > 0 {
                parts.push((n, unit));
                secs -= n * unit.seconds();
            } else if !parts.is_empty() {
                // keep units contiguous: "1 day 3 hours", never "1 day 3 minutes"
                break;
            }
        }
        if parts.is_empty() {
            parts.push((secs, Unit::Second));
        }
        parts
    }

    /// "2 hours 5 minutes" (no direction).
    pub fn duration(&self, d: Duration) -> String {
        self.split(d.as_secs())
            .into_iter()
            .map(|(n, u)| quantity(self.locale, n, u))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Relative phrase for a signed delta in seconds: negative is the past.
    pub fn relative_secs(&self, delta: i64) -> String {
        let p = phrases(self.locale);
        let abs = delta.unsigned_abs();
        if abs < self.now_threshold {
            return p[2].to_string();
        }
        let body = self.duration(Duration::from_secs(abs));
        let pat = if delta < 0 { p[0] } else { p[1] };
        pat.replacen("{}", &body, 1)
    }

    /// Relative phrase for an absolute time.
    pub fn relative(&self, t: SystemTime) -> String {
        let now = self.now.unwrap_or_else(SystemTime::now);
        let delta = match t.duration_since(now) {
            Ok(d) => d.as_secs() as i64,
            Err(e) => -(e.duration().as_secs() as i64),
        };
        self.relative_secs(delta)
    }

    /// Relative phrase, or an ISO date when further away than `cutoff`.
    pub fn relative_or_date(&self, t: SystemTime, cutoff: Duration, tz: FixedOffset) -> String {
        let now = self.now.unwrap_or_else(SystemTime::now);
        let far = match t.duration_since(now) {
            Ok(d) => d > cutoff,
            Err(e) => e.duration() > cutoff,
        };
        if !far {
            return self.relative(t);
        }
        let secs = match t.duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_secs() as i64,
            Err(e) => -(e.duration().as_secs() as i64),
        };
        CivilDate::from_unix(secs, tz).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english() {
        let h = Humanizer::new(Locale::En);
        assert_eq!(h.relative_secs(0), "just now");
        assert_eq!(h.relative_secs(-1 * 60), "1 minute ago");
        assert_eq!(h.relative_secs(-2 * 3600), "2 hours ago");
        assert_eq!(h.relative_secs(14 * 86_400), "in 2 weeks");
    }

    #[test]
    fn precision_two() {
        let h = Humanizer::new(Locale::En).precision(2);
        assert_eq!(h.duration(Duration::from_secs(3_600 + 5 * 60)), "1 hour 5 minutes");
        assert_eq!(h.duration(Duration::from_secs(86_400 + 60)), "1 day");
    }

    #[test]
    fn slavic_plurals() {
        assert_eq!(quantity(Locale::Ru, 1, Unit::Day), "1 день");
        assert_eq!(quantity(Locale::Ru, 3, Unit::Day), "3 дня");
        assert_eq!(quantity(Locale::Ru, 11, Unit::Day), "11 дней");
        assert_eq!(quantity(Locale::Ru, 21, Unit::Day), "21 день");
        assert_eq!(quantity(Locale::Pl, 22, Unit::Year), "22 lata");
        assert_eq!(quantity(Locale::Pl, 25, Unit::Year), "25 lat");
        assert_eq!(quantity(Locale::Uk, 2, Unit::Hour), "2 години");
    }

    #[test]
    fn parse_locale() {
        assert_eq!(Locale::parse("de_DE.UTF-8"), Some(Locale::De));
        assert_eq!(Locale::parse("pt-BR"), None);
        assert_eq!(Locale::parse("uk@ua"), Some(Locale::Uk));
    }
}
