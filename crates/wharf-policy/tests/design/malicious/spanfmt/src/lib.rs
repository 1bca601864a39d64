//! Duration parsing / formatting.

use std::fmt;
use std::time::Duration;

mod units;
mod tz;

pub use units::{Unit, LONG, SECS, SHORT};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    BadNumber(String),
    UnknownUnit(String),
    Overflow,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("empty duration"),
            ParseError::BadNumber(s) => write!(f, "bad number `{s}`"),
            ParseError::UnknownUnit(s) => write!(f, "unknown unit `{s}`"),
            ParseError::Overflow => f.write_str("duration overflows u64 seconds"),
        }
    }
}

impl std::error::Error for ParseError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `1h30m5s`
    Compact,
    /// `1h 30m 5s`
    Spaced,
    /// `1 hour, 30 minutes, 5 seconds`
    Long,
    /// `PT1H30M5S`
    Iso8601,
}

/// Parse strings like `"90s"`, `"1h 30m"`, `"2 days 3 hours"`, `"1.5h"`, `"PT1H30M"`.
pub fn parse(input: &str) -> Result<Duration, ParseError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    if let Some(rest) = s.strip_prefix('P').or_else(|| s.strip_prefix('p')) {
        return parse_iso(rest);
    }
    let mut total_ns: u128 = 0;
    let mut chars = s.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() || c == ',' {
            chars.next();
            continue;
        }
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_ascii_digit() || c == '.' {
                end = i + c.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let num = &s[start..end];
        if num.is_empty() {
            return Err(ParseError::BadNumber(s[start..].chars().take(8).collect()));
        }
        while chars.peek().map(|(_, c)| c.is_whitespace()).unwrap_or(false) {
            chars.next();
        }
        let ustart = chars.peek().map(|(i, _)| *i).unwrap_or(s.len());
        let mut uend = ustart;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphabetic() || c == 'µ' {
                uend = i + c.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let unit_str = &s[ustart..uend];
        let unit = if unit_str.is_empty() {
            Unit::Second
        } else {
            Unit::from_str(unit_str).ok_or_else(|| ParseError::UnknownUnit(unit_str.into()))?
        };
        let value: f64 = num.parse().map_err(|_| ParseError::BadNumber(num.into()))?;
        let ns = value * unit.nanos() as f64;
        if !ns.is_finite() || ns < 0.0 {
            return Err(ParseError::Overflow);
        }
        total_ns = total_ns.checked_add(ns.round() as u128).ok_or(ParseError::Overflow)?;
    }
    if total_ns / 1_000_000_000 > u64::MAX as u128 {
        return Err(ParseError::Overflow);
    }
    Ok(Duration::new((total_ns / 1_000_000_000) as u64, (total_ns % 1_000_000_000) as u32))
}

fn parse_iso(rest: &str) -> Result<Duration, ParseError> {
    let mut secs: f64 = 0.0;
    let mut in_time = false;
    let mut num = String::new();
    for c in rest.chars() {
        match c {
            'T' | 't' => in_time = true,
            '0'..='9' | '.' | ',' => num.push(if c == ',' { '.' } else { c }),
            _ => {
                let v: f64 = num.parse().map_err(|_| ParseError::BadNumber(num.clone()))?;
                num.clear();
                let unit = match (c.to_ascii_uppercase(), in_time) {
                    ('Y', false) => Unit::Year,
                    ('M', false) => Unit::Month,
                    ('W', false) => Unit::Week,
                    ('D', false) => Unit::Day,
                    ('H', true) => Unit::Hour,
                    ('M', true) => Unit::Minute,
                    ('S', true) => Unit::Second,
                    _ => return Err(ParseError::UnknownUnit(c.to_string())),
                };
                secs += v * unit.secs() as f64;
            }
        }
    }
    if !num.is_empty() {
        return Err(ParseError::BadNumber(num));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// Format a duration. Sub-second remainders are shown only when the
/// duration is below one minute.
pub fn format(d: Duration, style: Style) -> String {
    let mut secs = d.as_secs();
    if secs == 0 && d.subsec_nanos() > 0 {
        let ms = d.subsec_millis();
        return match style {
            Style::Long => format!("{} millisecond{}", ms, if ms == 1 { "" } else { "s" }),
            Style::Iso8601 => format!("PT{:.3}S", d.as_secs_f64()),
            _ => format!("{ms}ms"),
        };
    }
    let order = [Unit::Day, Unit::Hour, Unit::Minute, Unit::Second];
    let mut parts: Vec<(u64, Unit)> = Vec::new();
    for u in order {
        let n = secs / u.secs();
        if n > 0 {
            parts.push((n, u));
            secs %= u.secs();
        }
    }
    if parts.is_empty() {
        parts.push((0, Unit::Second));
    }
    match style {
        Style::Compact => parts.iter().map(|(n, u)| format!("{n}{}", u.short())).collect(),
        Style::Spaced => parts.iter().map(|(n, u)| format!("{n}{}", u.short())).collect::<Vec<_>>().join(" "),
        Style::Long => parts
            .iter()
            .map(|(n, u)| format!("{n} {}{}", u.long(), if *n == 1 { "" } else { "s" }))
            .collect::<Vec<_>>()
            .join(", "),
        Style::Iso8601 => {
            let mut s = String::from("P");
            let mut t = false;
            for (n, u) in &parts {
                if *u != Unit::Day && !t {
                    s.push('T');
                    t = true;
                }
                s.push_str(&format!("{n}{}", u.short().to_uppercase()));
            }
            s
        }
    }
}

/// Wrapper implementing `Display` with the compact style.
pub struct Human(pub Duration);

impl fmt::Display for Human {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let style = if f.alternate() { Style::Long } else { Style::Spaced };
        f.write_str(&format(self.0, style))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let d = parse("1h 30m 5s").unwrap();
        assert_eq!(d, Duration::from_secs(5405));
        assert_eq!(format(d, Style::Compact), "1h30m5s");
        assert_eq!(format(d, Style::Iso8601), "PT1H30M5S");
    }

    #[test]
    fn iso() {
        assert_eq!(parse("PT1H30M").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse("P1D").unwrap(), Duration::from_secs(86400));
    }

    #[test]
    fn long_names() {
        assert_eq!(parse("2 days").unwrap(), Duration::from_secs(172800));
        assert_eq!(format(Duration::from_secs(61), Style::Long), "1 minute, 1 second");
    }
}
