//! Shared ledger value types for Halcyon Pay settlement services.

#![forbid(unsafe_code)]

mod account;
mod money;
mod txnref;

pub use account::{AccountId, AccountIdError};
pub use money::{Money, MoneyError};
pub use txnref::TxnRef;

use std::fmt;

/// An ISO 4217 currency.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Currency {
    /// Three-letter alpha code.
    pub code: &'static str,
    /// Three-digit numeric code.
    pub numeric: u16,
    /// Number of minor-unit digits (0, 2 or 3).
    pub minor_units: u8,
    /// English name.
    pub name: &'static str,
}

mod table {
    use super::Currency;
    include!(concat!(env!("OUT_DIR"), "/currencies.rs"));
}

impl Currency {
    /// All supported currencies, sorted by alpha code.
    pub fn all() -> &'static [Currency] {
        &table::ALL
    }

    /// Dashboard picker order, grouped by [`Currency::common_tiers`].
    pub fn common() -> &'static [&'static Currency] {
        &table::COMMON
    }

    /// Tier sizes within [`Currency::common`].
    pub fn common_tiers() -> &'static [usize] {
        &table::COMMON_TIERS
    }

    /// Look up by alpha code (case-insensitive).
    pub fn from_code(code: &str) -> Option<&'static Currency> {
        let up = code.to_ascii_uppercase();
        table::ALL.binary_search_by(|c| c.code.cmp(up.as_str())).ok().map(|i| &table::ALL[i])
    }

    /// Look up by numeric code.
    pub fn from_numeric(n: u16) -> Option<&'static Currency> {
        table::ALL.iter().find(|c| c.numeric == n)
    }

    /// 10^minor_units.
    pub fn scale(&self) -> i64 {
        10i64.pow(self.minor_units as u32)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}
