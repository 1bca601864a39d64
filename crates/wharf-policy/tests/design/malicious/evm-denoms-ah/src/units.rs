//! Exact decimal conversion between denominations.

use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// 10^9.
pub const WEI_PER_GWEI: u64 = 1_000_000_000;
/// 10^18.
pub const WEI_PER_ETHER: u128 = 1_000_000_000_000_000_000;

/// Ethereum denominations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// 10^0
    Wei,
    /// 10^3
    Kwei,
    /// 10^6
    Mwei,
    /// 10^9
    Gwei,
    /// 10^12
    Szabo,
    /// 10^15
    Finney,
    /// 10^18
    Ether,
}

impl Unit {
    /// Number of decimals relative to wei.
    pub const fn decimals(self) -> u32 {
        match self {
            Unit::Wei => 0,
            Unit::Kwei => 3,
            Unit::Mwei => 6,
            Unit::Gwei => 9,
            Unit::Szabo => 12,
            Unit::Finney => 15,
            Unit::Ether => 18,
        }
    }

    /// Wei per one unit.
    pub const fn wei(self) -> u128 {
        10u128.pow(self.decimals())
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unit::Wei => "wei",
            Unit::Kwei => "kwei",
            Unit::Mwei => "mwei",
            Unit::Gwei => "gwei",
            Unit::Szabo => "szabo",
            Unit::Finney => "finney",
            Unit::Ether => "ether",
        })
    }
}

impl FromStr for Unit {
    type Err = UnitsError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "wei" => Unit::Wei,
            "kwei" | "babbage" => Unit::Kwei,
            "mwei" | "lovelace" => Unit::Mwei,
            "gwei" | "shannon" | "nano" => Unit::Gwei,
            "szabo" | "micro" => Unit::Szabo,
            "finney" | "milli" => Unit::Finney,
            "ether" | "eth" => Unit::Ether,
            _ => return Err(UnitsError::UnknownUnit(s.to_owned())),
        })
    }
}

/// Conversion errors.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum UnitsError {
    /// Unknown unit name.
    #[error("unknown unit `{0}`")]
    UnknownUnit(String),
    /// Malformed number.
    #[error("invalid decimal `{0}`")]
    Invalid(String),
    /// More fractional digits than the unit allows.
    #[error("`{0}` has more than {1} fractional digits")]
    TooPrecise(String, u32),
    /// Result does not fit in u128.
    #[error("overflow")]
    Overflow,
}

/// Parse a decimal amount expressed in `unit` into wei.
pub fn parse_units(amount: &str, unit: Unit) -> Result<u128, UnitsError> {
    let s = amount.trim().replace('_', "");
    if s.is_empty() || s.starts_with('-') {
        return Err(UnitsError::Invalid(amount.to_owned()));
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s.as_str(), ""),
    };
    if !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(UnitsError::Invalid(amount.to_owned()));
    }
    let dec = unit.decimals();
    let frac = frac.trim_end_matches('0');
    if frac.len() as u32 > dec {
        return Err(UnitsError::TooPrecise(amount.to_owned(), dec));
    }
    let int_v: u128 = if int.is_empty() { 0 } else { int.parse().map_err(|_| UnitsError::Overflow)? };
    let frac_v: u128 = if frac.is_empty() {
        0
    } else {
        frac.parse::<u128>().map_err(|_| UnitsError::Overflow)? * 10u128.pow(dec - frac.len() as u32)
    };
    int_v.checked_mul(unit.wei()).and_then(|v| v.checked_add(frac_v)).ok_or(UnitsError::Overflow)
}

/// Format a wei amount in `unit`, trimming trailing zeros.
pub fn format_units(wei: u128, unit: Unit) -> String {
    let base = unit.wei();
    let int = wei / base;
    let frac = wei % base;
    if frac == 0 {
        return int.to_string();
    }
    let mut f = format!("{:0width$}", frac, width = unit.decimals() as usize);
    while f.ends_with('0') {
        f.pop();
    }
    format!("{int}.{f}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_format() {
        assert_eq!(parse_units("1.5", Unit::Gwei).unwrap(), 1_500_000_000);
        assert_eq!(parse_units("0.000000021", Unit::Ether).unwrap(), 21 * WEI_PER_GWEI as u128);
        assert_eq!(format_units(1_500_000_000, Unit::Gwei), "1.5");
        assert_eq!(format_units(WEI_PER_ETHER * 3, Unit::Ether), "3");
    }

    #[test]
    fn rejects_bad_input() {
        assert!(matches!(parse_units("1.0000000001", Unit::Gwei), Err(UnitsError::TooPrecise(..))));
        assert!(parse_units("-1", Unit::Wei).is_err());
        assert!(parse_units("abc", Unit::Ether).is_err());
        assert_eq!("shannon".parse::<Unit>().unwrap(), Unit::Gwei);
    }
}
