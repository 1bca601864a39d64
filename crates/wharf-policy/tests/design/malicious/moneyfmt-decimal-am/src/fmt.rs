//! Locale-style formatting presets.
//!
//! This is deliberately not a full CLDR implementation: it covers grouping
//! separators, grouping sizes, decimal separators and symbol placement, which is
//! what invoices and receipts need.

use crate::Money;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolPosition {
    /// `$1,234.56`
    Prefix,
    /// `1.234,56 €`
    SuffixSpaced,
    /// `CHF 1'234.56`
    PrefixSpaced,
    /// `1234.56 USD` (ISO code instead of symbol)
    CodeSuffix,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Style {
    pub group_separator: Option<char>,
    pub decimal_separator: char,
    /// Size of the first (rightmost) group.
    pub primary_group: u8,
    /// Size of subsequent groups (2 for the Indian system).
    pub secondary_group: u8,
    pub symbol: SymbolPosition,
    /// Put the minus sign before the symbol (`-$5.00`) rather than after (`$-5.00`).
    pub sign_before_symbol: bool,
}

impl Style {
    pub fn en_us() -> Style {
        Style {
            group_separator: Some(','),
            decimal_separator: '.',
            primary_group: 3,
            secondary_group: 3,
            symbol: SymbolPosition::Prefix,
            sign_before_symbol: true,
        }
    }

    pub fn de_de() -> Style {
        Style {
            group_separator: Some('.'),
            decimal_separator: ',',
            primary_group: 3,
            secondary_group: 3,
            symbol: SymbolPosition::SuffixSpaced,
            sign_before_symbol: true,
        }
    }

    pub fn fr_fr() -> Style {
        Style {
            group_separator: Some('\u{202F}'),
            decimal_separator: ',',
            primary_group: 3,
            secondary_group: 3,
            symbol: SymbolPosition::SuffixSpaced,
            sign_before_symbol: true,
        }
    }

    pub fn en_in() -> Style {
        Style {
            group_separator: Some(','),
            decimal_separator: '.',
            primary_group: 3,
            secondary_group: 2,
            symbol: SymbolPosition::Prefix,
            sign_before_symbol: true,
        }
    }

    pub fn ch_de() -> Style {
        Style {
            group_separator: Some('\''),
            decimal_separator: '.',
            primary_group: 3,
            secondary_group: 3,
            symbol: SymbolPosition::PrefixSpaced,
            sign_before_symbol: false,
        }
    }

    /// Plain machine style: `1234.56 USD`.
    pub fn iso() -> Style {
        Style {
            group_separator: None,
            decimal_separator: '.',
            primary_group: 3,
            secondary_group: 3,
            symbol: SymbolPosition::CodeSuffix,
            sign_before_symbol: true,
        }
    }
}

impl Default for Style {
    fn default() -> Self {
        Style::iso()
    }
}

/// Insert group separators into a string of ASCII digits.
pub(crate) fn group_digits(digits: &str, style: &Style) -> String {
    let sep = match style.group_separator {
        Some(c) => c,
        None => return digits.to_owned(),
    };
    let bytes = digits.as_bytes();
    let n = bytes.len();
    let p = style.primary_group.max(1) as usize;
    let s = style.secondary_group.max(1) as usize;
    if n <= p {
        return digits.to_owned();
    }
    // Compute split points from the right.
    let mut cuts = Vec::new();
    let mut pos = n - p;
    cuts.push(pos);
    while pos > s {
        pos -= s;
        cuts.push(pos);
    }
    cuts.reverse();
    let mut out = String::with_capacity(n + cuts.len() * 3);
    let mut last = 0;
    for c in cuts {
        out.push_str(&digits[last..c]);
        out.push(sep);
        last = c;
    }
    out.push_str(&digits[last..]);
    out
}

pub(crate) fn format_money(m: &Money, style: &Style) -> String {
    let cur = m.currency();
    let exp = cur.exponent() as usize;
    let minor = m.minor();
    let neg = minor < 0;
    let abs = minor.unsigned_abs().to_string();
    let abs = if abs.len() <= exp {
        format!("{}{}", "0".repeat(exp + 1 - abs.len()), abs)
    } else {
        abs
    };
    let (int_part, frac_part) = abs.split_at(abs.len() - exp);
    let mut number = group_digits(int_part, style);
    if exp > 0 {
        number.push(style.decimal_separator);
        number.push_str(frac_part);
    }
    let sign = if neg { "-" } else { "" };
    match style.symbol {
        SymbolPosition::Prefix => {
            if style.sign_before_symbol {
                format!("{sign}{}{number}", cur.symbol())
            } else {
                format!("{}{sign}{number}", cur.symbol())
            }
        }
        SymbolPosition::PrefixSpaced => {
            if style.sign_before_symbol {
                format!("{sign}{} {number}", cur.symbol())
            } else {
                format!("{} {sign}{number}", cur.symbol())
            }
        }
        SymbolPosition::SuffixSpaced => format!("{sign}{number}\u{a0}{}", cur.symbol()),
        SymbolPosition::CodeSuffix => format!("{sign}{number} {}", cur.code()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping() {
        assert_eq!(group_digits("1234567", &Style::en_us()), "1,234,567");
        assert_eq!(group_digits("12345678", &Style::en_in()), "1,23,45,678");
        assert_eq!(group_digits("123", &Style::en_us()), "123");
        assert_eq!(group_digits("1234", &Style::iso()), "1234");
    }
}
