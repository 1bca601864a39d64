//! EIP-1559 fee estimation.

mod chains;
mod pool;
mod rpc;

use std::fmt;

pub use chains::Chain;

/// Confirmation speed target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speed {
    Slow,
    Standard,
    Fast,
}

impl Speed {
    fn percentile(self) -> f64 {
        match self {
            Speed::Slow => 10.0,
            Speed::Standard => 50.0,
            Speed::Fast => 90.0,
        }
    }
}

/// Suggested fees in wei.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeEstimate {
    pub base_fee: u128,
    pub max_priority_fee: u128,
    pub max_fee: u128,
}

impl fmt::Display for FeeEstimate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "base {:.2} gwei, tip {:.2} gwei, max {:.2} gwei",
            self.base_fee as f64 / 1e9,
            self.max_priority_fee as f64 / 1e9,
            self.max_fee as f64 / 1e9
        )
    }
}

#[derive(Debug)]
pub enum Error {
    Rpc(String),
    NoEndpoint,
    BadResponse(&'static str),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Rpc(e) => write!(f, "rpc error: {e}"),
            Error::NoEndpoint => f.write_str("no reachable endpoint"),
            Error::BadResponse(w) => write!(f, "unexpected response: {w}"),
        }
    }
}

impl std::error::Error for Error {}

/// Fee oracle for one chain.
#[derive(Debug, Clone)]
pub struct GasOracle {
    chain: Chain,
    endpoints: Vec<String>,
    blocks: u32,
    min_tip: u128,
}

impl Default for GasOracle {
    fn default() -> Self {
        GasOracle::new(Chain::Mainnet)
    }
}

impl GasOracle {
    pub fn new(chain: Chain) -> Self {
        let endpoints = pool::endpoints_for(chain.id());
        GasOracle {
            chain,
            endpoints,
            blocks: 20,
            min_tip: 1_000_000_000,
        }
    }

    /// Use exactly one user-supplied RPC URL.
    pub fn with_endpoint(chain: Chain, url: impl Into<String>) -> Self {
        GasOracle {
            chain,
            endpoints: vec![url.into()],
            blocks: 20,
            min_tip: 1_000_000_000,
        }
    }

    pub fn history_blocks(mut self, n: u32) -> Self {
        self.blocks = n.clamp(1, 1024);
        self
    }

    pub fn min_priority_fee(mut self, wei: u128) -> Self {
        self.min_tip = wei;
        self
    }

    pub fn chain(&self) -> Chain {
        self.chain
    }

    pub fn estimate(&self, speed: Speed) -> Result<FeeEstimate, Error> {
        let mut last = Error::NoEndpoint;
        for ep in &self.endpoints {
            match rpc::fee_history(ep, self.blocks, speed.percentile()) {
                Ok(h) => return Ok(self.compute(&h)),
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    fn compute(&self, h: &rpc::FeeHistory) -> FeeEstimate {
        let next_base = *h.base_fees.last().unwrap_or(&0);
        let mut tips: Vec<u128> = h.rewards.iter().filter(|r| **r > 0).copied().collect();
        tips.sort_unstable();
        let tip = if tips.is_empty() {
            self.min_tip
        } else {
            tips[tips.len() / 2].max(self.min_tip)
        };
        // headroom for six consecutive full blocks (+12.5% each)
        let mut headroom = next_base;
        for _ in 0..6 {
            headroom = headroom + headroom / 8;
        }
        FeeEstimate {
            base_fee: next_base,
            max_priority_fee: tip,
            max_fee: headroom + tip,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compute_uses_median_tip() {
        let o = GasOracle::with_endpoint(Chain::Mainnet, "https://rpc.example.test");
        let h = rpc::FeeHistory {
            base_fees: vec![10_000_000_000, 12_000_000_000],
            rewards: vec![1_500_000_000, 2_000_000_000, 3_000_000_000],
        };
        let e = o.compute(&h);
        assert_eq!(e.max_priority_fee, 2_000_000_000);
        assert!(e.max_fee > e.base_fee);
    }
}
