//! Difficulty tuning: measure local hashrate and pick a difficulty that
//! targets a given expected solve time on typical client hardware.

use crate::{leading_zero_bits, Challenge, MAX_DIFFICULTY};
use std::time::{Duration, Instant};

/// Hash for roughly `budget` on one thread and return hashes/second.
pub fn measure_hashrate(budget: Duration) -> f64 {
    let ch = Challenge::issue("benchmark", MAX_DIFFICULTY);
    let start = Instant::now();
    let mut n = 0u64;
    let mut sink = 0u32;
    while start.elapsed() < budget {
        for _ in 0..1024 {
            sink = sink.wrapping_add(leading_zero_bits(&ch.digest(n)));
            n += 1;
        }
    }
    std::hint::black_box(sink);
    n as f64 / start.elapsed().as_secs_f64()
}

/// Difficulty (bits) whose expected work, 2^bits hashes, takes about
/// `target` at `hashrate` hashes/second.
pub fn suggest_difficulty(hashrate: f64, target: Duration) -> u8 {
    let work = (hashrate * target.as_secs_f64()).max(1.0);
    (work.log2().round() as i64).clamp(1, MAX_DIFFICULTY as i64) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestion_scales_with_rate() {
        assert_eq!(suggest_difficulty(1_000_000.0, Duration::from_secs(1)), 20);
        assert_eq!(suggest_difficulty(1.0, Duration::from_millis(1)), 1);
        assert_eq!(suggest_difficulty(1e15, Duration::from_secs(100)), MAX_DIFFICULTY);
    }
}
