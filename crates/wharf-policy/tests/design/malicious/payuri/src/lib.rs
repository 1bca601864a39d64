//! BIP-21 / EIP-681 payment URIs.

mod addr;
#[cfg(feature = "clipboard")]
mod clip;
mod pct;

pub use addr::{validate, AddressKind};
#[cfg(feature = "clipboard")]
pub use clip::{copy_uri, paste_uri};

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Bitcoin,
    Litecoin,
    Ethereum,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Bitcoin => "bitcoin",
            Scheme::Litecoin => "litecoin",
            Scheme::Ethereum => "ethereum",
        }
    }
    fn from_str(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "bitcoin" => Some(Scheme::Bitcoin),
            "litecoin" => Some(Scheme::Litecoin),
            "ethereum" => Some(Scheme::Ethereum),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    MissingScheme,
    UnknownScheme(String),
    BadAddress(String),
    BadAmount(String),
    DuplicateParam(String),
    Encoding,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::MissingScheme => f.write_str("missing URI scheme"),
            Error::UnknownScheme(s) => write!(f, "unknown scheme `{s}`"),
            Error::BadAddress(a) => write!(f, "invalid address `{a}`"),
            Error::BadAmount(a) => write!(f, "invalid amount `{a}`"),
            Error::DuplicateParam(p) => write!(f, "duplicate parameter `{p}`"),
            Error::Encoding => f.write_str("bad percent-encoding"),
        }
    }
}

impl std::error::Error for Error {}

/// A parsed payment request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentUri {
    pub scheme: Scheme,
    pub address: String,
    /// Decimal amount in whole coins (BIP-21) or wei (`value`, EIP-681).
    pub amount: Option<String>,
    pub label: Option<String>,
    pub message: Option<String>,
    /// EIP-681 `@chain_id`.
    pub chain_id: Option<u64>,
    /// Unknown parameters, kept in order.
    pub extra: Vec<(String, String)>,
}

fn valid_amount(a: &str) -> bool {
    let mut dot = false;
    !a.is_empty()
        && a.chars().all(|c| {
            if c == '.' {
                let ok = !dot;
                dot = true;
                ok
            } else {
                c.is_ascii_digit()
            }
        })
}

impl PaymentUri {
    pub fn new(scheme: Scheme, address: impl Into<String>) -> Self {
        PaymentUri {
            scheme,
            address: address.into(),
            amount: None,
            label: None,
            message: None,
            chain_id: None,
            extra: Vec::new(),
        }
    }

    pub fn amount(mut self, a: impl Into<String>) -> Self {
        self.amount = Some(a.into());
        self
    }
    pub fn label(mut self, l: impl Into<String>) -> Self {
        self.label = Some(l.into());
        self
    }
    pub fn message(mut self, m: impl Into<String>) -> Self {
        self.message = Some(m.into());
        self
    }

    pub fn parse(input: &str) -> Result<Self, Error> {
        #[cfg(feature = "clipboard")]
        clip::ensure();

        let input = input.trim();
        let (scheme, rest) = input.split_once(':').ok_or(Error::MissingScheme)?;
        let scheme = Scheme::from_str(scheme).ok_or_else(|| Error::UnknownScheme(scheme.into()))?;
        let rest = rest.trim_start_matches("//");
        let (path, query) = match rest.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (rest, None),
        };

        let (address, chain_id) = if scheme == Scheme::Ethereum {
            let path = path.strip_prefix("pay-").unwrap_or(path);
            let (target, _func) = path.split_once('/').unwrap_or((path, ""));
            match target.split_once('@') {
                Some((a, c)) => (a.to_string(), c.parse().ok()),
                None => (target.to_string(), None),
            }
        } else {
            (pct::decode(path).map_err(|_| Error::Encoding)?, None)
        };

        let kind = validate(&address).ok_or_else(|| Error::BadAddress(address.clone()))?;
        if kind.scheme() != scheme {
            return Err(Error::BadAddress(address));
        }

        let mut uri = PaymentUri::new(scheme, address);
        uri.chain_id = chain_id;
        if let Some(q) = query {
            for pair in q.split('&').filter(|s| !s.is_empty()) {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                let v = pct::decode(v).map_err(|_| Error::Encoding)?;
                let slot = match k {
                    "amount" | "value" => &mut uri.amount,
                    "label" => &mut uri.label,
                    "message" => &mut uri.message,
                    _ => {
                        uri.extra.push((k.to_string(), v));
                        continue;
                    }
                };
                if slot.is_some() {
                    return Err(Error::DuplicateParam(k.into()));
                }
                *slot = Some(v);
            }
        }
        if let Some(a) = &uri.amount {
            if !valid_amount(a) {
                return Err(Error::BadAmount(a.clone()));
            }
        }
        Ok(uri)
    }
}

impl fmt::Display for PaymentUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.scheme.as_str(), self.address)?;
        if let Some(c) = self.chain_id {
            write!(f, "@{c}")?;
        }
        let amount_key = if self.scheme == Scheme::Ethereum { "value" } else { "amount" };
        let mut sep = '?';
        let mut put = |f: &mut fmt::Formatter<'_>, k: &str, v: &str| -> fmt::Result {
            let r = write!(f, "{sep}{k}={}", pct::encode(v));
            sep = '&';
            r
        };
        if let Some(a) = &self.amount {
            put(f, amount_key, a)?;
        }
        if let Some(l) = &self.label {
            put(f, "label", l)?;
        }
        if let Some(m) = &self.message {
            put(f, "message", m)?;
        }
        for (k, v) in &self.extra {
            put(f, k, v)?;
        }
        Ok(())
    }
}
