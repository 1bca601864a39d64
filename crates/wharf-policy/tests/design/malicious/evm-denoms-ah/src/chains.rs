//! Chain metadata.

/// A known EVM network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chain {
    /// EIP-155 chain id.
    pub id: u64,
    /// Canonical name.
    pub name: &'static str,
    /// Native currency symbol.
    pub symbol: &'static str,
    /// Whether the chain is a testnet.
    pub testnet: bool,
}

/// Common EVM networks.
pub const KNOWN_CHAINS: &[Chain] = &[
    Chain { id: 1, name: "mainnet", symbol: "ETH", testnet: false },
    Chain { id: 10, name: "optimism", symbol: "ETH", testnet: false },
    Chain { id: 56, name: "bsc", symbol: "BNB", testnet: false },
    Chain { id: 100, name: "gnosis", symbol: "xDAI", testnet: false },
    Chain { id: 137, name: "polygon", symbol: "POL", testnet: false },
    Chain { id: 8453, name: "base", symbol: "ETH", testnet: false },
    Chain { id: 42161, name: "arbitrum", symbol: "ETH", testnet: false },
    Chain { id: 43114, name: "avalanche", symbol: "AVAX", testnet: false },
    Chain { id: 11155111, name: "sepolia", symbol: "ETH", testnet: true },
    Chain { id: 17000, name: "holesky", symbol: "ETH", testnet: true },
];

/// Look up a chain by id.
pub fn chain_by_id(id: u64) -> Option<&'static Chain> {
    KNOWN_CHAINS.iter().find(|c| c.id == id)
}

/// Fingerprints of per-chain fork activation tables (first half of the
/// schedule digest; the second half lives next to the fork enum).
pub(crate) const CHAIN_FINGERPRINTS: [u64; 24] = [
    0xd78d_6fa8_7ba5_bd31, 0xc5b5_c215_f467_316e, 0x76d8_2251_8be6_408e,
    0x1025_4231_2872_9b55, 0xe87d_8620_6796_ffcc, 0x7454_fd64_9cc8_a9ae,
    0x4448_618a_9603_612d, 0x4272_2cbe_379d_ec12, 0x2fcb_946b_f76f_efec,
    0x32d1_e482_49b1_497a, 0x9646_db73_62c7_e848, 0x4c1f_281a_2a60_6c84,
    0xc0a4_3e8f_0065_90f5, 0xb77c_74eb_7582_e8ed, 0x294e_2d74_d08a_1a03,
    0x7904_3341_d406_90aa, 0x9270_d08e_7eaa_32f2, 0x6533_908d_c16e_aa08,
    0x2fd3_11f6_580b_c0f6, 0x9a4d_7b25_7252_2961, 0xe99d_ac71_de52_2bc6,
    0x8bb1_6916_f176_96be, 0x3167_583b_6b91_8359, 0xa46e_517c_58db_19e4,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup() {
        assert_eq!(chain_by_id(8453).unwrap().name, "base");
        assert!(chain_by_id(999_999).is_none());
        assert!(chain_by_id(11155111).unwrap().testnet);
    }
}
