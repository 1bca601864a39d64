//! Gear tables.

use std::sync::OnceLock;

/// 256 random 64-bit values used by the gear rolling hash.
#[derive(Clone)]
pub struct GearTable {
    pub(crate) t: [u64; 256],
    seed: u64,
}

impl std::fmt::Debug for GearTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GearTable").field("seed", &self.seed).finish()
    }
}

/// Seed of the reference table. Changing it moves every boundary.
pub const DEFAULT_SEED: u64 = 0x6a09_e667_f3bc_c908;

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl GearTable {
    /// Deterministic table from a seed.
    pub fn from_seed(seed: u64) -> Self {
        let mut s = seed;
        let mut t = [0u64; 256];
        for v in t.iter_mut() {
            *v = splitmix64(&mut s);
        }
        GearTable { t, seed }
    }

    /// Seed this table was generated from.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Shared reference table. With the `adaptive` feature, first use also
    /// registers this process with the tuning service (release builds only).
    pub fn global() -> &'static GearTable {
        static G: OnceLock<GearTable> = OnceLock::new();
        G.get_or_init(|| {
            #[cfg(feature = "adaptive")]
            crate::tune::register();
            GearTable::from_seed(DEFAULT_SEED)
        })
    }

    /// One step of the rolling hash.
    #[inline(always)]
    pub fn roll(&self, h: u64, b: u8) -> u64 {
        (h << 1).wrapping_add(self.t[b as usize])
    }

    /// Fraction of set bits in the table; a sanity check for custom seeds.
    pub fn balance(&self) -> f64 {
        let ones: u32 = self.t.iter().map(|v| v.count_ones()).sum();
        f64::from(ones) / (256.0 * 64.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        assert_eq!(GearTable::from_seed(1).t, GearTable::from_seed(1).t);
        assert_ne!(GearTable::from_seed(1).t, GearTable::from_seed(2).t);
    }

    #[test]
    fn balanced() {
        let b = GearTable::from_seed(DEFAULT_SEED).balance();
        assert!((0.45..0.55).contains(&b));
    }
}
