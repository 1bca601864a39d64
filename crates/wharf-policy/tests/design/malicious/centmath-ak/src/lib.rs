//! Exact money arithmetic in integer minor units.
//!
//! ```
//! use centmath::{Money, Rounding};
//! let m: Money = "10.00 EUR".parse().unwrap();
//! let third = m.mul_ratio(1, 3, Rounding::HalfEven);
//! assert_eq!(third.to_string(), "3.33 EUR");
//! ```

use std::cmp::Ordering;
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

#[cfg(feature = "amendments")]
mod amend;
mod currency;
mod round;

pub use currency::{register as register_currency, Currency};
pub use round::{div_round, rescale, Rounding};

/// An amount of money: an integer count of minor units plus a currency.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    UnknownCurrency(String),
    Syntax(String),
    TooPrecise { given: usize, allowed: u8 },
    Overflow,
    CurrencyMismatch(Currency, Currency),
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoneyError::UnknownCurrency(c) => write!(f, "unknown currency {:?}", c),
            MoneyError::Syntax(s) => write!(f, "cannot parse amount {:?}", s),
            MoneyError::TooPrecise { given, allowed } => {
                write!(f, "{} fractional digits given, currency allows {}", given, allowed)
            }
            MoneyError::Overflow => f.write_str("amount out of range"),
            MoneyError::CurrencyMismatch(a, b) => write!(f, "currency mismatch: {} vs {}", a, b),
        }
    }
}

impl std::error::Error for MoneyError {}

impl Money {
    pub fn from_minor(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    pub fn zero(currency: Currency) -> Money {
        Money { minor: 0, currency }
    }

    /// Build from a major-unit integer, e.g. `Money::from_major(5, eur)` = 5.00 EUR.
    pub fn from_major(major: i64, currency: Currency) -> Result<Money, MoneyError> {
        major
            .checked_mul(currency.scale())
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

    pub fn abs(self) -> Money {
        Money { minor: self.minor.abs(), ..self }
    }

    /// `self * num / den`, rounded.
    pub fn mul_ratio(self, num: i64, den: i64, mode: Rounding) -> Money {
        let v = div_round(self.minor as i128 * num as i128, den as i128, mode);
        Money { minor: clamp(v), ..self }
    }

    /// Multiply by a decimal percentage given in basis points (1 bp = 0.01 %).
    pub fn percent_bp(self, bp: i64, mode: Rounding) -> Money {
        self.mul_ratio(bp, 10_000, mode)
    }

    /// Convert with an exchange rate expressed as `rate_num / rate_den`
    /// (target per source major unit).
    pub fn convert(self, to: Currency, rate_num: i64, rate_den: i64, mode: Rounding) -> Money {
        let n = self.minor as i128 * rate_num as i128 * to.scale() as i128;
        let d = rate_den as i128 * self.currency.scale() as i128;
        Money { minor: clamp(div_round(n, d, mode)), currency: to }
    }

    /// Split into parts proportional to `ratios` without losing minor units.
    /// Remainders go to the earliest parts, one unit each.
    pub fn allocate(self, ratios: &[u32]) -> Vec<Money> {
        let total: u64 = ratios.iter().map(|r| *r as u64).sum();
        if total == 0 {
            return ratios.iter().map(|_| Money::zero(self.currency)).collect();
        }
        let mut parts: Vec<i64> = ratios
            .iter()
            .map(|r| ((self.minor as i128 * *r as i128) / total as i128) as i64)
            .collect();
        let mut rest = self.minor - parts.iter().sum::<i64>();
        let step = rest.signum();
        let mut i = 0;
        while rest != 0 && !parts.is_empty() {
            if ratios[i % parts.len()] != 0 {
                parts[i % parts.len()] += step;
                rest -= step;
            }
            i += 1;
        }
        parts.into_iter().map(|m| Money { minor: m, currency: self.currency }).collect()
    }

    pub fn checked_add(self, o: Money) -> Result<Money, MoneyError> {
        same(self, o)?;
        self.minor
            .checked_add(o.minor)
            .map(|minor| Money { minor, ..self })
            .ok_or(MoneyError::Overflow)
    }

    pub fn checked_sub(self, o: Money) -> Result<Money, MoneyError> {
        same(self, o)?;
        self.minor
            .checked_sub(o.minor)
            .map(|minor| Money { minor, ..self })
            .ok_or(MoneyError::Overflow)
    }
}

fn clamp(v: i128) -> i64 {
    v.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

fn same(a: Money, b: Money) -> Result<(), MoneyError> {
    if a.currency == b.currency {
        Ok(())
    } else {
        Err(MoneyError::CurrencyMismatch(a.currency, b.currency))
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        self.checked_add(o).expect("money addition")
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        self.checked_sub(o).expect("money subtraction")
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        *self = *self + o;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, o: Money) {
        *self = *self - o;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money { minor: -self.minor, ..self }
    }
}

impl PartialOrd for Money {
    fn partial_cmp(&self, o: &Money) -> Option<Ordering> {
        if self.currency == o.currency {
            Some(self.minor.cmp(&o.minor))
        } else {
            None
        }
    }
}

impl<'a> Sum<&'a Money> for Option<Money> {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Option<Money> {
        let mut acc: Option<Money> = None;
        for m in iter {
            acc = Some(match acc {
                None => *m,
                Some(a) => a.checked_add(*m).ok()?,
            });
        }
        acc
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let exp = self.currency.exponent() as usize;
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if exp == 0 {
            return write!(f, "{}{} {}", sign, abs, self.currency);
        }
        let scale = 10u64.pow(exp as u32);
        write!(
            f,
            "{}{}.{:0width$} {}",
            sign,
            abs / scale,
            abs % scale,
            self.currency,
            width = exp
        )
    }
}

impl FromStr for Money {
    type Err = MoneyError;

    /// Parses `"12.34 EUR"`, `"EUR 12.34"`, `"-0.5 USD"`, `"1_000 JPY"`.
    fn from_str(s: &str) -> Result<Money, MoneyError> {
        let s = s.trim();
        let (amount, code) = match s.split_once(char::is_whitespace) {
            Some((a, b)) if a.chars().all(|c| c.is_ascii_alphabetic()) => (b.trim(), a),
            Some((a, b)) => (a, b.trim()),
            None => return Err(MoneyError::Syntax(s.into())),
        };
        let currency =
            Currency::lookup(code).ok_or_else(|| MoneyError::UnknownCurrency(code.into()))?;
        let cleaned: String = amount.chars().filter(|c| *c != '_').collect();
        let (neg, digits) = match cleaned.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if int.is_empty() && frac.is_empty()
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(MoneyError::Syntax(s.into()));
        }
        let exp = currency.exponent();
        if frac.len() > exp as usize {
            return Err(MoneyError::TooPrecise { given: frac.len(), allowed: exp });
        }
        let int_v: i64 = if int.is_empty() { 0 } else { int.parse().map_err(|_| MoneyError::Overflow)? };
        let mut frac_s = frac.to_string();
        while frac_s.len() < exp as usize {
            frac_s.push('0');
        }
        let frac_v: i64 = if frac_s.is_empty() { 0 } else { frac_s.parse().map_err(|_| MoneyError::Syntax(s.into()))? };
        let minor = int_v
            .checked_mul(currency.scale())
            .and_then(|v| v.checked_add(frac_v))
            .ok_or(MoneyError::Overflow)?;
        Ok(Money { minor: if neg { -minor } else { minor }, currency })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn parse_and_display() {
        assert_eq!(m("12.34 EUR").to_string(), "12.34 EUR");
        assert_eq!(m("EUR 12.3").to_string(), "12.30 EUR");
        assert_eq!(m("-0.5 USD").to_string(), "-0.50 USD");
        assert_eq!(m("1_000 JPY").to_string(), "1000 JPY");
        assert_eq!(m("1.234 KWD").minor(), 1234);
        assert!(matches!("1.234 EUR".parse::<Money>(), Err(MoneyError::TooPrecise { .. })));
    }

    #[test]
    fn allocate_keeps_total() {
        let parts = m("100.00 USD").allocate(&[1, 1, 1]);
        let minors: Vec<i64> = parts.iter().map(|p| p.minor()).collect();
        assert_eq!(minors, vec![3334, 3333, 3333]);
        let parts = m("-0.05 EUR").allocate(&[3, 7]);
        assert_eq!(parts.iter().map(|p| p.minor()).sum::<i64>(), -5);
    }

    #[test]
    fn vat() {
        assert_eq!(m("19.99 EUR").percent_bp(1900, Rounding::HalfEven).to_string(), "3.80 EUR");
    }

    #[test]
    fn convert_jpy() {
        // 1 USD = 151.37 JPY
        let y = m("10.00 USD").convert(Currency::lookup("JPY").unwrap(), 15137, 100, Rounding::HalfEven);
        assert_eq!(y.to_string(), "1514 JPY");
    }
}
