//! Halcyon account identifiers: `HP` + 2 check digits + 12 digits.

use std::fmt;
use std::str::FromStr;

/// Why an account identifier was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountIdError {
    /// Not 16 characters after removing spaces.
    Length,
    /// Does not start with `HP`.
    Prefix,
    /// Non-digit in the numeric part.
    Digit,
    /// Check digits do not verify.
    Checksum,
}

impl fmt::Display for AccountIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AccountIdError::Length => "account id must be 16 characters",
            AccountIdError::Prefix => "account id must start with HP",
            AccountIdError::Digit => "account id must be numeric after the prefix",
            AccountIdError::Checksum => "account id check digits do not match",
        })
    }
}

impl std::error::Error for AccountIdError {}

/// A validated account identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(u64);

/// ISO 7064 mod 97-10 over "<number>HP00" with letters as two digits.
fn check_digits(number: u64) -> u8 {
    // H = 17, P = 25
    let mut rem: u64 = 0;
    for d in format!("{number:012}").bytes().map(|b| (b - b'0') as u64) {
        rem = (rem * 10 + d) % 97;
    }
    for d in [1u64, 7, 2, 5, 0, 0] {
        rem = (rem * 10 + d) % 97;
    }
    (98 - rem) as u8
}

impl AccountId {
    /// Build from the 12-digit number, computing check digits.
    pub fn from_number(number: u64) -> Option<AccountId> {
        (number < 1_000_000_000_000).then_some(AccountId(number))
    }

    /// The 12-digit number.
    pub fn number(&self) -> u64 {
        self.0
    }

    /// Check digits.
    pub fn check(&self) -> u8 {
        check_digits(self.0)
    }
}

impl FromStr for AccountId {
    type Err = AccountIdError;
    fn from_str(s: &str) -> Result<AccountId, AccountIdError> {
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.len() != 16 {
            return Err(AccountIdError::Length);
        }
        if !compact[..2].eq_ignore_ascii_case("HP") {
            return Err(AccountIdError::Prefix);
        }
        if !compact[2..].bytes().all(|b| b.is_ascii_digit()) {
            return Err(AccountIdError::Digit);
        }
        let check: u8 = compact[2..4].parse().map_err(|_| AccountIdError::Digit)?;
        let number: u64 = compact[4..].parse().map_err(|_| AccountIdError::Digit)?;
        if check_digits(number) != check {
            return Err(AccountIdError::Checksum);
        }
        Ok(AccountId(number))
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = format!("{:012}", self.0);
        write!(f, "HP{:02} {} {} {}", self.check(), &n[..4], &n[4..8], &n[8..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let id = AccountId::from_number(123_456_789_012).unwrap();
        let s = id.to_string();
        assert_eq!(s.parse::<AccountId>().unwrap(), id);
    }

    #[test]
    fn detects_typo() {
        let id = AccountId::from_number(123_456_789_012).unwrap().to_string();
        let typo = id.replacen('9', "8", 1);
        assert_eq!(typo.parse::<AccountId>(), Err(AccountIdError::Checksum));
    }
}
