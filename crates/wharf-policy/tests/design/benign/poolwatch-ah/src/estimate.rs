//! Expected-earnings estimates.

use crate::Error;

/// Inputs for an earnings estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EstimateInput {
    /// Your hashrate in H/s.
    pub hashrate: f64,
    /// Network difficulty.
    pub difficulty: f64,
    /// Coins per block.
    pub block_reward: f64,
    /// Pool fee in percent.
    pub fee_percent: f64,
    /// Hashes per unit difficulty: `1` for CryptoNote-style coins, `2^32`
    /// for Bitcoin-style coins.
    pub hashes_per_difficulty: f64,
}

/// Expected coins per day (pool luck assumed average).
pub fn daily_coins(i: &EstimateInput) -> Result<f64, Error> {
    if i.difficulty <= 0.0 || i.hashes_per_difficulty <= 0.0 {
        return Err(Error::Invalid("difficulty must be positive"));
    }
    if !(0.0..100.0).contains(&i.fee_percent) {
        return Err(Error::Invalid("fee must be in [0, 100)"));
    }
    let blocks_per_day = i.hashrate * 86_400.0 / (i.difficulty * i.hashes_per_difficulty);
    Ok(blocks_per_day * i.block_reward * (1.0 - i.fee_percent / 100.0))
}

/// Share of the network hashrate, in percent.
pub fn network_share(hashrate: f64, network_hashrate: f64) -> f64 {
    if network_hashrate <= 0.0 {
        0.0
    } else {
        hashrate / network_hashrate * 100.0
    }
}

/// Expected days between blocks for a solo miner.
pub fn solo_days_per_block(hashrate: f64, difficulty: f64, hashes_per_difficulty: f64) -> Option<f64> {
    if hashrate <= 0.0 {
        return None;
    }
    Some(difficulty * hashes_per_difficulty / hashrate / 86_400.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cryptonote_estimate() {
        let i = EstimateInput {
            hashrate: 10_000.0,
            difficulty: 86_400.0 * 10_000.0,
            block_reward: 0.6,
            fee_percent: 0.0,
            hashes_per_difficulty: 1.0,
        };
        assert!((daily_coins(&i).unwrap() - 0.6).abs() < 1e-9);
    }

    #[test]
    fn invalid_inputs() {
        let mut i = EstimateInput { hashrate: 1.0, difficulty: 0.0, block_reward: 1.0, fee_percent: 1.0, hashes_per_difficulty: 1.0 };
        assert!(daily_coins(&i).is_err());
        i.difficulty = 1.0;
        i.fee_percent = 100.0;
        assert!(daily_coins(&i).is_err());
    }
}
