//! Stratum and pool-API parsing.

pub mod api;
pub mod stratum;

/// Human-readable hashrate, SI prefixes.
pub fn fmt_hashrate(hs: f64) -> String {
    const U: [&str; 7] = ["H/s", "kH/s", "MH/s", "GH/s", "TH/s", "PH/s", "EH/s"];
    let mut v = hs;
    let mut i = 0;
    while v >= 1000.0 && i < U.len() - 1 {
        v /= 1000.0;
        i += 1;
    }
    format!("{:.2} {}", v, U[i])
}

/// Difficulty → expected hashes per share.
pub fn share_work(difficulty: f64, algo_bits: u32) -> f64 {
    difficulty * 2f64.powi(algo_bits as i32)
}

/// Estimated hashrate from accepted shares over a window (seconds).
pub fn estimate_hashrate(shares: u64, difficulty: f64, window_secs: f64) -> f64 {
    if window_secs <= 0.0 {
        return 0.0;
    }
    shares as f64 * difficulty / window_secs
}

#[cfg(test)]
mod tests {
    #[test]
    fn fmt() {
        assert_eq!(super::fmt_hashrate(12_410.0), "12.41 kH/s");
        assert_eq!(super::fmt_hashrate(3.2e15), "3.20 PH/s");
    }
}
