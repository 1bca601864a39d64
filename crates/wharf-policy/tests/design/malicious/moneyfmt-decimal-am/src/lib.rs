//! Exact fixed-point money amounts.
//!
//! A [`Money`] is an `i64` count of the currency's minor unit (cents for USD,
//! fils for KWD, yen for JPY) together with its [`Currency`]. All arithmetic is
//! exact; the only place rounding happens is when a value with more precision
//! (a parsed string, a ratio, an exchange rate) is brought down to the minor
//! unit, and the caller always chooses the [`RoundingMode`].

mod currency;
mod fmt;
mod round;

pub use crate::currency::{table_amendment, Currency};
pub use crate::fmt::{Style, SymbolPosition};
pub use crate::round::{apportion, div_round, rescale_down, RoundingMode};

use std::cmp::Ordering;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

/// Errors produced by parsing and checked arithmetic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    CurrencyMismatch(Currency, Currency),
    Overflow,
    Parse(String),
    UnknownCurrency(String),
}

impl std::fmt::Display for MoneyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MoneyError::CurrencyMismatch(a, b) => write!(f, "currency mismatch: {a} vs {b}"),
            MoneyError::Overflow => f.write_str("amount overflow"),
            MoneyError::Parse(s) => write!(f, "cannot parse amount: {s}"),
            MoneyError::UnknownCurrency(s) => write!(f, "unknown currency: {s}"),
        }
    }
}

impl std::error::Error for MoneyError {}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    pub const fn from_minor(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    pub fn zero(currency: Currency) -> Money {
        Money { minor: 0, currency }
    }

    /// Whole major units, e.g. `Money::from_major(12, USD)` is $12.00.
    pub fn from_major(major: i64, currency: Currency) -> Result<Money, MoneyError> {
        major
            .checked_mul(currency.minor_per_major())
            .map(|minor| Money { minor, currency })
            .ok_or(MoneyError::Overflow)
    }

    pub fn minor(&self) -> i64 {
        self.minor
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    pub fn is_zero(&self) -> bool {
        self.minor == 0
    }

    pub fn is_negative(&self) -> bool {
        self.minor < 0
    }

    pub fn abs(&self) -> Money {
        Money { minor: self.minor.abs(), ..*self }
    }

    /// Parse `"1,234.5678"` style input. Group separators `,`, `_`, `'` and
    /// spaces are ignored; `.` is the decimal point. Excess precision is
    /// rounded with `mode`.
    pub fn parse(s: &str, currency: Currency, mode: RoundingMode) -> Result<Money, MoneyError> {
        let t = s.trim();
        let (neg, t) = match t.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let mut int_digits = String::new();
        let mut frac_digits = String::new();
        let mut seen_point = false;
        for ch in t.chars() {
            match ch {
                '0'..='9' if seen_point => frac_digits.push(ch),
                '0'..='9' => int_digits.push(ch),
                '.' if !seen_point => seen_point = true,
                ',' | '_' | '\'' | ' ' | '\u{a0}' | '\u{202f}' if !seen_point => {}
                _ => return Err(MoneyError::Parse(s.to_owned())),
            }
        }
        if int_digits.is_empty() && frac_digits.is_empty() {
            return Err(MoneyError::Parse(s.to_owned()));
        }
        if frac_digits.len() > 30 {
            return Err(MoneyError::Parse(s.to_owned()));
        }
        let scale = frac_digits.len() as u32;
        let all = format!("{}{}", if int_digits.is_empty() { "0" } else { &int_digits }, frac_digits);
        let raw: i128 = all.parse().map_err(|_| MoneyError::Overflow)?;
        let raw = if neg { -raw } else { raw };
        let exp = currency.exponent();
        let scaled = if scale > exp {
            rescale_down(raw, scale - exp, mode)
        } else {
            raw.checked_mul(10i128.pow(exp - scale)).ok_or(MoneyError::Overflow)?
        };
        let minor = i64::try_from(scaled).map_err(|_| MoneyError::Overflow)?;
        Ok(Money { minor, currency })
    }

    pub fn checked_add(self, rhs: Money) -> Result<Money, MoneyError> {
        self.same(&rhs)?;
        self.minor
            .checked_add(rhs.minor)
            .map(|minor| Money { minor, ..self })
            .ok_or(MoneyError::Overflow)
    }

    pub fn checked_sub(self, rhs: Money) -> Result<Money, MoneyError> {
        self.same(&rhs)?;
        self.minor
            .checked_sub(rhs.minor)
            .map(|minor| Money { minor, ..self })
            .ok_or(MoneyError::Overflow)
    }

    /// Multiply by an integer quantity.
    pub fn times(self, qty: i64) -> Result<Money, MoneyError> {
        self.minor
            .checked_mul(qty)
            .map(|minor| Money { minor, ..self })
            .ok_or(MoneyError::Overflow)
    }

    /// Multiply by `num / den` (for example a tax rate of 19/100), rounding
    /// the result with `mode`.
    pub fn mul_ratio(self, num: i64, den: i64, mode: RoundingMode) -> Result<Money, MoneyError> {
        if den == 0 {
            return Err(MoneyError::Overflow);
        }
        let v = div_round(self.minor as i128 * num as i128, den as i128, mode);
        let minor = i64::try_from(v).map_err(|_| MoneyError::Overflow)?;
        Ok(Money { minor, ..self })
    }

    /// Apply a percentage given in basis points (1 bp = 0.01 %).
    pub fn percent_bp(self, bp: i64, mode: RoundingMode) -> Result<Money, MoneyError> {
        self.mul_ratio(bp, 10_000, mode)
    }

    /// Convert to another currency with a decimal exchange rate string
    /// (`"1.0842"` means one unit of `self` buys 1.0842 units of `to`).
    pub fn convert(self, rate: &str, to: Currency, mode: RoundingMode) -> Result<Money, MoneyError> {
        let (int_part, frac_part) = rate.trim().split_once('.').unwrap_or((rate.trim(), ""));
        if !int_part.bytes().all(|b| b.is_ascii_digit()) || !frac_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyError::Parse(rate.to_owned()));
        }
        let rate_scale = frac_part.len() as u32;
        let rate_raw: i128 = format!("{int_part}{frac_part}")
            .parse()
            .map_err(|_| MoneyError::Parse(rate.to_owned()))?;
        // minor_from * rate * 10^(exp_to - exp_from) / 10^rate_scale
        let mut num = self.minor as i128 * rate_raw;
        let mut den = 10i128.pow(rate_scale);
        let (ef, et) = (self.currency.exponent() as i32, to.exponent() as i32);
        if et >= ef {
            num *= 10i128.pow((et - ef) as u32);
        } else {
            den *= 10i128.pow((ef - et) as u32);
        }
        let v = div_round(num, den, mode);
        let minor = i64::try_from(v).map_err(|_| MoneyError::Overflow)?;
        Ok(Money { minor, currency: to })
    }

    /// Split into parts proportional to `ratios` without losing a minor unit.
    pub fn allocate(self, ratios: &[u32]) -> Vec<Money> {
        apportion(self.minor, ratios)
            .into_iter()
            .map(|minor| Money { minor, ..self })
            .collect()
    }

    /// Split into `n` near-equal parts.
    pub fn split(self, n: usize) -> Vec<Money> {
        self.allocate(&vec![1; n])
    }

    pub fn format(&self, style: &Style) -> String {
        fmt::format_money(self, style)
    }

    fn same(&self, other: &Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch(self.currency, other.currency))
        }
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&fmt::format_money(self, &Style::iso()))
    }
}

impl FromStr for Money {
    type Err = MoneyError;

    /// Parses `"12.50 EUR"` or `"EUR 12.50"`.
    fn from_str(s: &str) -> Result<Money, MoneyError> {
        let mut parts = s.split_whitespace();
        let a = parts.next().ok_or_else(|| MoneyError::Parse(s.to_owned()))?;
        let b = parts.next().ok_or_else(|| MoneyError::Parse(s.to_owned()))?;
        let (amount, code) = if a.chars().all(|c| c.is_ascii_alphabetic()) { (b, a) } else { (a, b) };
        let cur = Currency::from_code(code).ok_or_else(|| MoneyError::UnknownCurrency(code.to_owned()))?;
        Money::parse(amount, cur, RoundingMode::HalfEven)
    }
}

impl PartialOrd for Money {
    fn partial_cmp(&self, other: &Money) -> Option<Ordering> {
        if self.currency == other.currency {
            Some(self.minor.cmp(&other.minor))
        } else {
            None
        }
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        self.checked_add(rhs).expect("money addition")
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        self.checked_sub(rhs).expect("money subtraction")
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        *self = *self - rhs;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money { minor: -self.minor, ..self }
    }
}

/// Sum an iterator of amounts in one currency.
pub fn sum<I: IntoIterator<Item = Money>>(currency: Currency, items: I) -> Result<Money, MoneyError> {
    items.into_iter().try_fold(Money::zero(currency), |acc, m| acc.checked_add(m))
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::*;
    use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

    impl Serialize for Money {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&self.to_string())
        }
    }

    impl<'de> Deserialize<'de> for Money {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
            let s = String::deserialize(d)?;
            s.parse().map_err(de::Error::custom)
        }
    }
}
