//! CLDR cardinal plural rules for the locales we ship.

use crate::Locale;

/// CLDR plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralCategory {
    /// "one"
    One,
    /// "few"
    Few,
    /// "many"
    Many,
    /// "other"
    Other,
}

/// Category for an integer count.
pub fn category(locale: Locale, n: u64) -> PluralCategory {
    let m10 = n % 10;
    let m100 = n % 100;
    match locale {
        Locale::En | Locale::De | Locale::Es => {
            if n == 1 {
                PluralCategory::One
            } else {
                PluralCategory::Other
            }
        }
        Locale::Fr => {
            if n <= 1 {
                PluralCategory::One
            } else {
                PluralCategory::Other
            }
        }
        Locale::Ru | Locale::Uk => {
            if m10 == 1 && m100 != 11 {
                PluralCategory::One
            } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                PluralCategory::Few
            } else {
                PluralCategory::Many
            }
        }
        Locale::Pl => {
            if n == 1 {
                PluralCategory::One
            } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                PluralCategory::Few
            } else {
                PluralCategory::Many
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_table() {
        let want = [
            (0, PluralCategory::Many),
            (1, PluralCategory::One),
            (2, PluralCategory::Few),
            (5, PluralCategory::Many),
            (11, PluralCategory::Many),
            (12, PluralCategory::Many),
            (21, PluralCategory::One),
            (22, PluralCategory::Few),
            (111, PluralCategory::Many),
            (1001, PluralCategory::One),
        ];
        for (n, c) in want {
            assert_eq!(category(Locale::Ru, n), c, "n = {n}");
        }
    }

    #[test]
    fn french_zero_is_one() {
        assert_eq!(category(Locale::Fr, 0), PluralCategory::One);
        assert_eq!(category(Locale::En, 0), PluralCategory::Other);
    }
}
