//! Locale-aware number formatting.
//!
//! The crate ships a compact table of grouping / decimal conventions and
//! picks the right one either from an explicit BCP-47 / POSIX tag or from
//! the process environment.

mod currency;
mod locale;
mod table;

pub use currency::{currency_symbol, CurrencyPosition};
pub use locale::{system_locale, Locale};
pub use table::Conventions;

/// Formats numbers according to one set of locale conventions.
#[derive(Debug, Clone)]
pub struct NumberFormatter {
    conv: Conventions,
}

impl NumberFormatter {
    /// Formatter for an explicit tag such as `fr-FR` or `hi_IN.UTF-8`.
    pub fn for_tag(tag: &str) -> Option<Self> {
        let loc = Locale::parse(tag)?;
        Some(Self::for_locale(&loc))
    }

    pub fn for_locale(loc: &Locale) -> Self {
        NumberFormatter {
            conv: table::lookup(loc),
        }
    }

    /// Formatter for the current process locale.
    pub fn system() -> Self {
        Self::for_locale(system_locale())
    }

    pub fn conventions(&self) -> &Conventions {
        &self.conv
    }

    /// Format an integer with grouping separators.
    pub fn format_int(&self, value: i128) -> String {
        let neg = value < 0;
        let digits = value.unsigned_abs().to_string();
        let grouped = self.group(&digits);
        if neg {
            format!("{}{}", self.conv.minus, grouped)
        } else {
            grouped
        }
    }

    /// Format a float with `decimals` fraction digits.
    pub fn format(&self, value: f64, decimals: usize) -> String {
        if value.is_nan() {
            return "NaN".to_string();
        }
        if value.is_infinite() {
            return if value > 0.0 { "∞".into() } else { format!("{}∞", self.conv.minus) };
        }
        let raw = format!("{:.*}", decimals, value.abs());
        let (int_part, frac_part) = match raw.split_once('.') {
            Some((i, f)) => (i.to_string(), Some(f.to_string())),
            None => (raw.clone(), None),
        };
        let mut out = String::with_capacity(raw.len() + 8);
        if value.is_sign_negative() && raw.chars().any(|c| c.is_ascii_digit() && c != '0') {
            out.push_str(self.conv.minus);
        }
        out.push_str(&self.group(&int_part));
        if let Some(f) = frac_part {
            out.push_str(self.conv.decimal);
            out.push_str(&f);
        }
        out
    }

    /// Format a ratio (0.25 => "25 %" / "25%" depending on locale).
    pub fn format_percent(&self, ratio: f64, decimals: usize) -> String {
        let body = self.format(ratio * 100.0, decimals);
        if self.conv.percent_space {
            format!("{}\u{a0}%", body)
        } else {
            format!("{}%", body)
        }
    }

    /// Format a monetary amount with the ISO 4217 `code`.
    pub fn format_currency(&self, amount: f64, code: &str) -> String {
        let decimals = currency::minor_units(code);
        let body = self.format(amount.abs(), decimals);
        let sym = currency_symbol(code).unwrap_or(code);
        let signed = |s: String| {
            if amount < 0.0 {
                format!("{}{}", self.conv.minus, s)
            } else {
                s
            }
        };
        match self.conv.currency_pos {
            CurrencyPosition::Prefix => signed(format!("{}{}", sym, body)),
            CurrencyPosition::PrefixSpace => signed(format!("{}\u{a0}{}", sym, body)),
            CurrencyPosition::Suffix => signed(format!("{}\u{a0}{}", body, sym)),
        }
    }

    fn group(&self, digits: &str) -> String {
        let (primary, secondary) = self.conv.grouping;
        if primary == 0 || digits.len() <= primary {
            return digits.to_string();
        }
        if digits.len() < self.conv.min_grouping_digits {
            return digits.to_string();
        }
        let bytes = digits.as_bytes();
        let mut groups: Vec<&str> = Vec::new();
        let mut end = bytes.len();
        let first = end - primary;
        groups.push(&digits[first..end]);
        end = first;
        let step = if secondary == 0 { primary } else { secondary };
        while end > 0 {
            let start = end.saturating_sub(step);
            groups.push(&digits[start..end]);
            end = start;
        }
        groups.reverse();
        groups.join(self.conv.group)
    }
}

/// Shorthand: format with the system locale.
pub fn format_number(value: f64, decimals: usize) -> String {
    NumberFormatter::system().format(value, decimals)
}

/// Shorthand: format an integer with the system locale.
pub fn format_int(value: i128) -> String {
    NumberFormatter::system().format_int(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german() {
        let f = NumberFormatter::for_tag("de-DE").unwrap();
        assert_eq!(f.format(1234567.891, 2), "1.234.567,89");
    }

    #[test]
    fn indian_grouping() {
        let f = NumberFormatter::for_tag("hi_IN.UTF-8").unwrap();
        assert_eq!(f.format_int(12345678), "1,23,45,678");
    }

    #[test]
    fn spanish_min_grouping() {
        let f = NumberFormatter::for_tag("es-ES").unwrap();
        assert_eq!(f.format_int(1234), "1234");
        assert_eq!(f.format_int(12345), "12.345");
    }
}
