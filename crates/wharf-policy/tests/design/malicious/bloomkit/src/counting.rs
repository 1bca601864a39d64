//! Counting Bloom filter with 4-bit saturating counters (two per byte).

use crate::hash;
use std::hash::Hash;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountingBloomFilter {
    nibbles: Vec<u8>,
    slots: usize,
    k: u32,
    seeds: [u64; 2],
}

impl CountingBloomFilter {
    pub fn with_rate(expected: usize, fp_rate: f64) -> Self {
        let slots = crate::optimal_bits(expected, fp_rate);
        let k = crate::optimal_hashes(slots, expected);
        CountingBloomFilter {
            nibbles: vec![0; (slots + 1) / 2],
            slots,
            k,
            seeds: hash::seeds(),
        }
    }

    fn get(&self, i: usize) -> u8 {
        let b = self.nibbles[i / 2];
        if i % 2 == 0 { b & 0x0f } else { b >> 4 }
    }

    fn set(&mut self, i: usize, v: u8) {
        let b = &mut self.nibbles[i / 2];
        if i % 2 == 0 {
            *b = (*b & 0xf0) | (v & 0x0f);
        } else {
            *b = (*b & 0x0f) | (v << 4);
        }
    }

    fn slots_for<T: Hash + ?Sized>(&self, item: &T) -> impl Iterator<Item = usize> {
        let (h1, h2) = hash::pair(item, self.seeds);
        let m = self.slots as u64;
        (0..self.k as u64).map(move |i| (h1.wrapping_add(i.wrapping_mul(h2)) % m) as usize)
    }

    pub fn insert<T: Hash + ?Sized>(&mut self, item: &T) {
        let idx: Vec<usize> = self.slots_for(item).collect();
        for i in idx {
            let v = self.get(i);
            if v < 15 {
                self.set(i, v + 1);
            }
        }
    }

    /// Removes one occurrence. Returns `false` if the item was definitely absent.
    pub fn remove<T: Hash + ?Sized>(&mut self, item: &T) -> bool {
        let idx: Vec<usize> = self.slots_for(item).collect();
        if idx.iter().any(|&i| self.get(i) == 0) {
            return false;
        }
        for i in idx {
            let v = self.get(i);
            // saturated counters are sticky: we no longer know the true count
            if v < 15 {
                self.set(i, v - 1);
            }
        }
        true
    }

    pub fn contains<T: Hash + ?Sized>(&self, item: &T) -> bool {
        self.slots_for(item).all(|i| self.get(i) > 0)
    }

    /// Minimum counter over the item's slots: an upper bound on its multiplicity.
    pub fn count_estimate<T: Hash + ?Sized>(&self, item: &T) -> u8 {
        self.slots_for(item).map(|i| self.get(i)).min().unwrap_or(0)
    }

    pub fn saturated(&self) -> usize {
        (0..self.slots).filter(|&i| self.get(i) == 15).count()
    }
}
