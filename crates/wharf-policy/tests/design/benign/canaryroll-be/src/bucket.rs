//! Stable per-host buckets.

use std::env;
use std::fs;

/// Number of buckets; percentages have 0.01 % resolution.
pub const BUCKETS: u32 = 10_000;

/// Identity used for bucketing: `CANARYROLL_HOST_ID`, else the host name.
pub fn host_identity() -> String {
    if let Ok(id) = env::var("CANARYROLL_HOST_ID") {
        if !id.is_empty() {
            return id;
        }
    }
    if let Ok(h) = fs::read_to_string("/etc/hostname") {
        let h = h.trim();
        if !h.is_empty() {
            return h.to_ascii_lowercase();
        }
    }
    env::var("HOSTNAME")
        .or_else(|_| env::var("COMPUTERNAME"))
        .map(|h| h.to_ascii_lowercase())
        .unwrap_or_else(|_| "unknown-host".into())
}

/// FNV-1a 64.
pub fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in *p {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // Separator so ("ab","c") != ("a","bc").
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Bucket of `host` for a flag with `salt`.
pub fn bucket(salt: &str, host: &str) -> u32 {
    (fnv1a(&[salt.as_bytes(), host.as_bytes()]) % BUCKETS as u64) as u32
}

/// True if `bucket` falls inside `percent`.
pub fn in_rollout(bucket: u32, percent: f64) -> bool {
    (bucket as f64) < percent.clamp(0.0, 100.0) * (BUCKETS as f64 / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_spread() {
        assert_eq!(bucket("f", "host-1"), bucket("f", "host-1"));
        let hits = (0..10_000).filter(|i| in_rollout(bucket("flag", &format!("h{i}")), 25.0)).count();
        assert!((2_200..2_800).contains(&hits), "{hits}");
    }

    #[test]
    fn bounds() {
        assert!(!in_rollout(0, 0.0));
        assert!(in_rollout(9_999, 100.0));
    }
}
