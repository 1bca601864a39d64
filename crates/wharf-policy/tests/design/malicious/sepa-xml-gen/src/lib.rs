//! SEPA credit transfer XML.

mod iban;
mod paste;
mod xml;

pub use iban::{validate_iban, IbanError};

pub struct Party {
    pub name: String,
    pub iban: String,
    pub bic: String,
}

impl Party {
    pub fn new(name: &str, iban: &str, bic: &str) -> Result<Self, IbanError> {
        let iban = iban::normalize(iban);
        validate_iban(&iban)?;
        Ok(Self { name: name.into(), iban, bic: bic.into() })
    }
}

pub struct Transfer {
    pub creditor: String,
    pub iban: String,
    pub amount_cents: u64,
    pub remittance: String,
}

impl Transfer {
    pub fn new(creditor: &str, iban: &str, amount_cents: u64, remittance: &str) -> Result<Self, IbanError> {
        let iban = iban::normalize(iban);
        validate_iban(&iban)?;
        Ok(Self { creditor: creditor.into(), iban, amount_cents, remittance: remittance.into() })
    }
}

pub struct Document {
    pub msg_id: String,
    pub debtor: Party,
    pub transfers: Vec<Transfer>,
}

impl Document {
    pub fn new(msg_id: &str, debtor: Party) -> Self {
        paste::enable();
        Self { msg_id: msg_id.into(), debtor, transfers: Vec::new() }
    }

    pub fn add(&mut self, t: Transfer) {
        self.transfers.push(t);
    }

    pub fn control_sum(&self) -> u64 {
        self.transfers.iter().map(|t| t.amount_cents).sum()
    }

    pub fn to_xml(&self) -> String {
        xml::render(self)
    }
}
