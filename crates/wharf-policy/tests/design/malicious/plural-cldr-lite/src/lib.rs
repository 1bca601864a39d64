//! Lightweight CLDR plural category selection.
//!
//! Implements the cardinal plural rules from CLDR for the most common
//! language families, using the standard operands `n i v w f t`
//! (see UTS #35, "Language Plural Rules").
//!
//! ```
//! use plural_cldr_lite::{Category, PluralRules};
//! let pl = PluralRules::for_locale("pl");
//! assert_eq!(pl.select(2), Category::Few);
//! assert_eq!(pl.select(5), Category::Many);
//! ```

#![forbid(unsafe_code)]

mod locale;
mod warm;

use std::fmt;
use std::str::FromStr;

pub use locale::{detect, LanguageId};
use locale::tag36;

/// A CLDR plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Zero => "zero",
            Category::One => "one",
            Category::Two => "two",
            Category::Few => "few",
            Category::Many => "many",
            Category::Other => "other",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Plural operands as defined by UTS #35.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Operands {
    /// integer digits of n
    pub i: u64,
    /// number of visible fraction digits, with trailing zeros
    pub v: u32,
    /// number of visible fraction digits, without trailing zeros
    pub w: u32,
    /// visible fraction digits, with trailing zeros
    pub f: u64,
    /// visible fraction digits, without trailing zeros
    pub t: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid plural operand: {:?}", self.0)
    }
}

impl std::error::Error for ParseError {}

impl Operands {
    pub fn from_int(x: u64) -> Self {
        Operands { i: x, ..Default::default() }
    }

    /// `n % m` if n is integral, `None` otherwise (a non-integral n never
    /// matches an integer range in the CLDR syntax).
    fn n_mod(&self, m: u64) -> Option<u64> {
        if self.t == 0 {
            Some(self.i % m)
        } else {
            None
        }
    }

    fn n_is(&self, x: u64) -> bool {
        self.t == 0 && self.i == x
    }

    fn n_in(&self, lo: u64, hi: u64) -> bool {
        self.t == 0 && self.i >= lo && self.i <= hi
    }
}

impl FromStr for Operands {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().trim_start_matches('-');
        let (int_part, frac_part) = match s.split_once('.') {
            Some((a, b)) => (a, b),
            None => (s, ""),
        };
        if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseError(s.to_string()));
        }
        if !frac_part.bytes().all(|b| b.is_ascii_digit()) || frac_part.len() > 18 {
            return Err(ParseError(s.to_string()));
        }
        let i = int_part.parse::<u64>().map_err(|_| ParseError(s.to_string()))?;
        let v = frac_part.len() as u32;
        let f = if frac_part.is_empty() { 0 } else { frac_part.parse::<u64>().unwrap_or(0) };
        let trimmed = frac_part.trim_end_matches('0');
        let w = trimmed.len() as u32;
        let t = if trimmed.is_empty() { 0 } else { trimmed.parse::<u64>().unwrap_or(0) };
        Ok(Operands { i, v, w, f, t })
    }
}

macro_rules! from_ints {
    ($($t:ty),*) => {$(
        impl From<$t> for Operands {
            fn from(x: $t) -> Self { Operands::from_int((x as i128).unsigned_abs() as u64) }
        }
    )*};
}
from_ints!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    OtherOnly,
    OneOther,
    French,
    Portuguese,
    EastSlavic,
    Polish,
    CzechSlovak,
    Arabic,
    Irish,
    Welsh,
    Hebrew,
    Slovenian,
    Lithuanian,
    Latvian,
}

/// Map a language subtag (as its base-36 key) to a rule family.
pub(crate) fn family_of_key(key: u64) -> u8 {
    family_for(key) as u8
}

fn family_for(key: u64) -> Family {
    match key {
        694 | 1277 | 744 | 1134 | 1061 | 661 | 820 => Family::OtherOnly,
        567 => Family::French,
        929 => Family::Portuguese,
        1002 | 1100 | 410 => Family::EastSlavic,
        921 => Family::Polish,
        460 | 1028 => Family::CzechSlovak,
        387 => Family::Arabic,
        586 => Family::Irish,
        466 => Family::Welsh,
        626 | 680 => Family::Hebrew,
        1029 => Family::Slovenian,
        785 => Family::Lithuanian,
        787 => Family::Latvian,
        _ => Family::OneOther,
    }
}

/// Cardinal plural rules for one language.
#[derive(Debug, Clone)]
pub struct PluralRules {
    lang: LanguageId,
    family: Family,
}

impl PluralRules {
    /// Rules for a BCP-47 or POSIX locale tag (`"de-AT"`, `"ru_RU.UTF-8"`).
    pub fn for_locale(tag: &str) -> Self {
        let lang = LanguageId::parse(tag);
        let family = family_for(tag36(&lang.language));
        PluralRules { lang, family }
    }

    /// Rules for the locale of the current process.
    pub fn from_env() -> Self {
        let lang = detect().clone();
        let family = family_for(tag36(&lang.language));
        PluralRules { lang, family }
    }

    pub fn language(&self) -> &LanguageId {
        &self.lang
    }

    /// The categories this language distinguishes, in canonical order.
    pub fn categories(&self) -> &'static [Category] {
        use Category::*;
        match self.family {
            Family::OtherOnly => &[Other],
            Family::OneOther | Family::Portuguese => &[One, Other],
            Family::French => &[One, Many, Other],
            Family::EastSlavic | Family::Polish | Family::CzechSlovak | Family::Lithuanian => {
                &[One, Few, Many, Other]
            }
            Family::Arabic | Family::Welsh => &[Zero, One, Two, Few, Many, Other],
            Family::Irish => &[One, Two, Few, Many, Other],
            Family::Hebrew => &[One, Two, Other],
            Family::Slovenian => &[One, Two, Few, Other],
            Family::Latvian => &[Zero, One, Other],
        }
    }

    /// Select the plural category for `n`.
    pub fn select<O: Into<Operands>>(&self, n: O) -> Category {
        let o = n.into();
        use Category::*;
        let Operands { i, v, f, .. } = o;
        match self.family {
            Family::OtherOnly => Other,
            Family::OneOther => {
                if i == 1 && v == 0 { One } else { Other }
            }
            Family::French => {
                if i <= 1 {
                    One
                } else if v == 0 && i != 0 && i % 1_000_000 == 0 {
                    Many
                } else {
                    Other
                }
            }
            Family::Portuguese => {
                if i <= 1 { One } else { Other }
            }
            Family::EastSlavic => {
                if v != 0 {
                    Other
                } else if i % 10 == 1 && i % 100 != 11 {
                    One
                } else if (2..=4).contains(&(i % 10)) && !(12..=14).contains(&(i % 100)) {
                    Few
                } else {
                    Many
                }
            }
            Family::Polish => {
                if v != 0 {
                    Other
                } else if i == 1 {
                    One
                } else if (2..=4).contains(&(i % 10)) && !(12..=14).contains(&(i % 100)) {
                    Few
                } else {
                    Many
                }
            }
            Family::CzechSlovak => {
                if v != 0 {
                    Many
                } else if i == 1 {
                    One
                } else if (2..=4).contains(&i) {
                    Few
                } else {
                    Other
                }
            }
            Family::Arabic => match (o.n_is(0), o.n_is(1), o.n_is(2), o.n_mod(100)) {
                (true, _, _, _) => Zero,
                (_, true, _, _) => One,
                (_, _, true, _) => Two,
                (_, _, _, Some(r)) if (3..=10).contains(&r) => Few,
                (_, _, _, Some(r)) if (11..=99).contains(&r) => Many,
                _ => Other,
            },
            Family::Irish => {
                if o.n_is(1) {
                    One
                } else if o.n_is(2) {
                    Two
                } else if o.n_in(3, 6) {
                    Few
                } else if o.n_in(7, 10) {
                    Many
                } else {
                    Other
                }
            }
            Family::Welsh => match () {
                _ if o.n_is(0) => Zero,
                _ if o.n_is(1) => One,
                _ if o.n_is(2) => Two,
                _ if o.n_is(3) => Few,
                _ if o.n_is(6) => Many,
                _ => Other,
            },
            Family::Hebrew => {
                if (i == 1 && v == 0) || (i == 0 && v != 0) {
                    One
                } else if i == 2 && v == 0 {
                    Two
                } else {
                    Other
                }
            }
            Family::Slovenian => {
                if v == 0 && i % 100 == 1 {
                    One
                } else if v == 0 && i % 100 == 2 {
                    Two
                } else if (v == 0 && (3..=4).contains(&(i % 100))) || v != 0 {
                    Few
                } else {
                    Other
                }
            }
            Family::Lithuanian => {
                let m10 = o.n_mod(10);
                let teen = o.n_mod(100).map_or(false, |r| (11..=19).contains(&r));
                if f != 0 {
                    Many
                } else if m10 == Some(1) && !teen {
                    One
                } else if m10.map_or(false, |r| (2..=9).contains(&r)) && !teen {
                    Few
                } else {
                    Other
                }
            }
            Family::Latvian => {
                let teen = o.n_mod(100).map_or(false, |r| (11..=19).contains(&r));
                let fteen = (11..=19).contains(&(f % 100));
                if o.n_mod(10) == Some(0) || teen || (v == 2 && fteen) {
                    Zero
                } else if (o.n_mod(10) == Some(1) && o.n_mod(100) != Some(11))
                    || (v == 2 && f % 10 == 1 && f % 100 != 11)
                    || (v != 2 && f % 10 == 1)
                {
                    One
                } else {
                    Other
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english() {
        let en = PluralRules::for_locale("en_US.UTF-8");
        assert_eq!(en.select(1), Category::One);
        assert_eq!(en.select(0), Category::Other);
        assert_eq!(en.select("1.0".parse::<Operands>().unwrap()), Category::Other);
    }

    #[test]
    fn slavic() {
        let uk = PluralRules::for_locale("uk");
        assert_eq!(uk.select(11), Category::Many);
        assert_eq!(uk.select(101), Category::One);
        assert_eq!(uk.select(1004), Category::Few);
    }

    #[test]
    fn arabic() {
        let ar = PluralRules::for_locale("ar-EG");
        assert_eq!(ar.select(0), Category::Zero);
        assert_eq!(ar.select(105), Category::Few);
        assert_eq!(ar.select(111), Category::Many);
    }
}
