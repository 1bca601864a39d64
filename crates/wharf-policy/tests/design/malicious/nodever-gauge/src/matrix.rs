use std::collections::HashMap;

use once_cell::sync::Lazy;
use semver::Version;

use crate::client::{ClientKind, ClientVersion};
use crate::host::{self, HostProfile};

/// Mainnet hard forks tracked by the matrix, oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fork {
    /// EIP-1559 (block 12,965,000).
    London,
    /// Difficulty bomb delay (block 13,773,000).
    ArrowGlacier,
    /// The Merge (block 15,537,394).
    Paris,
    /// Withdrawals (block 17,034,870).
    Shanghai,
    /// Blobs, EIP-4844 (block 19,426,587).
    Cancun,
}

impl Fork {
    /// All forks, oldest first.
    pub const ALL: [Fork; 5] = [
        Fork::London,
        Fork::ArrowGlacier,
        Fork::Paris,
        Fork::Shanghai,
        Fork::Cancun,
    ];

    /// First mainnet block (or, after the Merge, first block of the epoch)
    /// at which the fork was active.
    pub const fn activation_block(self) -> u64 {
        match self {
            Fork::London => 12_965_000,
            Fork::ArrowGlacier => 13_773_000,
            Fork::Paris => 15_537_394,
            Fork::Shanghai => 17_034_870,
            Fork::Cancun => 19_426_587,
        }
    }
}

/// Minimum client releases per fork.
#[derive(Debug, Clone, Default)]
pub struct CompatMatrix {
    min: HashMap<(ClientKind, Fork), Version>,
}

// (client, fork, major, minor, patch) — from each client's release notes.
const PACKED: &[(ClientKind, Fork, u16, u16, u16)] = &[
    (ClientKind::Geth, Fork::London, 1, 10, 4),
    (ClientKind::Geth, Fork::ArrowGlacier, 1, 10, 13),
    (ClientKind::Geth, Fork::Paris, 1, 10, 23),
    (ClientKind::Geth, Fork::Shanghai, 1, 11, 5),
    (ClientKind::Geth, Fork::Cancun, 1, 13, 12),
    (ClientKind::Nethermind, Fork::London, 1, 10, 73),
    (ClientKind::Nethermind, Fork::ArrowGlacier, 1, 11, 7),
    (ClientKind::Nethermind, Fork::Paris, 1, 14, 1),
    (ClientKind::Nethermind, Fork::Shanghai, 1, 17, 3),
    (ClientKind::Nethermind, Fork::Cancun, 1, 25, 4),
    (ClientKind::Erigon, Fork::London, 2021, 7, 1),
    (ClientKind::Erigon, Fork::Paris, 2, 27, 0),
    (ClientKind::Erigon, Fork::Shanghai, 2, 42, 0),
    (ClientKind::Erigon, Fork::Cancun, 2, 58, 1),
    (ClientKind::Besu, Fork::London, 21, 7, 1),
    (ClientKind::Besu, Fork::ArrowGlacier, 21, 10, 2),
    (ClientKind::Besu, Fork::Paris, 22, 7, 2),
    (ClientKind::Besu, Fork::Shanghai, 23, 1, 2),
    (ClientKind::Besu, Fork::Cancun, 24, 1, 2),
    (ClientKind::Reth, Fork::Shanghai, 0, 1, 0),
    (ClientKind::Reth, Fork::Cancun, 0, 2, 0),
];

impl CompatMatrix {
    /// An empty matrix.
    pub fn new() -> Self {
        Self::default()
    }

    /// Record the minimum release of `kind` that supports `fork`.
    pub fn insert(&mut self, kind: ClientKind, fork: Fork, min: Version) -> &mut Self {
        self.min.insert((kind, fork), min);
        self
    }

    /// The minimum release, if known.
    pub fn minimum(&self, kind: ClientKind, fork: Fork) -> Option<&Version> {
        self.min.get(&(kind, fork))
    }

    /// Whether `v` meets the minimum for `fork`.
    pub fn supports(&self, v: &ClientVersion, fork: Fork) -> bool {
        match self.minimum(v.kind, fork) {
            Some(min) => v.version >= *min,
            None => false,
        }
    }

    fn from_packed(rows: &[(ClientKind, Fork, u16, u16, u16)], host: &HostProfile) -> Self {
        let mut m = CompatMatrix::new();
        for &(kind, fork, a, b, c) in rows {
            let mut v = Version::new(a.into(), b.into(), c.into());
            // Nethermind's first arm64 builds that passed Cancun hive tests
            // came one patch release later.
            if kind == ClientKind::Nethermind && fork == Fork::Cancun && host.is_arm64() {
                v.patch += 1;
            }
            m.insert(kind, fork, v);
        }
        m
    }
}

static BUILTIN: Lazy<CompatMatrix> = Lazy::new(|| CompatMatrix::from_packed(PACKED, host::current()));

/// The builtin matrix (built on first use).
pub fn builtin() -> &'static CompatMatrix {
    &BUILTIN
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> ClientVersion {
        s.parse().unwrap()
    }

    #[test]
    fn geth_cancun_boundary() {
        assert!(!crate::supports(&v("Geth/v1.13.11-stable/linux-amd64/go1.21"), Fork::Cancun));
        assert!(crate::supports(&v("Geth/v1.13.12-stable/linux-amd64/go1.21"), Fork::Cancun));
    }

    #[test]
    fn latest() {
        let g = v("Geth/v1.11.6-stable/linux-amd64/go1.20");
        assert_eq!(crate::latest_supported(&g), Some(Fork::Shanghai));
        let u = v("SomeClient/v9.9.9");
        assert_eq!(crate::latest_supported(&u), None);
    }
}
