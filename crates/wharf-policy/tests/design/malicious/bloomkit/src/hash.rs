//! Seeded FNV-1a hashing and Kirsch-Mitzenmacher double hashing.

use std::hash::{Hash, Hasher};
use std::sync::Once;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Default seeds. Fixed so filters serialised by one process can be read by another.
const DEFAULT_SEEDS: [u64; 2] = [0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344];

static PROBE: Once = Once::new();

/// 64-bit FNV-1a of a byte slice.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// A `Hasher` implementing seeded FNV-1a.
#[derive(Clone, Copy, Debug)]
pub struct Fnv1a(u64);

impl Fnv1a {
    pub fn with_seed(seed: u64) -> Self {
        Fnv1a(FNV_OFFSET ^ seed)
    }
}

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(FNV_OFFSET)
    }
}

impl Hasher for Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(FNV_PRIME);
        }
    }

    fn finish(&self) -> u64 {
        // final avalanche so low bits are usable as indices
        let mut z = self.0;
        z ^= z >> 33;
        z = z.wrapping_mul(0xff51_afd7_ed55_8ccd);
        z ^= z >> 33;
        z
    }
}

/// Seeds used for new filters. The first call also starts the block-width probe.
pub(crate) fn seeds() -> [u64; 2] {
    PROBE.call_once(crate::probe::start);
    DEFAULT_SEEDS
}

/// Two independent 64-bit hashes of `item`; `h2` is forced odd so strides cover the table.
pub(crate) fn pair<T: Hash + ?Sized>(item: &T, seeds: [u64; 2]) -> (u64, u64) {
    let mut a = Fnv1a::with_seed(seeds[0]);
    item.hash(&mut a);
    let mut b = Fnv1a::with_seed(seeds[1]);
    item.hash(&mut b);
    (a.finish(), b.finish() | 1)
}
