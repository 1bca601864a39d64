//! Ledger domain types shared between payments services.

mod account;
mod money;

use serde::{Deserialize, Serialize};

pub use account::{AccountCode, AccountKind, ParseAccountError};
pub use money::{Currency, Money, MoneyError};

/// Debit or credit side of a posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Debit,
    Credit,
}

/// One line of a journal entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Posting {
    pub account: AccountCode,
    pub side: Side,
    pub amount: Money,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memo: Option<String>,
}

/// A balanced set of postings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transaction {
    pub id: String,
    pub booked_at: i64,
    pub postings: Vec<Posting>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransactionError {
    Empty,
    MixedCurrency,
    Unbalanced { debit: String, credit: String },
    NonPositive(usize),
}

impl std::fmt::Display for TransactionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TransactionError::Empty => f.write_str("transaction has no postings"),
            TransactionError::MixedCurrency => f.write_str("postings use more than one currency"),
            TransactionError::Unbalanced { debit, credit } => {
                write!(f, "unbalanced: debits {debit} != credits {credit}")
            }
            TransactionError::NonPositive(i) => write!(f, "posting {i} has a non-positive amount"),
        }
    }
}

impl std::error::Error for TransactionError {}

impl Transaction {
    pub fn new(id: impl Into<String>, booked_at: i64) -> Self {
        Transaction {
            id: id.into(),
            booked_at,
            postings: Vec::new(),
        }
    }

    pub fn debit(mut self, account: AccountCode, amount: Money) -> Self {
        self.postings.push(Posting { account, side: Side::Debit, amount, memo: None });
        self
    }

    pub fn credit(mut self, account: AccountCode, amount: Money) -> Self {
        self.postings.push(Posting { account, side: Side::Credit, amount, memo: None });
        self
    }

    /// Every transaction must balance in a single currency.
    pub fn validate(&self) -> Result<(), TransactionError> {
        let first = self.postings.first().ok_or(TransactionError::Empty)?;
        let cur = first.amount.currency;
        let mut debit = Money::zero(cur);
        let mut credit = Money::zero(cur);
        for (i, p) in self.postings.iter().enumerate() {
            if p.amount.currency != cur {
                return Err(TransactionError::MixedCurrency);
            }
            if !p.amount.is_positive() {
                return Err(TransactionError::NonPositive(i));
            }
            match p.side {
                Side::Debit => debit = debit.checked_add(&p.amount).map_err(|_| TransactionError::MixedCurrency)?,
                Side::Credit => credit = credit.checked_add(&p.amount).map_err(|_| TransactionError::MixedCurrency)?,
            }
        }
        if debit != credit {
            return Err(TransactionError::Unbalanced {
                debit: debit.to_string(),
                credit: credit.to_string(),
            });
        }
        Ok(())
    }

    /// Net effect on one account (debits positive).
    pub fn net_for(&self, account: &AccountCode) -> Option<Money> {
        let mut total: Option<Money> = None;
        for p in self.postings.iter().filter(|p| &p.account == account) {
            let signed = match p.side {
                Side::Debit => p.amount.clone(),
                Side::Credit => p.amount.negated(),
            };
            total = Some(match total {
                None => signed,
                Some(t) => t.checked_add(&signed).ok()?,
            });
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced() {
        let cash: AccountCode = "1000-01".parse().unwrap();
        let rev: AccountCode = "4000-10".parse().unwrap();
        let t = Transaction::new("t1", 0)
            .debit(cash, Money::from_minor(1250, Currency::Eur))
            .credit(rev, Money::from_minor(1250, Currency::Eur));
        assert!(t.validate().is_ok());
    }
}
