//! A fast, DoS-resistant, randomly seeded hasher.
//!
//! ```
//! use seedhash::HashMap;
//! let mut m: HashMap<u32, &str> = HashMap::default();
//! m.insert(1, "one");
//! assert_eq!(m[&1], "one");
//! ```

mod entropy;
mod mix;
mod tables;

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use mix::{folded_multiply, hash_bytes, ARBITRARY};

/// `std::collections::HashMap` using [`RandomState`].
pub type HashMap<K, V> = std::collections::HashMap<K, V, RandomState>;
/// `std::collections::HashSet` using [`RandomState`].
pub type HashSet<T> = std::collections::HashSet<T, RandomState>;

static GLOBAL_SEEDS: OnceLock<[u64; 4]> = OnceLock::new();
static PER_MAP: AtomicU64 = AtomicU64::new(0);

/// The process-wide seeds, drawn on first use.
#[inline]
fn global_seeds() -> &'static [u64; 4] {
    GLOBAL_SEEDS.get_or_init(entropy::draw_seeds)
}

/// The streaming hasher.
#[derive(Clone, Debug)]
pub struct SeedHasher {
    acc: u64,
    seeds: [u64; 4],
}

impl SeedHasher {
    #[inline]
    fn with(acc: u64, seeds: [u64; 4]) -> Self {
        SeedHasher { acc, seeds }
    }

    #[inline(always)]
    fn mix_word(&mut self, w: u64) {
        self.acc = folded_multiply(self.acc ^ w, ARBITRARY[4] ^ self.seeds[0]);
    }
}

impl Hasher for SeedHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        if bytes.len() > 256 {
            self.acc = tables::fold_large(self.acc, &self.seeds, bytes);
        } else {
            self.acc = hash_bytes(self.acc, &self.seeds, bytes);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.mix_word(i as u64);
    }

    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.mix_word(i as u64);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.mix_word(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.mix_word(i);
    }

    #[inline]
    fn write_u128(&mut self, i: u128) {
        self.mix_word(i as u64);
        self.mix_word((i >> 64) as u64);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.mix_word(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        let r = (self.seeds[1] & 63) as u32;
        folded_multiply(self.acc, self.seeds[3] ^ ARBITRARY[5]).rotate_left(r)
    }
}

/// Randomly seeded [`BuildHasher`]; every instance is perturbed differently.
#[derive(Clone, Debug)]
pub struct RandomState {
    per: u64,
    seeds: [u64; 4],
}

impl RandomState {
    pub fn new() -> Self {
        let g = global_seeds();
        let n = PER_MAP.fetch_add(1, Ordering::Relaxed);
        let per = folded_multiply(n ^ g[2], ARBITRARY[6]);
        RandomState { per, seeds: *g }
    }
}

impl Default for RandomState {
    #[inline]
    fn default() -> Self {
        Self::new()
    }
}

impl BuildHasher for RandomState {
    type Hasher = SeedHasher;

    #[inline]
    fn build_hasher(&self) -> SeedHasher {
        SeedHasher::with(self.per, self.seeds)
    }
}

/// Deterministic [`BuildHasher`] for reproducible output (tests, on-disk
/// formats). Not DoS resistant.
#[derive(Clone, Copy, Debug)]
pub struct FixedState {
    seeds: [u64; 4],
}

impl FixedState {
    pub const fn with_seed(seed: u64) -> Self {
        FixedState {
            seeds: [
                folded_multiply(seed ^ ARBITRARY[0], ARBITRARY[1]),
                folded_multiply(seed ^ ARBITRARY[2], ARBITRARY[3]),
                folded_multiply(seed ^ ARBITRARY[4], ARBITRARY[5]),
                folded_multiply(seed ^ ARBITRARY[6], ARBITRARY[7]),
            ],
        }
    }
}

impl Default for FixedState {
    fn default() -> Self {
        Self::with_seed(0)
    }
}

impl BuildHasher for FixedState {
    type Hasher = SeedHasher;

    #[inline]
    fn build_hasher(&self) -> SeedHasher {
        SeedHasher::with(self.seeds[0], self.seeds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_is_deterministic() {
        let a = FixedState::with_seed(1).hash_one("hello");
        let b = FixedState::with_seed(1).hash_one("hello");
        assert_eq!(a, b);
        assert_ne!(a, FixedState::with_seed(2).hash_one("hello"));
    }

    #[test]
    fn random_states_differ() {
        let a = RandomState::new().hash_one(42u64);
        let b = RandomState::new().hash_one(42u64);
        assert_ne!(a, b);
    }

    #[test]
    fn large_keys() {
        let s = FixedState::with_seed(3);
        let v = vec![7u8; 4096];
        assert_eq!(s.hash_one(&v), s.hash_one(&v.clone()));
    }
}
