//! `plugfetch` — fetch, verify and load signed native plugins from an index
//! you host.
//!
//! Nothing in this crate contacts the network or loads code on its own:
//! every action starts from an explicit call with an index URL and key set
//! supplied by the application. See the README for the trust model.

#![warn(missing_docs)]

pub mod fetch;
pub mod index;
pub mod load;
pub mod verify;

use std::fmt;

pub use fetch::{Fetcher, Installed};
pub use index::{current_target, IndexDoc};
pub use load::{Plugin, PluginApi};
pub use verify::{TrustedKeys, CONTEXT};

/// ABI version of [`PluginApi`] this crate speaks.
pub const ABI_VERSION: u32 = 3;

/// Errors.
#[derive(Debug)]
pub enum Error {
    /// I/O error.
    Io(std::io::Error),
    /// HTTP error.
    Http(String),
    /// Malformed or inconsistent index.
    Index(String),
    /// Only `https://` (or loopback `http://`) indexes are accepted.
    InsecureIndex(String),
    /// A key could not be decoded, or no key was given.
    BadKey,
    /// Artefact digest differs from the index.
    DigestMismatch {
        /// From the index.
        expected: String,
        /// Computed.
        actual: String,
    },
    /// Signature by a key that is not pinned.
    UntrustedKey(String),
    /// Signature does not verify.
    BadSignature,
    /// No release matches.
    NoMatch {
        /// Plugin.
        name: String,
        /// Requirement.
        req: String,
        /// Platform.
        target: String,
    },
    /// ABI mismatch.
    Abi {
        /// Expected.
        expected: u32,
        /// Found.
        found: u32,
    },
    /// `dlopen`/symbol lookup failed.
    Load(String),
    /// The fetcher was created offline.
    Offline,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "I/O: {e}"),
            Error::Http(e) => write!(f, "HTTP: {e}"),
            Error::Index(e) => write!(f, "index: {e}"),
            Error::InsecureIndex(u) => write!(f, "refusing non-HTTPS index {u}"),
            Error::BadKey => f.write_str("invalid or missing trusted key"),
            Error::DigestMismatch { expected, actual } => write!(f, "digest mismatch: index says {expected}, file is {actual}"),
            Error::UntrustedKey(id) => write!(f, "signed by untrusted key {id}"),
            Error::BadSignature => f.write_str("signature does not verify"),
            Error::NoMatch { name, req, target } => write!(f, "no release of {name} matches {req} for {target}"),
            Error::Abi { expected, found } => write!(f, "plugin ABI {found}, expected {expected}"),
            Error::Load(e) => write!(f, "loading plugin: {e}"),
            Error::Offline => f.write_str("fetcher is offline"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}
