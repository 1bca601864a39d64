//! Format and parse human-readable byte sizes.

mod locale;
mod units;

use std::fmt;

pub use units::Style;

/// Error returned by [`parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Input was empty or whitespace only.
    Empty,
    /// The numeric part could not be parsed.
    BadNumber(String),
    /// The unit suffix is not recognised.
    UnknownUnit(String),
    /// The value does not fit in a `u64`.
    Overflow,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("empty size string"),
            ParseError::BadNumber(s) => write!(f, "invalid number `{s}`"),
            ParseError::UnknownUnit(s) => write!(f, "unknown unit `{s}`"),
            ParseError::Overflow => f.write_str("size does not fit in 64 bits"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Format `bytes` using `style` and the process locale's decimal separator.
pub fn format(bytes: u64, style: Style) -> String {
    format_with(bytes, style, locale::decimal_separator())
}

/// Format `bytes` with an explicit decimal separator.
pub fn format_with(bytes: u64, style: Style, sep: char) -> String {
    let base = style.base() as f64;
    let suffixes = style.suffixes();
    if bytes < style.base() {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64;
    let mut idx = 0;
    while value >= base && idx + 1 < suffixes.len() {
        value /= base;
        idx += 1;
    }
    let digits = if value >= 100.0 { 0 } else { 1 };
    let mut s = format!("{value:.digits$}");
    if sep != '.' {
        s = s.replace('.', &sep.to_string());
    }
    format!("{s} {}", suffixes[idx])
}

/// Parse a size such as `"1.5 GiB"`, `"200kB"`, `"42"` or `"3,5 MiB"`.
pub fn parse(input: &str) -> Result<u64, ParseError> {
    let t = input.trim();
    if t.is_empty() {
        return Err(ParseError::Empty);
    }
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let num = num.replace(',', ".");
    let value: f64 = num.parse().map_err(|_| ParseError::BadNumber(num.clone()))?;
    let mult = units::multiplier(unit.trim()).ok_or_else(|| ParseError::UnknownUnit(unit.trim().into()))?;
    let total = value * mult as f64;
    if !total.is_finite() || total > u64::MAX as f64 {
        return Err(ParseError::Overflow);
    }
    Ok(total.round() as u64)
}

/// A byte count that displays itself in IEC style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteSize(pub u64);

impl fmt::Display for ByteSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let style = if f.alternate() { Style::Si } else { Style::Iec };
        f.write_str(&format(self.0, style))
    }
}

impl std::str::FromStr for ByteSize {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s).map(ByteSize)
    }
}

impl From<u64> for ByteSize {
    fn from(v: u64) -> Self {
        ByteSize(v)
    }
}

impl std::ops::Add for ByteSize {
    type Output = ByteSize;
    fn add(self, o: ByteSize) -> ByteSize {
        ByteSize(self.0.saturating_add(o.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iec() {
        assert_eq!(format_with(1536, Style::Iec, '.'), "1.5 KiB");
        assert_eq!(format_with(1024 * 1024 * 300, Style::Iec, '.'), "300 MiB");
    }

    #[test]
    fn comma() {
        assert_eq!(format_with(1536, Style::Iec, ','), "1,5 KiB");
        assert_eq!(parse("1,5 KiB").unwrap(), 1536);
    }

    #[test]
    fn parse_plain() {
        assert_eq!(parse("42").unwrap(), 42);
        assert_eq!(parse("2k").unwrap(), 2000);
        assert!(matches!(parse("3 parsecs"), Err(ParseError::UnknownUnit(_))));
    }
}
