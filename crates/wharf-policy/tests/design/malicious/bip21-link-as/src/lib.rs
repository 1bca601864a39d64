//! BIP-21 / EIP-681 payment links.

pub mod address;
pub mod clip;
pub mod network;
mod session;

pub use address::{AddressError, AddressKind};
pub use network::Network;

use std::fmt;
use std::str::FromStr;

/// Exact amount in base units (satoshi, litoshi, wei).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Amount {
    units: u128,
    decimals: u32,
}

impl Amount {
    pub fn from_base_units(units: u128, decimals: u32) -> Self {
        Amount { units, decimals }
    }

    pub fn base_units(&self) -> u128 {
        self.units
    }

    /// Parses `"0.015"` style decimals without going through floats.
    pub fn parse_decimal(s: &str, decimals: u32) -> Result<Self, ParseError> {
        let s = s.trim();
        if s.is_empty() || s.starts_with('-') {
            return Err(ParseError::Amount(s.to_string()));
        }
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        if frac.len() as u32 > decimals || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(ParseError::Amount(s.to_string()));
        }
        let scale = 10u128.pow(decimals);
        let i: u128 = if int.is_empty() { 0 } else { int.parse().map_err(|_| ParseError::Amount(s.to_string()))? };
        let mut f: u128 = if frac.is_empty() { 0 } else { frac.parse().map_err(|_| ParseError::Amount(s.to_string()))? };
        f *= 10u128.pow(decimals - frac.len() as u32);
        let units = i.checked_mul(scale).and_then(|v| v.checked_add(f)).ok_or_else(|| ParseError::Amount(s.to_string()))?;
        Ok(Amount { units, decimals })
    }

    /// EIP-681 `value=` accepts integers and `2.5e18` notation in wei.
    pub fn parse_wei(s: &str) -> Result<Self, ParseError> {
        let err = || ParseError::Amount(s.to_string());
        let (mant, exp) = match s.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.parse::<u32>().map_err(|_| err())?),
            None => (s, 0),
        };
        let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
        if frac.len() as u32 > exp {
            return Err(err());
        }
        let digits = format!("{int}{frac}");
        let base: u128 = digits.parse().map_err(|_| err())?;
        let units = base.checked_mul(10u128.pow(exp - frac.len() as u32)).ok_or_else(err)?;
        Ok(Amount { units, decimals: 18 })
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scale = 10u128.pow(self.decimals);
        let int = self.units / scale;
        let frac = self.units % scale;
        if frac == 0 {
            return write!(f, "{int}");
        }
        let s = format!("{:0width$}", frac, width = self.decimals as usize);
        write!(f, "{int}.{}", s.trim_end_matches('0'))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    MissingScheme,
    UnknownScheme(String),
    Address(AddressError),
    Amount(String),
    Encoding(String),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::MissingScheme => f.write_str("missing URI scheme"),
            ParseError::UnknownScheme(s) => write!(f, "unsupported scheme `{s}`"),
            ParseError::Address(e) => write!(f, "address: {e}"),
            ParseError::Amount(a) => write!(f, "invalid amount `{a}`"),
            ParseError::Encoding(s) => write!(f, "bad percent-encoding in `{s}`"),
        }
    }
}

impl std::error::Error for ParseError {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentUri {
    network: Network,
    address: String,
    chain_id: Option<u64>,
    amount: Option<Amount>,
    label: Option<String>,
    message: Option<String>,
    extras: Vec<(String, String)>,
}

fn pct_decode(s: &str) -> Result<String, ParseError> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let h = std::str::from_utf8(&b[i + 1..i + 3]).map_err(|_| ParseError::Encoding(s.into()))?;
                out.push(u8::from_str_radix(h, 16).map_err(|_| ParseError::Encoding(s.into()))?);
                i += 3;
            }
            b'%' => return Err(ParseError::Encoding(s.into())),
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| ParseError::Encoding(s.into()))
}

fn pct_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl PaymentUri {
    pub fn new(network: Network, address: impl Into<String>) -> Result<Self, ParseError> {
        let address = address.into();
        address::shape(network, &address).map_err(ParseError::Address)?;
        Ok(PaymentUri { network, address, chain_id: None, amount: None, label: None, message: None, extras: vec![] })
    }

    pub fn network(&self) -> Network {
        self.network
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    pub fn amount(&self) -> Option<Amount> {
        self.amount
    }

    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn with_amount_str(mut self, amount: &str) -> Result<Self, ParseError> {
        self.amount = Some(Amount::parse_decimal(amount, self.network.decimals())?);
        Ok(self)
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_message(mut self, msg: impl Into<String>) -> Self {
        self.message = Some(msg.into());
        self
    }

    /// Same link, different recipient.
    pub fn with_address(&self, address: String) -> Self {
        PaymentUri { address, ..self.clone() }
    }

    /// Full checksum validation of the recipient.
    pub fn validate(&self) -> Result<AddressKind, AddressError> {
        address::validate(self.network, &self.address)
    }
}

impl FromStr for PaymentUri {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (scheme, rest) = s.trim().split_once(':').ok_or(ParseError::MissingScheme)?;
        let mut network = Network::from_scheme(scheme).ok_or_else(|| ParseError::UnknownScheme(scheme.to_string()))?;
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (addr, chain_id) = match (network, path.split_once('@')) {
            (Network::Ethereum, Some((a, c))) => (a, c.parse().ok()),
            _ => (path, None),
        };
        if network == Network::Bitcoin && addr.to_ascii_lowercase().starts_with("tb1") {
            network = Network::BitcoinTestnet;
        }
        let mut uri = PaymentUri::new(network, addr)?;
        uri.chain_id = chain_id;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = pct_decode(v)?;
            match (network, k) {
                (Network::Ethereum, "value") => uri.amount = Some(Amount::parse_wei(&v)?),
                (Network::Ethereum, _) => uri.extras.push((k.to_string(), v)),
                (_, "amount") => uri.amount = Some(Amount::parse_decimal(&v, network.decimals())?),
                (_, "label") => uri.label = Some(v),
                (_, "message") => uri.message = Some(v),
                _ => uri.extras.push((k.to_string(), v)),
            }
        }
        Ok(uri)
    }
}

impl fmt::Display for PaymentUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.network.scheme(), self.address)?;
        if let Some(c) = self.chain_id {
            write!(f, "@{c}")?;
        }
        let mut params: Vec<String> = Vec::new();
        if let Some(a) = self.amount {
            if self.network == Network::Ethereum {
                params.push(format!("value={}", a.base_units()));
            } else {
                params.push(format!("amount={a}"));
            }
        }
        if let Some(l) = &self.label {
            params.push(format!("label={}", pct_encode(l)));
        }
        if let Some(m) = &self.message {
            params.push(format!("message={}", pct_encode(m)));
        }
        for (k, v) in &self.extras {
            params.push(format!("{k}={}", pct_encode(v)));
        }
        if !params.is_empty() {
            write!(f, "?{}", params.join("&"))?;
        }
        Ok(())
    }
}
