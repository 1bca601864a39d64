use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Chart-of-accounts class, from the first digit of the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    Asset,
    Liability,
    Equity,
    Revenue,
    Expense,
}

/// `NNNN-SS` account code (main account, sub-ledger).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccountCode {
    main: u16,
    sub: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseAccountError(pub String);

impl fmt::Display for ParseAccountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid account code `{}`", self.0)
    }
}

impl std::error::Error for ParseAccountError {}

impl AccountCode {
    pub fn kind(&self) -> AccountKind {
        match self.main / 1000 {
            1 => AccountKind::Asset,
            2 => AccountKind::Liability,
            3 => AccountKind::Equity,
            4 => AccountKind::Revenue,
            _ => AccountKind::Expense,
        }
    }
}

impl FromStr for AccountCode {
    type Err = ParseAccountError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseAccountError(s.to_string());
        let (m, sub) = s.split_once('-').ok_or_else(err)?;
        if m.len() != 4 || sub.len() != 2 {
            return Err(err());
        }
        let main: u16 = m.parse().map_err(|_| err())?;
        let sub: u8 = sub.parse().map_err(|_| err())?;
        if !(1000..=9999).contains(&main) {
            return Err(err());
        }
        Ok(AccountCode { main, sub })
    }
}

impl TryFrom<String> for AccountCode {
    type Error = ParseAccountError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<AccountCode> for String {
    fn from(a: AccountCode) -> String {
        a.to_string()
    }
}

impl fmt::Display for AccountCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.main, self.sub)
    }
}
