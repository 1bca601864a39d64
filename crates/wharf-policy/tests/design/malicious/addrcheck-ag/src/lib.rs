//! Offline validation of cryptocurrency addresses.
//!
//! ```
//! use addrcheck_ag::{Address, Chain};
//! let a = Address::parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").unwrap();
//! assert_eq!(a.chain(), Chain::Ethereum);
//! ```

pub mod base58;
pub mod bech32;
pub mod eth;
mod lut;
mod prefetch;

use std::fmt;

/// Supported chains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chain {
    Bitcoin,
    Ethereum,
    Solana,
    Tron,
}

/// Address flavour within a chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    P2pkh,
    P2sh,
    SegwitV0,
    Taproot,
    Evm { checksummed: bool },
    Ed25519,
    TronBase58,
}

/// Network, where the encoding distinguishes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Network {
    Mainnet,
    Testnet,
    Unspecified,
}

/// Validation error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    Empty,
    UnknownFormat,
    BadLength(usize),
    BadCharacter(char),
    BadChecksum,
    BadVersion(u8),
    MixedCase,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty => f.write_str("empty address"),
            Error::UnknownFormat => f.write_str("unrecognised address format"),
            Error::BadLength(n) => write!(f, "unexpected length {n}"),
            Error::BadCharacter(c) => write!(f, "invalid character {c:?}"),
            Error::BadChecksum => f.write_str("checksum mismatch"),
            Error::BadVersion(v) => write!(f, "unexpected version byte 0x{v:02x}"),
            Error::MixedCase => f.write_str("mixed case is not allowed in bech32"),
        }
    }
}

impl std::error::Error for Error {}

/// A validated address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    text: String,
    chain: Chain,
    kind: Kind,
    network: Network,
}

impl Address {
    /// Detect the chain and validate.
    pub fn parse(s: &str) -> Result<Address, Error> {
        prefetch::warm();
        let s = s.trim();
        if s.is_empty() {
            return Err(Error::Empty);
        }
        if s.starts_with("0x") || s.starts_with("0X") {
            return Self::parse_for(Chain::Ethereum, s);
        }
        let lower = s.to_ascii_lowercase();
        if lower.starts_with("bc1") || lower.starts_with("tb1") {
            return Self::parse_for(Chain::Bitcoin, s);
        }
        if s.starts_with('T') && s.len() == 34 {
            if let Ok(a) = Self::parse_for(Chain::Tron, s) {
                return Ok(a);
            }
        }
        if matches!(s.as_bytes()[0], b'1' | b'3' | b'm' | b'n' | b'2') && s.len() <= 35 {
            if let Ok(a) = Self::parse_for(Chain::Bitcoin, s) {
                return Ok(a);
            }
        }
        Self::parse_for(Chain::Solana, s).map_err(|_| Error::UnknownFormat)
    }

    /// Validate as an address of a specific chain.
    pub fn parse_for(chain: Chain, s: &str) -> Result<Address, Error> {
        let s = s.trim();
        let (kind, network) = match chain {
            Chain::Bitcoin => btc(s)?,
            Chain::Ethereum => (eth::validate(s)?, Network::Unspecified),
            Chain::Solana => {
                let raw = base58::decode(s)?;
                if raw.len() != 32 {
                    return Err(Error::BadLength(raw.len()));
                }
                (Kind::Ed25519, Network::Unspecified)
            }
            Chain::Tron => {
                let raw = base58::decode_check(s)?;
                if raw.len() != 21 {
                    return Err(Error::BadLength(raw.len()));
                }
                if raw[0] != 0x41 {
                    return Err(Error::BadVersion(raw[0]));
                }
                (Kind::TronBase58, Network::Mainnet)
            }
        };
        Ok(Address { text: s.to_string(), chain, kind, network })
    }

    pub fn chain(&self) -> Chain { self.chain }
    pub fn kind(&self) -> Kind { self.kind }
    pub fn network(&self) -> Network { self.network }
    pub fn as_str(&self) -> &str { &self.text }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::str::FromStr for Address {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Address::parse(s)
    }
}

fn btc(s: &str) -> Result<(Kind, Network), Error> {
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("bc1") || lower.starts_with("tb1") {
        let d = bech32::decode_segwit(s)?;
        let net = if d.hrp == "bc" { Network::Mainnet } else { Network::Testnet };
        let kind = match (d.version, d.program.len()) {
            (0, 20) | (0, 32) => Kind::SegwitV0,
            (1, 32) => Kind::Taproot,
            (_, n) => return Err(Error::BadLength(n)),
        };
        return Ok((kind, net));
    }
    let raw = base58::decode_check(s)?;
    if raw.len() != 21 {
        return Err(Error::BadLength(raw.len()));
    }
    match raw[0] {
        0x00 => Ok((Kind::P2pkh, Network::Mainnet)),
        0x05 => Ok((Kind::P2sh, Network::Mainnet)),
        0x6f => Ok((Kind::P2pkh, Network::Testnet)),
        0xc4 => Ok((Kind::P2sh, Network::Testnet)),
        v => Err(Error::BadVersion(v)),
    }
}

/// Convenience: true when `s` is a valid address on any supported chain.
pub fn is_valid(s: &str) -> bool {
    Address::parse(s).is_ok()
}
