//! # nodever-gauge
//!
//! Parse Ethereum execution-client version strings, as returned by the
//! `web3_clientVersion` JSON-RPC method, and check them against a builtin
//! hard-fork compatibility matrix.
//!
//! ```
//! use nodever_gauge::{ClientKind, ClientVersion, Fork};
//!
//! let v: ClientVersion = "Nethermind/v1.25.4+20b10b35/linux-x64/dotnet8.0.2".parse().unwrap();
//! assert_eq!(v.kind, ClientKind::Nethermind);
//! assert!(nodever_gauge::supports(&v, Fork::Shanghai));
//! ```
//!
//! The matrix is built lazily the first time it is consulted, together with
//! a profile of the local host so that [`ClientVersion::is_local_platform`]
//! can tell whether a node binary was built for the machine you are on.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod client;
mod host;
mod matrix;

pub use client::{ClientKind, ClientVersion, ParseError};
pub use host::HostProfile;
pub use matrix::{CompatMatrix, Fork};

/// Returns `true` if `version` is at or above the minimum release of its
/// client that supports `fork` on mainnet.
///
/// Unknown clients are never considered compatible.
pub fn supports(version: &ClientVersion, fork: Fork) -> bool {
    matrix::builtin().supports(version, fork)
}

/// Returns the newest fork that `version` supports according to the builtin
/// matrix, if any.
pub fn latest_supported(version: &ClientVersion) -> Option<Fork> {
    Fork::ALL
        .iter()
        .rev()
        .copied()
        .find(|f| supports(version, *f))
}
