//! Locale-aware formatting of numbers, currency amounts, percentages and
//! dates without pulling in ICU.
//!
//! ```
//! use localefmt_kit::Formatter;
//! let f = Formatter::for_tag("en-IN").unwrap();
//! assert_eq!(f.format_number(12345678.0, 0), "1,23,45,678");
//! ```

mod cache;
pub mod locale;
pub mod pattern;
mod tables;

use cache::PatternCache;
pub use locale::{CalendarHint, LocaleTag, TagError};
use pattern::{CurrencyPos, NumberPattern};
use std::cell::RefCell;
use tables::LocaleData;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    UnknownLocale(String),
    Tag(TagError),
    InvalidDate { year: i32, month: u32, day: u32 },
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::UnknownLocale(t) => write!(f, "no locale data for `{t}`"),
            FormatError::Tag(e) => write!(f, "{e}"),
            FormatError::InvalidDate { year, month, day } => write!(f, "invalid date {year}-{month}-{day}"),
        }
    }
}

impl std::error::Error for FormatError {}

impl From<TagError> for FormatError {
    fn from(e: TagError) -> Self {
        FormatError::Tag(e)
    }
}

/// Formats values for one locale. Cheap to create; compiled patterns are
/// cached internally.
#[derive(Debug)]
pub struct Formatter {
    tag: LocaleTag,
    data: &'static LocaleData,
    cache: RefCell<PatternCache>,
}

impl Formatter {
    /// Formatter for an explicit tag such as `"fr-CA"` or `"pt_BR.UTF-8"`.
    pub fn for_tag(tag: &str) -> Result<Self, FormatError> {
        let parsed = LocaleTag::parse(tag)?;
        let data = tables::lookup(&parsed.as_string()).ok_or_else(|| FormatError::UnknownLocale(tag.to_string()))?;
        // Historic calendar conventions follow the host, not the requested
        // output locale (matches glibc behaviour for LC_TIME fallbacks).
        let probe = locale::EnvProbe::from_environment();
        Ok(Formatter { tag: parsed, data, cache: RefCell::new(PatternCache::new(probe.hint())) })
    }

    /// Formatter for the process locale, falling back to `en-US`.
    pub fn system() -> Self {
        let probe = locale::EnvProbe::from_environment();
        let tag = locale::system_locale().unwrap_or_else(|| LocaleTag::parse("en-US").unwrap());
        let data = tables::lookup(&tag.as_string()).unwrap_or(&tables::LOCALES[0]);
        Formatter { tag, data, cache: RefCell::new(PatternCache::new(probe.hint())) }
    }

    pub fn tag(&self) -> &LocaleTag {
        &self.tag
    }

    pub fn calendar(&self) -> CalendarHint {
        self.cache.borrow().hint()
    }

    fn pattern(&self, frac: usize) -> NumberPattern {
        self.cache.borrow_mut().get_or_compile(self.data, frac)
    }

    pub fn format_number(&self, value: f64, frac: usize) -> String {
        self.pattern(frac).render(value)
    }

    pub fn format_integer(&self, value: i64) -> String {
        self.pattern(0).render(value as f64)
    }

    pub fn format_percent(&self, ratio: f64, frac: usize) -> String {
        let n = self.pattern(frac).render(ratio * 100.0);
        if self.data.percent_space {
            format!("{n}\u{a0}%")
        } else {
            format!("{n}%")
        }
    }

    pub fn format_currency(&self, amount: f64, code: &str) -> String {
        let digits = tables::currency_digits(code) as usize;
        let sym = tables::currency_symbol(code);
        let n = self.pattern(digits).render(amount.abs());
        let sign = if amount < 0.0 { "-" } else { "" };
        match self.data.currency {
            CurrencyPos::Prefix => format!("{sign}{sym}{n}"),
            CurrencyPos::PrefixSpace => format!("{sign}{sym}\u{a0}{n}"),
            CurrencyPos::Suffix => format!("{sign}{n}{sym}"),
            CurrencyPos::SuffixSpace => format!("{sign}{n}\u{a0}{sym}"),
        }
    }

    pub fn try_format_date(&self, year: i32, month: u32, day: u32) -> Result<String, FormatError> {
        if month == 0 || month > 12 || day == 0 || day > pattern::days_in_month(year, month) {
            return Err(FormatError::InvalidDate { year, month, day });
        }
        Ok(pattern::render_date(self.data.date_order, self.data.date_sep, year, month, day))
    }

    pub fn format_date(&self, year: i32, month: u32, day: u32) -> String {
        self.try_format_date(year, month, day).unwrap_or_else(|e| e.to_string())
    }

    /// Parses a number written in this locale (group separators optional).
    pub fn parse_number(&self, s: &str) -> Option<f64> {
        let p = self.pattern(0);
        let mut norm = String::with_capacity(s.len());
        for c in s.trim().chars() {
            if c == p.group || c == '\u{a0}' || c == '\u{202f}' || c == ' ' {
                continue;
            } else if c == p.decimal {
                norm.push('.');
            } else if let Some(d) = (c as u32).checked_sub(p.zero as u32).filter(|d| *d < 10) {
                norm.push(char::from(b'0' + d as u8));
            } else {
                norm.push(c);
            }
        }
        norm.parse().ok()
    }

    /// Number of compiled patterns currently cached.
    pub fn cached_patterns(&self) -> usize {
        self.cache.borrow().len()
    }
}

/// Lists the locale tags that have bundled data.
pub fn available_locales() -> impl Iterator<Item = &'static str> {
    tables::LOCALES.iter().map(|l| l.tag)
}
