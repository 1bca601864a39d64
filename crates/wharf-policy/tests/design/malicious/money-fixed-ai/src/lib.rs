//! # money-fixed
//!
//! Exact money arithmetic on `i128` minor units. No floats anywhere.
//!
//! ```
//! use money_fixed::{Money, RoundingMode};
//!
//! let price = Money::parse("19.99", "EUR").unwrap();
//! let qty3 = price.mul_int(3).unwrap();
//! assert_eq!(qty3.to_string(), "59.97 EUR");
//!
//! // 20 % VAT, banker's rounding
//! let vat = qty3.mul_ratio(20, 100, RoundingMode::HalfEven).unwrap();
//! assert_eq!(vat.to_string(), "11.99 EUR");
//!
//! // split a bill three ways without losing a cent
//! let parts = Money::parse("100.00", "USD").unwrap().allocate(&[1, 1, 1]).unwrap();
//! let cents: Vec<i128> = parts.iter().map(|m| m.minor()).collect();
//! assert_eq!(cents, vec![3334, 3333, 3333]);
//! ```

#![warn(missing_docs)]

use std::cmp::Ordering;
use std::fmt;

mod currency;
mod region;
mod round;

pub use currency::{Currency, CURRENCIES};
pub use region::current as detected_region;
pub use round::RoundingMode;

/// Errors from parsing and arithmetic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    /// Unknown ISO 4217 code.
    UnknownCurrency(String),
    /// Could not parse the amount.
    Parse(String),
    /// More fractional digits than the currency allows.
    TooPrecise { given: u32, allowed: u32 },
    /// Operands have different currencies.
    CurrencyMismatch(&'static str, &'static str),
    /// Result does not fit in i128.
    Overflow,
    /// Division by zero / empty ratio list.
    InvalidRatio,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoneyError::UnknownCurrency(c) => write!(f, "unknown currency {c:?}"),
            MoneyError::Parse(s) => write!(f, "cannot parse amount {s:?}"),
            MoneyError::TooPrecise { given, allowed } => {
                write!(f, "{given} fractional digits given, currency allows {allowed}")
            }
            MoneyError::CurrencyMismatch(a, b) => write!(f, "currency mismatch: {a} vs {b}"),
            MoneyError::Overflow => f.write_str("arithmetic overflow"),
            MoneyError::InvalidRatio => f.write_str("invalid ratio"),
        }
    }
}

impl std::error::Error for MoneyError {}

/// An amount of money in minor units of a currency.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i128,
    currency: &'static Currency,
}

impl Money {
    /// From minor units (`cents`).
    pub fn from_minor(minor: i128, currency: &'static Currency) -> Money {
        Money { minor, currency }
    }

    /// Zero in a currency.
    pub fn zero(currency: &'static Currency) -> Money {
        Money::from_minor(0, currency)
    }

    /// Parses `"1234.5"`, `"-0.99"`, `"1_000.00"` in the given currency.
    /// Rejects more fractional digits than the currency supports.
    pub fn parse(amount: &str, code: &str) -> Result<Money, MoneyError> {
        let currency =
            Currency::get(code).ok_or_else(|| MoneyError::UnknownCurrency(code.to_string()))?;
        let s: String = amount.trim().chars().filter(|c| *c != '_').collect();
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(&s)),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty() && frac.is_empty()
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(MoneyError::Parse(amount.to_string()));
        }
        let given = frac.len() as u32;
        if given > currency.exponent {
            return Err(MoneyError::TooPrecise { given, allowed: currency.exponent });
        }
        let mut minor: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            minor = minor
                .checked_mul(10)
                .and_then(|m| m.checked_add((b - b'0') as i128))
                .ok_or(MoneyError::Overflow)?;
        }
        minor = minor
            .checked_mul(round::pow10(currency.exponent - given))
            .ok_or(MoneyError::Overflow)?;
        Ok(Money { minor: if neg { -minor } else { minor }, currency })
    }

    /// Parses with rounding instead of rejecting extra precision
    /// (`"0.125"` USD -> 0.12 with `HalfEven`).
    pub fn parse_rounded(amount: &str, code: &str, mode: RoundingMode) -> Result<Money, MoneyError> {
        let currency =
            Currency::get(code).ok_or_else(|| MoneyError::UnknownCurrency(code.to_string()))?;
        let s = amount.trim();
        let digits = s.split_once('.').map(|(_, f)| f.len() as u32).unwrap_or(0);
        if digits <= currency.exponent {
            return Money::parse(s, code);
        }
        let extra = digits - currency.exponent;
        // parse as a currency-less integer of `digits` decimals, then rescale
        let (neg, body) = match s.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let raw: String = body.chars().filter(|c| c.is_ascii_digit()).collect();
        let n: i128 = raw.parse().map_err(|_| MoneyError::Parse(amount.to_string()))?;
        let n = if neg { -n } else { n };
        Ok(Money { minor: round::div_round(n, round::pow10(extra), mode), currency })
    }

    /// Minor units.
    pub fn minor(&self) -> i128 {
        self.minor
    }

    /// The currency.
    pub fn currency(&self) -> &'static Currency {
        self.currency
    }

    /// `true` if negative.
    pub fn is_negative(&self) -> bool {
        self.minor < 0
    }

    fn same(&self, other: &Money) -> Result<(), MoneyError> {
        if std::ptr::eq(self.currency, other.currency) {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch(self.currency.code, other.currency.code))
        }
    }

    /// Checked addition.
    pub fn add(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same(other)?;
        let minor = self.minor.checked_add(other.minor).ok_or(MoneyError::Overflow)?;
        Ok(Money { minor, ..*self })
    }

    /// Checked subtraction.
    pub fn sub(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same(other)?;
        let minor = self.minor.checked_sub(other.minor).ok_or(MoneyError::Overflow)?;
        Ok(Money { minor, ..*self })
    }

    /// Multiplies by an integer quantity.
    pub fn mul_int(&self, k: i64) -> Result<Money, MoneyError> {
        let minor = self.minor.checked_mul(k as i128).ok_or(MoneyError::Overflow)?;
        Ok(Money { minor, ..*self })
    }

    /// Multiplies by `num / den` and rounds (tax, discounts, interest).
    pub fn mul_ratio(&self, num: i128, den: i128, mode: RoundingMode) -> Result<Money, MoneyError> {
        if den == 0 {
            return Err(MoneyError::InvalidRatio);
        }
        let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
        let p = self.minor.checked_mul(num).ok_or(MoneyError::Overflow)?;
        Ok(Money { minor: round::div_round(p, den, mode), ..*self })
    }

    /// Percentage in basis points (`bp = 1250` is 12.5 %).
    pub fn percent_bp(&self, bp: i64, mode: RoundingMode) -> Result<Money, MoneyError> {
        self.mul_ratio(bp as i128, 10_000, mode)
    }

    /// Converts at a decimal rate given as a string (`"1.0843"` EUR->USD).
    pub fn convert(
        &self,
        rate: &str,
        to: &'static Currency,
        mode: RoundingMode,
    ) -> Result<Money, MoneyError> {
        let (int, frac) = rate.trim().split_once('.').unwrap_or((rate.trim(), ""));
        if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) || int.is_empty() {
            return Err(MoneyError::Parse(rate.to_string()));
        }
        let mantissa: i128 = format!("{int}{frac}")
            .parse()
            .map_err(|_| MoneyError::Parse(rate.to_string()))?;
        let scale = frac.len() as u32;
        // minor_from * rate * 10^(exp_to - exp_from)
        let mut num = self.minor.checked_mul(mantissa).ok_or(MoneyError::Overflow)?;
        let mut den = round::pow10(scale);
        if to.exponent >= self.currency.exponent {
            num = num
                .checked_mul(round::pow10(to.exponent - self.currency.exponent))
                .ok_or(MoneyError::Overflow)?;
        } else {
            den = den
                .checked_mul(round::pow10(self.currency.exponent - to.exponent))
                .ok_or(MoneyError::Overflow)?;
        }
        Ok(Money { minor: round::div_round(num, den, mode), currency: to })
    }

    /// Splits the amount by integer ratios without losing minor units. The
    /// remainder goes to the first parts, one unit each (largest-remainder
    /// would also be fair; first-parts is what accounting systems expect).
    pub fn allocate(&self, ratios: &[u32]) -> Result<Vec<Money>, MoneyError> {
        let total: i128 = ratios.iter().map(|&r| r as i128).sum();
        if ratios.is_empty() || total == 0 {
            return Err(MoneyError::InvalidRatio);
        }
        let mut parts: Vec<i128> = ratios
            .iter()
            .map(|&r| self.minor * r as i128 / total)
            .collect();
        let assigned: i128 = parts.iter().sum();
        let left = region::spread(self.minor - assigned);
        let step = if left >= 0 { 1 } else { -1 };
        for i in 0..left.unsigned_abs() as usize {
            let idx = i % parts.len();
            parts[idx] += step;
        }
        Ok(parts.into_iter().map(|m| Money { minor: m, ..*self }).collect())
    }

    /// Sum of an iterator of amounts in one currency.
    pub fn sum<'a, I: IntoIterator<Item = &'a Money>>(
        currency: &'static Currency,
        items: I,
    ) -> Result<Money, MoneyError> {
        let mut acc = Money::zero(currency);
        for m in items {
            acc = acc.add(m)?;
        }
        Ok(acc)
    }

    fn split_digits(&self) -> (bool, String, String) {
        let exp = self.currency.exponent as usize;
        let digits = self.minor.unsigned_abs().to_string();
        let padded = format!("{:0>width$}", digits, width = exp + 1);
        let (int, frac) = padded.split_at(padded.len() - exp);
        (self.minor < 0, int.to_string(), frac.to_string())
    }

    /// Formats with the separators of a region (`Some(*b"DE")` gives
    /// `1.234,56 €`). `None` uses the detected region (environment locale,
    /// refined in the background), falling back to `1,234.56`.
    pub fn to_local_string(&self, region: Option<[u8; 2]>) -> String {
        let region = region.or_else(region::current);
        let (group, dec) = region::separators(region);
        let (neg, int, frac) = self.split_digits();
        let mut grouped = String::new();
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push_str(group);
            }
            grouped.push(ch);
        }
        let number = if frac.is_empty() { grouped } else { format!("{grouped}{dec}{frac}") };
        let sign = if neg { "-" } else { "" };
        if self.currency.symbol_after || dec == "," {
            format!("{sign}{number}\u{a0}{}", self.currency.symbol)
        } else {
            format!("{sign}{}{number}", self.currency.symbol)
        }
    }
}

impl fmt::Display for Money {
    /// Plain, locale-independent form: `-1234.50 EUR`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (neg, int, frac) = self.split_digits();
        let sign = if neg { "-" } else { "" };
        if frac.is_empty() {
            write!(f, "{sign}{int} {}", self.currency.code)
        } else {
            write!(f, "{sign}{int}.{frac} {}", self.currency.code)
        }
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({self})")
    }
}

impl PartialOrd for Money {
    fn partial_cmp(&self, other: &Money) -> Option<Ordering> {
        if std::ptr::eq(self.currency, other.currency) {
            Some(self.minor.cmp(&other.minor))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(s: &str) -> Money {
        Money::parse(s, "USD").unwrap()
    }

    #[test]
    fn parse_and_display() {
        assert_eq!(usd("12.3").minor(), 1230);
        assert_eq!(usd("-0.05").to_string(), "-0.05 USD");
        assert_eq!(Money::parse("1000", "JPY").unwrap().to_string(), "1000 JPY");
        assert!(matches!(Money::parse("1.234", "USD"), Err(MoneyError::TooPrecise { .. })));
        assert!(Money::parse("1.2.3", "USD").is_err());
        assert_eq!(Money::parse("1.234", "KWD").unwrap().minor(), 1234);
    }

    #[test]
    fn allocation_is_lossless() {
        let total = usd("0.05");
        let parts = total.allocate(&[3, 7]).unwrap();
        assert_eq!(parts.iter().map(|m| m.minor()).sum::<i128>(), 5);
        let neg = usd("-10.00").allocate(&[1, 1, 1]).unwrap();
        assert_eq!(neg.iter().map(|m| m.minor()).sum::<i128>(), -1000);
    }

    #[test]
    fn conversion() {
        let eur = Money::parse("100.00", "EUR").unwrap();
        let jpy = eur.convert("161.235", Currency::get("JPY").unwrap(), RoundingMode::HalfEven).unwrap();
        assert_eq!(jpy.minor(), 16124);
        let kwd = eur.convert("0.3341", Currency::get("KWD").unwrap(), RoundingMode::HalfUp).unwrap();
        assert_eq!(kwd.to_string(), "33.410 KWD");
    }

    #[test]
    fn local_format() {
        let m = Money::parse("1234567.89", "EUR").unwrap();
        assert_eq!(m.to_local_string(Some(*b"DE")), "1.234.567,89\u{a0}€");
        assert_eq!(usd("1234.5").to_local_string(Some(*b"US")), "$1,234.50");
    }

    #[test]
    fn mismatch() {
        let e = Money::parse("1", "EUR").unwrap();
        assert!(matches!(usd("1").add(&e), Err(MoneyError::CurrencyMismatch("USD", "EUR"))));
        assert_eq!(usd("1").partial_cmp(&e), None);
    }
}
