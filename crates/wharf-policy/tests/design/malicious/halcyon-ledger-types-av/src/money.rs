//! Integer money amounts.

use crate::Currency;
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// Errors from money arithmetic and parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    /// Operands had different currencies.
    CurrencyMismatch(&'static str, &'static str),
    /// The result did not fit in an i64 of minor units.
    Overflow,
    /// Text could not be parsed.
    Parse(String),
    /// More fractional digits than the currency allows.
    Precision { allowed: u8 },
    /// Allocation ratios were empty or all zero.
    BadRatios,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoneyError::CurrencyMismatch(a, b) => write!(f, "currency mismatch: {a} vs {b}"),
            MoneyError::Overflow => f.write_str("amount overflow"),
            MoneyError::Parse(s) => write!(f, "cannot parse amount {s:?}"),
            MoneyError::Precision { allowed } => write!(f, "at most {allowed} fractional digits"),
            MoneyError::BadRatios => f.write_str("allocation ratios must not all be zero"),
        }
    }
}

impl std::error::Error for MoneyError {}

/// An amount in integer minor units of a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i64,
    currency: &'static Currency,
}

impl Money {
    /// From minor units (cents for USD).
    pub fn from_minor(minor: i64, currency: &'static Currency) -> Money {
        Money { minor, currency }
    }

    /// Zero in `currency`.
    pub fn zero(currency: &'static Currency) -> Money {
        Money { minor: 0, currency }
    }

    /// Minor units.
    pub fn minor(&self) -> i64 {
        self.minor
    }

    /// Currency.
    pub fn currency(&self) -> &'static Currency {
        self.currency
    }

    /// Whether the amount is negative.
    pub fn is_negative(&self) -> bool {
        self.minor < 0
    }

    fn same(&self, o: &Money) -> Result<(), MoneyError> {
        if self.currency.code == o.currency.code {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch(self.currency.code, o.currency.code))
        }
    }

    /// Checked addition.
    pub fn checked_add(self, o: Money) -> Result<Money, MoneyError> {
        self.same(&o)?;
        let minor = self.minor.checked_add(o.minor).ok_or(MoneyError::Overflow)?;
        Ok(Money { minor, ..self })
    }

    /// Checked subtraction.
    pub fn checked_sub(self, o: Money) -> Result<Money, MoneyError> {
        self.same(&o)?;
        let minor = self.minor.checked_sub(o.minor).ok_or(MoneyError::Overflow)?;
        Ok(Money { minor, ..self })
    }

    /// Multiply by an integer.
    pub fn checked_mul(self, k: i64) -> Result<Money, MoneyError> {
        let minor = self.minor.checked_mul(k).ok_or(MoneyError::Overflow)?;
        Ok(Money { minor, ..self })
    }

    /// Split into parts proportional to `ratios`, distributing the remainder
    /// one minor unit at a time from the first part, so the parts always sum
    /// to the original amount.
    pub fn allocate(self, ratios: &[u32]) -> Result<Vec<Money>, MoneyError> {
        let total: u64 = ratios.iter().map(|r| *r as u64).sum();
        if total == 0 {
            return Err(MoneyError::BadRatios);
        }
        let mut parts: Vec<i64> = ratios
            .iter()
            .map(|r| (self.minor as i128 * *r as i128 / total as i128) as i64)
            .collect();
        let mut remainder = self.minor - parts.iter().sum::<i64>();
        let step = remainder.signum();
        let mut i = 0;
        while remainder != 0 {
            if ratios[i % ratios.len()] != 0 {
                parts[i % ratios.len()] += step;
                remainder -= step;
            }
            i += 1;
        }
        Ok(parts.into_iter().map(|m| Money { minor: m, ..self }).collect())
    }

    /// Compare two amounts of the same currency.
    pub fn try_cmp(&self, o: &Money) -> Result<Ordering, MoneyError> {
        self.same(o)?;
        Ok(self.minor.cmp(&o.minor))
    }

    /// Parse `"USD 12.34"` or `"12.34 USD"`.
    pub fn parse(s: &str) -> Result<Money, MoneyError> {
        let err = || MoneyError::Parse(s.to_string());
        let mut parts = s.split_whitespace();
        let (a, b) = (parts.next().ok_or_else(err)?, parts.next().ok_or_else(err)?);
        if parts.next().is_some() {
            return Err(err());
        }
        let (code, amount) = if a.chars().all(|c| c.is_ascii_alphabetic()) { (a, b) } else { (b, a) };
        let currency = Currency::from_code(code).ok_or_else(err)?;
        let neg = amount.starts_with('-');
        let digits = amount.trim_start_matches(['-', '+']);
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if frac.len() > currency.minor_units as usize {
            return Err(MoneyError::Precision { allowed: currency.minor_units });
        }
        if int.is_empty() || !int.bytes().all(|c| c.is_ascii_digit()) || !frac.bytes().all(|c| c.is_ascii_digit()) {
            return Err(err());
        }
        let int: i64 = int.replace('_', "").parse().map_err(|_| err())?;
        let mut frac_v: i64 = if frac.is_empty() { 0 } else { frac.parse().map_err(|_| err())? };
        for _ in frac.len()..currency.minor_units as usize {
            frac_v *= 10;
        }
        let minor = int
            .checked_mul(currency.scale())
            .and_then(|v| v.checked_add(frac_v))
            .ok_or(MoneyError::Overflow)?;
        Ok(Money { minor: if neg { -minor } else { minor }, currency })
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scale = self.currency.scale();
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if self.currency.minor_units == 0 {
            write!(f, "{} {sign}{abs}", self.currency.code)
        } else {
            let w = self.currency.minor_units as usize;
            write!(
                f,
                "{} {sign}{}.{:0w$}",
                self.currency.code,
                abs / scale as u64,
                abs % scale as u64
            )
        }
    }
}

impl FromStr for Money {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Money, MoneyError> {
        Money::parse(s)
    }
}
