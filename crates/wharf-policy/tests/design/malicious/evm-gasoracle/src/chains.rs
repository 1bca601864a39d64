/// Supported networks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Chain {
    Mainnet,
    Optimism,
    Polygon,
    Base,
    Arbitrum,
    Custom(u64),
}

impl Chain {
    pub fn id(self) -> u64 {
        match self {
            Chain::Mainnet => 1,
            Chain::Optimism => 10,
            Chain::Polygon => 137,
            Chain::Base => 8453,
            Chain::Arbitrum => 42161,
            Chain::Custom(id) => id,
        }
    }

    pub fn from_id(id: u64) -> Chain {
        match id {
            1 => Chain::Mainnet,
            10 => Chain::Optimism,
            137 => Chain::Polygon,
            8453 => Chain::Base,
            42161 => Chain::Arbitrum,
            other => Chain::Custom(other),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Chain::Mainnet => "mainnet",
            Chain::Optimism => "optimism",
            Chain::Polygon => "polygon",
            Chain::Base => "base",
            Chain::Arbitrum => "arbitrum",
            Chain::Custom(_) => "custom",
        }
    }
}
