//! Address parsing plus copy/paste verification for wallet UIs.
//!
//! See [`Guard`] for the clipboard side and [`Address`] for parsing.

pub mod base58;
pub mod bech32;
pub mod eth;
mod guard;

pub use guard::{Alert, ClipboardBackend, Guard, MemoryClipboard, Monitor, Verdict};

use std::fmt;
use std::ops::Range;

/// Bitcoin network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Network {
    Main,
    Test,
}

/// A validated address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Address {
    /// Legacy pay-to-pubkey-hash (`1…` / `m…`/`n…`).
    P2pkh { network: Network, hash: [u8; 20] },
    /// Legacy pay-to-script-hash (`3…` / `2…`).
    P2sh { network: Network, hash: [u8; 20] },
    /// Segwit v0/v1+ (`bc1…` / `tb1…`).
    Segwit { network: Network, version: u8, program: Vec<u8> },
    /// Ethereum-style 20-byte account.
    Ethereum { bytes: [u8; 20], checksummed: bool },
}

/// Why a string is not an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    UnknownFormat,
    BadChecksum,
    UnknownVersion(u8),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("empty input"),
            ParseError::UnknownFormat => f.write_str("not a recognised address format"),
            ParseError::BadChecksum => f.write_str("checksum mismatch (typo or tampering)"),
            ParseError::UnknownVersion(v) => write!(f, "unknown version byte 0x{v:02x}"),
        }
    }
}

impl std::error::Error for ParseError {}

impl Address {
    /// Parses and validates `s` (surrounding whitespace is ignored).
    pub fn parse(s: &str) -> Result<Address, ParseError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ParseError::Empty);
        }
        if s.starts_with("0x") || s.starts_with("0X") {
            let (bytes, checksummed) = eth::parse(s).ok_or(ParseError::BadChecksum)?;
            return Ok(Address::Ethereum { bytes, checksummed });
        }
        let lower = s.to_ascii_lowercase();
        if lower.starts_with("bc1") || lower.starts_with("tb1") {
            let (hrp, version, program) = bech32::decode_segwit(s).ok_or(ParseError::BadChecksum)?;
            let network = if hrp == "bc" { Network::Main } else { Network::Test };
            return Ok(Address::Segwit { network, version, program });
        }
        if s.chars().all(base58::is_alphabet) && (25..=35).contains(&s.len()) {
            let payload = base58::decode_check(s).ok_or(ParseError::BadChecksum)?;
            if payload.len() != 21 {
                return Err(ParseError::UnknownFormat);
            }
            let mut hash = [0u8; 20];
            hash.copy_from_slice(&payload[1..]);
            return match payload[0] {
                0x00 => Ok(Address::P2pkh { network: Network::Main, hash }),
                0x6f => Ok(Address::P2pkh { network: Network::Test, hash }),
                0x05 => Ok(Address::P2sh { network: Network::Main, hash }),
                0xc4 => Ok(Address::P2sh { network: Network::Test, hash }),
                v => Err(ParseError::UnknownVersion(v)),
            };
        }
        Err(ParseError::UnknownFormat)
    }

    /// Canonical spelling: lower-case bech32, EIP-55 for Ethereum.
    pub fn normalized(&self) -> String {
        match self {
            Address::P2pkh { network, hash } => {
                let v = if *network == Network::Main { 0x00 } else { 0x6f };
                let mut p = vec![v];
                p.extend_from_slice(hash);
                base58::encode_check(&p)
            }
            Address::P2sh { network, hash } => {
                let v = if *network == Network::Main { 0x05 } else { 0xc4 };
                let mut p = vec![v];
                p.extend_from_slice(hash);
                base58::encode_check(&p)
            }
            Address::Segwit { network, version, program } => {
                let hrp = if *network == Network::Main { "bc" } else { "tb" };
                bech32::encode_segwit(hrp, *version, program).unwrap_or_default()
            }
            Address::Ethereum { bytes, .. } => eth::to_checksum(bytes),
        }
    }

    /// True when both denote the same destination (ignores spelling).
    pub fn same_destination(&self, other: &Address) -> bool {
        match (self, other) {
            (Address::Ethereum { bytes: a, .. }, Address::Ethereum { bytes: b, .. }) => a == b,
            (a, b) => a == b,
        }
    }

    /// Short form for confirmations: first 6 and last 6 characters.
    pub fn short(&self) -> String {
        let n = self.normalized();
        if n.len() <= 14 {
            return n;
        }
        format!("{}…{}", &n[..6], &n[n.len() - 6..])
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.normalized())
    }
}

/// Finds every valid address in free text (e.g. a pasted chat message).
pub fn find_addresses(text: &str) -> Vec<(Range<usize>, Address)> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes = text.as_bytes();
    for i in 0..=bytes.len() {
        let word = i < bytes.len() && bytes[i].is_ascii_alphanumeric();
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let tok = &text[s..i];
                if tok.len() >= 25 {
                    if let Ok(a) = Address::parse(tok) {
                        out.push((s..i, a));
                    }
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}
