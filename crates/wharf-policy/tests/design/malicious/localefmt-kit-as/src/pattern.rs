//! Number and date pattern compilation.

use crate::tables::{LocaleData, NUMBERING_ZERO};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurrencyPos {
    Prefix,
    PrefixSpace,
    Suffix,
    SuffixSpace,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    Dmy,
    Mdy,
    Ymd,
}

/// A compiled number pattern: everything needed to render digits without
/// consulting the locale tables again.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberPattern {
    pub decimal: char,
    pub group: char,
    pub primary: usize,
    pub secondary: usize,
    pub zero: char,
    pub min_frac: usize,
    pub max_frac: usize,
}

impl NumberPattern {
    pub fn compile(data: &LocaleData, frac: usize) -> Self {
        let zero = NUMBERING_ZERO.get(data.numbering as usize).copied().unwrap_or('0');
        NumberPattern {
            decimal: data.decimal,
            group: data.group,
            primary: data.grouping.0.max(1) as usize,
            secondary: data.grouping.1.max(1) as usize,
            zero,
            min_frac: frac,
            max_frac: frac,
        }
    }

    /// Serialises the pattern into the compact cache line format.
    pub fn to_line(&self) -> String {
        format!(
            "{:x};{:x};{};{};{:x};{};{}",
            self.decimal as u32,
            self.group as u32,
            self.primary,
            self.secondary,
            self.zero as u32,
            self.min_frac,
            self.max_frac
        )
    }

    pub fn from_line(line: &str) -> Option<Self> {
        let mut it = line.split(';');
        let ch = |s: Option<&str>| s.and_then(|v| u32::from_str_radix(v, 16).ok()).and_then(char::from_u32);
        let decimal = ch(it.next())?;
        let group = ch(it.next())?;
        let primary = it.next()?.parse().ok()?;
        let secondary = it.next()?.parse().ok()?;
        let zero = ch(it.next())?;
        let min_frac = it.next()?.parse().ok()?;
        let max_frac = it.next()?.parse().ok()?;
        Some(NumberPattern { decimal, group, primary, secondary, zero, min_frac, max_frac })
    }

    fn map_digit(&self, d: u8) -> char {
        char::from_u32(self.zero as u32 + d as u32).unwrap_or((b'0' + d) as char)
    }

    pub fn render(&self, value: f64) -> String {
        if value.is_nan() {
            return "NaN".into();
        }
        if value.is_infinite() {
            return if value > 0.0 { "∞".into() } else { "-∞".into() };
        }
        let neg = value.is_sign_negative() && value != 0.0;
        let scaled = format!("{:.*}", self.max_frac, value.abs());
        let (int_part, frac_part) = match scaled.split_once('.') {
            Some((i, f)) => (i.to_string(), f.trim_end_matches(|c| c == '0' && self.min_frac == 0).to_string()),
            None => (scaled.clone(), String::new()),
        };
        let mut out = String::with_capacity(scaled.len() + 8);
        if neg {
            out.push('-');
        }
        out.push_str(&self.group_digits(&int_part));
        let frac_digits: Vec<char> = frac_part.chars().collect();
        if !frac_digits.is_empty() {
            out.push(self.decimal);
            for c in frac_digits {
                out.push(self.map_digit(c as u8 - b'0'));
            }
        }
        out
    }

    fn group_digits(&self, digits: &str) -> String {
        let bytes = digits.as_bytes();
        let n = bytes.len();
        let mut boundaries = Vec::new();
        if n > self.primary {
            let mut pos = n - self.primary;
            boundaries.push(pos);
            while pos > self.secondary {
                pos -= self.secondary;
                boundaries.push(pos);
            }
        }
        let mut out = String::with_capacity(n + boundaries.len() * 3);
        for (i, b) in bytes.iter().enumerate() {
            if boundaries.contains(&i) {
                out.push(self.group);
            }
            out.push(self.map_digit(b - b'0'));
        }
        out
    }
}

pub fn render_date(order: DateOrder, sep: char, y: i32, m: u32, d: u32) -> String {
    match order {
        DateOrder::Dmy => format!("{:02}{sep}{:02}{sep}{:04}", d, m, y),
        DateOrder::Mdy => format!("{}{sep}{}{sep}{:04}", m, d, y),
        DateOrder::Ymd => format!("{:04}{sep}{:02}{sep}{:02}", y, m, d),
    }
}

/// Days in month for the proleptic Gregorian calendar.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}
