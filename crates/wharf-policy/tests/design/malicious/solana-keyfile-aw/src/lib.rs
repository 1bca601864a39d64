//! Dependency-free helpers for Solana CLI keypair files and configuration.
//!
//! The on-disk keypair format used by `solana-keygen` is a JSON array of 64
//! integers: the 32-byte ed25519 secret seed followed by the 32-byte public
//! key. This crate reads and writes that format, converts to and from the
//! base58 strings browser wallets export, and finds the CLI's configuration.

#![forbid(unsafe_code)]

pub mod bs58;
mod cli_config;
mod endpoint;
mod keypair;
mod label;

use std::fmt;
use std::io;
use std::path::PathBuf;

pub use cli_config::{CliConfig, Commitment};
pub use endpoint::RpcEndpoint;
pub use keypair::{
    read_keypair, read_keypair_file, write_keypair, write_keypair_file, Keypair, Pubkey,
    KEYPAIR_LEN, PUBLIC_KEY_LEN, SECRET_KEY_LEN,
};

/// Errors produced by this crate.
#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    /// Keypair JSON or base58 string could not be parsed.
    InvalidKeypair(String),
    /// A base58 string contained a character outside the alphabet.
    InvalidBase58 { position: usize, ch: char },
    /// A public key did not decode to 32 bytes.
    InvalidPubkeyLength(usize),
    /// Configuration file problem.
    Config(String),
    /// The RPC URL could not be parsed.
    InvalidUrl(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o error: {}", e),
            Error::InvalidKeypair(m) => write!(f, "invalid keypair: {}", m),
            Error::InvalidBase58 { position, ch } => {
                write!(f, "invalid base58 character {:?} at position {}", ch, position)
            }
            Error::InvalidPubkeyLength(n) => write!(f, "public key must be 32 bytes, got {}", n),
            Error::Config(m) => write!(f, "config: {}", m),
            Error::InvalidUrl(u) => write!(f, "invalid RPC URL {:?}", u),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// `~/.config/solana/id.json`, the default signer of the Solana CLI.
pub fn default_keypair_path() -> Option<PathBuf> {
    home_dir().map(|h| h.join(".config").join("solana").join("id.json"))
}

/// Loads the signer the Solana CLI would use: `keypair_path` from the CLI
/// config when present, otherwise `~/.config/solana/id.json`.
pub fn load_default_signer() -> Result<Keypair> {
    let path = match CliConfig::load_default() {
        Ok(cfg) if !cfg.keypair_path.as_os_str().is_empty() => cfg.keypair_path,
        _ => default_keypair_path()
            .ok_or_else(|| Error::Config("cannot determine home directory".into()))?,
    };
    read_keypair_file(&path)
}

pub(crate) fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// Expands a leading `~/` the way the Solana CLI does.
pub(crate) fn expand_tilde(p: &str) -> PathBuf {
    match (p.strip_prefix("~/"), home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(p),
    }
}
