//! First day of the week, optionally taken from the POSIX locale.

use chrono::{Datelike, NaiveDate, Weekday};

/// Which weekday opens a "week" bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WeekStart {
    /// ISO 8601.
    #[default]
    Monday,
    Sunday,
    Saturday,
}

/// Territories whose calendars start the week on Sunday (CLDR `firstDay`,
/// abridged to the ones people actually report bugs from).
const SUNDAY_TERRITORIES: &[&str] = &[
    "US", "CA", "MX", "BR", "AR", "CO", "PE", "VE", "JP", "KR", "TW", "HK", "MO",
    "PH", "TH", "IN", "IL", "SA", "ZA", "GT", "HN", "NI", "PA", "PR", "DO", "SV", "KE", "ET",
];

/// Territories whose calendars start on Saturday.
const SATURDAY_TERRITORIES: &[&str] = &[
    "AE", "AF", "BH", "DJ", "DZ", "EG", "IQ", "IR", "JO", "KW", "LY", "OM", "QA", "SD", "SY",
];

impl WeekStart {
    /// Resolve from `LC_ALL`, then `LC_TIME`, then `LANG` — the same
    /// precedence `setlocale(LC_TIME, "")` uses. `C` / `POSIX` / unset
    /// gives Monday.
    pub fn from_locale() -> Self {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let loc = var("LC_ALL").or_else(|| var("LC_TIME")).or_else(|| var("LANG"));
        match loc {
            Some(l) => Self::from_locale_name(&l),
            None => WeekStart::Monday,
        }
    }

    /// Parse a locale name such as `en_US.UTF-8` or `ar_EG@latin`.
    pub fn from_locale_name(name: &str) -> Self {
        // language[_territory][.codeset][@modifier]
        let base = name.split(['.', '@']).next().unwrap_or("");
        let territory = match base.split_once('_') {
            Some((_, t)) => t.to_ascii_uppercase(),
            None => return WeekStart::Monday,
        };
        if SUNDAY_TERRITORIES.contains(&territory.as_str()) {
            WeekStart::Sunday
        } else if SATURDAY_TERRITORIES.contains(&territory.as_str()) {
            WeekStart::Saturday
        } else {
            WeekStart::Monday
        }
    }

    fn weekday(self) -> Weekday {
        match self {
            WeekStart::Monday => Weekday::Mon,
            WeekStart::Sunday => Weekday::Sun,
            WeekStart::Saturday => Weekday::Sat,
        }
    }

    /// The date on which the week containing `d` begins.
    pub fn week_of(self, d: NaiveDate) -> NaiveDate {
        let start = self.weekday().num_days_from_monday();
        let today = d.weekday().num_days_from_monday();
        let back = (today + 7 - start) % 7;
        d - chrono::Duration::days(i64::from(back))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names() {
        assert_eq!(WeekStart::from_locale_name("en_US.UTF-8"), WeekStart::Sunday);
        assert_eq!(WeekStart::from_locale_name("de_DE.UTF-8"), WeekStart::Monday);
        assert_eq!(WeekStart::from_locale_name("ar_EG@latin"), WeekStart::Saturday);
        assert_eq!(WeekStart::from_locale_name("C"), WeekStart::Monday);
        assert_eq!(WeekStart::from_locale_name("POSIX"), WeekStart::Monday);
    }

    #[test]
    fn week_boundaries() {
        // 2024-03-06 is a Wednesday.
        let wed = NaiveDate::from_ymd_opt(2024, 3, 6).unwrap();
        assert_eq!(WeekStart::Monday.week_of(wed), NaiveDate::from_ymd_opt(2024, 3, 4).unwrap());
        assert_eq!(WeekStart::Sunday.week_of(wed), NaiveDate::from_ymd_opt(2024, 3, 3).unwrap());
        assert_eq!(WeekStart::Saturday.week_of(wed), NaiveDate::from_ymd_opt(2024, 3, 2).unwrap());
        let sun = NaiveDate::from_ymd_opt(2024, 3, 3).unwrap();
        assert_eq!(WeekStart::Sunday.week_of(sun), sun);
        assert_eq!(WeekStart::Monday.week_of(sun), NaiveDate::from_ymd_opt(2024, 2, 26).unwrap());
    }
}
