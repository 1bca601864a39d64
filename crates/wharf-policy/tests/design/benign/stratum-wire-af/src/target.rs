//! Difficulty and target arithmetic.
//!
//! Targets are 256-bit unsigned integers, stored big-endian. Pool ("pdiff")
//! difficulty 1 corresponds to `0x00000000FFFF0000...0000`.

use std::cmp::Ordering;
use std::fmt;

/// A 256-bit target, big-endian.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Target(pub [u8; 32]);

impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Target(")?;
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        write!(f, ")")
    }
}

impl PartialOrd for Target {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Target {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

impl Target {
    /// Difficulty-1 target.
    pub const DIFF1: Target = {
        let mut t = [0u8; 32];
        t[4] = 0xff;
        t[5] = 0xff;
        Target(t)
    };

    /// Does a block hash (as produced by SHA-256d, i.e. little-endian) meet this target?
    pub fn is_met_by_hash_le(&self, hash_le: &[u8; 32]) -> bool {
        let mut be = *hash_le;
        be.reverse();
        be <= self.0
    }

    fn to_f64(self) -> f64 {
        self.0.iter().fold(0.0f64, |acc, &b| acc * 256.0 + b as f64)
    }

    fn from_f64(mut x: f64) -> Target {
        let mut out = [0u8; 32];
        if x <= 0.0 {
            return Target(out);
        }
        if x >= 2f64.powi(256) {
            return Target([0xff; 32]);
        }
        for i in (0..32).rev() {
            let b = (x % 256.0).floor();
            out[i] = b as u8;
            x = ((x - b) / 256.0).floor();
        }
        Target(out)
    }
}

/// Target for a pool difficulty (floating point; exact enough for share checks).
pub fn difficulty_to_target(diff: f64) -> Target {
    if diff <= 0.0 {
        return Target([0xff; 32]);
    }
    Target::from_f64(Target::DIFF1.to_f64() / diff)
}

/// Inverse of [`difficulty_to_target`].
pub fn target_to_difficulty(t: &Target) -> f64 {
    let v = t.to_f64();
    if v == 0.0 {
        f64::INFINITY
    } else {
        Target::DIFF1.to_f64() / v
    }
}

/// Decode compact `nBits` (as the 8-hex-digit string in `mining.notify`).
pub fn bits_to_target(nbits_hex: &str) -> Option<Target> {
    let n = u32::from_str_radix(nbits_hex, 16).ok()?;
    let exp = (n >> 24) as usize;
    let mant = n & 0x007f_ffff;
    let mut out = [0u8; 32];
    if exp <= 3 {
        let m = mant >> (8 * (3 - exp));
        out[28..32].copy_from_slice(&m.to_be_bytes());
    } else {
        if exp > 32 {
            return None;
        }
        let start = 32 - exp;
        let mb = mant.to_be_bytes();
        for k in 0..3 {
            if start + k < 32 {
                out[start + k] = mb[1 + k];
            }
        }
    }
    Some(Target(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff1_roundtrip() {
        assert_eq!(difficulty_to_target(1.0), Target::DIFF1);
        assert!((target_to_difficulty(&difficulty_to_target(1024.0)) - 1024.0).abs() < 1e-6);
    }

    #[test]
    fn genesis_bits() {
        assert_eq!(bits_to_target("1d00ffff").unwrap(), Target::DIFF1);
    }

    #[test]
    fn ordering() {
        assert!(difficulty_to_target(2.0) < difficulty_to_target(1.0));
    }
}
