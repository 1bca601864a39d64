//! Inspect a share the miner already found. One hash per call; no search.

use sha2::{Digest, Sha256};

/// Difficulty-1 target (bdiff) as f64: 0xffff × 2²⁰⁸.
const DIFF1: f64 = 26959535291011309493156476344723991336010898738574164086137773096960.0;

/// Difficulty represented by a 32-byte hash (little-endian, as Bitcoin prints reversed).
pub fn difficulty_of_hash(hash_le: &[u8; 32]) -> f64 {
    let mut v = 0f64;
    for &b in hash_le.iter().rev() {
        v = v * 256.0 + b as f64;
    }
    if v == 0.0 { f64::INFINITY } else { DIFF1 / v }
}

/// Compute the difficulty of a reported share from its 80-byte block header
/// (as logged by the miner). Useful for spotting a miner that reports shares
/// below the pool's difficulty.
pub fn share_difficulty(header: &[u8; 80]) -> f64 {
    let h: [u8; 32] = Sha256::digest(Sha256::digest(header)).into();
    difficulty_of_hash(&h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genesis_header_difficulty_is_at_least_one() {
        // Bitcoin genesis block header
        let hex = "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c";
        let bytes: Vec<u8> = (0..80).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap()).collect();
        let d = share_difficulty(&bytes.try_into().unwrap());
        assert!(d >= 1.0);
    }
}
