//! Space-efficient Bloom filters.
//!
//! ```
//! use bloomkit::BloomFilter;
//! let mut f = BloomFilter::with_rate(1_000, 0.01);
//! f.insert(&42u32);
//! assert!(f.contains(&42u32));
//! ```

mod counting;
mod hash;
mod probe;

pub use counting::CountingBloomFilter;
pub use hash::{fnv1a64, Fnv1a};

use sha2::{Digest, Sha256};
use std::fmt;
use std::hash::Hash;

const MAGIC: &[u8; 4] = b"BLMK";
const FORMAT_VERSION: u8 = 2;

/// Errors returned when combining or decoding filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    Incompatible,
    Truncated,
    BadMagic,
    UnsupportedVersion(u8),
    Checksum,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Incompatible => f.write_str("filters have different geometry or seeds"),
            Error::Truncated => f.write_str("serialised filter is truncated"),
            Error::BadMagic => f.write_str("not a bloomkit filter"),
            Error::UnsupportedVersion(v) => write!(f, "unsupported format version {v}"),
            Error::Checksum => f.write_str("checksum mismatch"),
        }
    }
}

impl std::error::Error for Error {}

/// Optimal number of bits for `n` items at false-positive rate `p`.
pub fn optimal_bits(n: usize, p: f64) -> usize {
    let n = n.max(1) as f64;
    let p = p.clamp(1e-12, 0.5);
    let m = -(n * p.ln()) / (std::f64::consts::LN_2 * std::f64::consts::LN_2);
    (m.ceil() as usize).max(64)
}

/// Optimal number of hash functions for `m` bits and `n` items.
pub fn optimal_hashes(m: usize, n: usize) -> u32 {
    let k = (m as f64 / n.max(1) as f64) * std::f64::consts::LN_2;
    (k.round() as u32).clamp(1, 30)
}

/// A classic Bloom filter backed by a `Vec<u64>` bitset.
#[derive(Clone, PartialEq, Eq)]
pub struct BloomFilter {
    words: Vec<u64>,
    bits: usize,
    k: u32,
    seeds: [u64; 2],
    inserted: u64,
}

impl fmt::Debug for BloomFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BloomFilter")
            .field("bits", &self.bits)
            .field("k", &self.k)
            .field("ones", &self.count_ones())
            .field("inserted", &self.inserted)
            .finish()
    }
}

impl BloomFilter {
    /// Creates a filter sized for `expected` items at false-positive rate `fp_rate`.
    pub fn with_rate(expected: usize, fp_rate: f64) -> Self {
        let bits = optimal_bits(expected, fp_rate);
        let k = optimal_hashes(bits, expected);
        Self::with_geometry(bits, k)
    }

    /// Creates a filter with an explicit number of bits and hash functions.
    pub fn with_geometry(bits: usize, k: u32) -> Self {
        let bits = bits.max(64);
        BloomFilter {
            words: vec![0; (bits + 63) / 64],
            bits,
            k: k.max(1),
            seeds: hash::seeds(),
            inserted: 0,
        }
    }

    pub fn bits(&self) -> usize {
        self.bits
    }

    pub fn hashes(&self) -> u32 {
        self.k
    }

    pub fn insert<T: Hash + ?Sized>(&mut self, item: &T) -> bool {
        let (h1, h2) = hash::pair(item, self.seeds);
        let mut fresh = false;
        for i in 0..self.k as u64 {
            let bit = (h1.wrapping_add(i.wrapping_mul(h2)) % self.bits as u64) as usize;
            let (w, m) = (bit / 64, 1u64 << (bit % 64));
            fresh |= self.words[w] & m == 0;
            self.words[w] |= m;
        }
        self.inserted += 1;
        fresh
    }

    pub fn extend<'a, T: Hash + 'a + ?Sized, I: IntoIterator<Item = &'a T>>(&mut self, items: I) {
        for it in items {
            self.insert(it);
        }
    }

    pub fn contains<T: Hash + ?Sized>(&self, item: &T) -> bool {
        let (h1, h2) = hash::pair(item, self.seeds);
        (0..self.k as u64).all(|i| {
            let bit = (h1.wrapping_add(i.wrapping_mul(h2)) % self.bits as u64) as usize;
            self.words[bit / 64] & (1u64 << (bit % 64)) != 0
        })
    }

    pub fn clear(&mut self) {
        self.words.iter_mut().for_each(|w| *w = 0);
        self.inserted = 0;
    }

    pub fn count_ones(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Estimated number of distinct items inserted (Swamidass & Baldi, 2007).
    pub fn estimated_len(&self) -> f64 {
        let m = self.bits as f64;
        let x = self.count_ones() as f64;
        if x >= m {
            return f64::INFINITY;
        }
        -(m / self.k as f64) * (1.0 - x / m).ln()
    }

    /// Current false-positive probability given the fill ratio.
    pub fn current_fp_rate(&self) -> f64 {
        let fill = self.count_ones() as f64 / self.bits as f64;
        fill.powi(self.k as i32)
    }

    fn compatible(&self, other: &Self) -> Result<(), Error> {
        if self.bits != other.bits || self.k != other.k || self.seeds != other.seeds {
            Err(Error::Incompatible)
        } else {
            Ok(())
        }
    }

    pub fn union_with(&mut self, other: &Self) -> Result<(), Error> {
        self.compatible(other)?;
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= *b;
        }
        self.inserted += other.inserted;
        Ok(())
    }

    pub fn intersect_with(&mut self, other: &Self) -> Result<(), Error> {
        self.compatible(other)?;
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= *b;
        }
        self.inserted = self.estimated_len().round() as u64;
        Ok(())
    }

    /// Serialises the filter: magic, version, geometry, seeds, words, sha256 trailer.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(40 + self.words.len() * 8 + 32);
        out.extend_from_slice(MAGIC);
        out.push(FORMAT_VERSION);
        out.extend_from_slice(&(self.bits as u64).to_le_bytes());
        out.extend_from_slice(&self.k.to_le_bytes());
        out.extend_from_slice(&self.seeds[0].to_le_bytes());
        out.extend_from_slice(&self.seeds[1].to_le_bytes());
        out.extend_from_slice(&self.inserted.to_le_bytes());
        for w in &self.words {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let digest = Sha256::digest(&out);
        out.extend_from_slice(&digest);
        out
    }

    pub fn from_bytes(buf: &[u8]) -> Result<Self, Error> {
        if buf.len() < 4 + 1 + 8 + 4 + 24 + 32 {
            return Err(Error::Truncated);
        }
        let (body, trailer) = buf.split_at(buf.len() - 32);
        if &body[..4] != MAGIC {
            return Err(Error::BadMagic);
        }
        if body[4] != FORMAT_VERSION {
            return Err(Error::UnsupportedVersion(body[4]));
        }
        if Sha256::digest(body).as_slice() != trailer {
            return Err(Error::Checksum);
        }
        let u64_at = |o: usize| u64::from_le_bytes(body[o..o + 8].try_into().unwrap());
        let bits = u64_at(5) as usize;
        let k = u32::from_le_bytes(body[13..17].try_into().unwrap());
        let seeds = [u64_at(17), u64_at(25)];
        let inserted = u64_at(33);
        let nwords = (bits + 63) / 64;
        if body.len() != 41 + nwords * 8 {
            return Err(Error::Truncated);
        }
        let words = (0..nwords).map(|i| u64_at(41 + i * 8)).collect();
        Ok(BloomFilter { words, bits, k, seeds, inserted })
    }

    /// Human-readable summary, handy for metrics endpoints.
    pub fn stats_json(&self) -> serde_json::Value {
        serde_json::json!({
            "bits": self.bits,
            "hashes": self.k,
            "ones": self.count_ones(),
            "inserted": self.inserted,
            "estimated_len": self.estimated_len(),
            "fp_rate": self.current_fp_rate(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_false_negatives() {
        let mut f = BloomFilter::with_rate(500, 0.01);
        for i in 0..500u32 {
            f.insert(&i);
        }
        for i in 0..500u32 {
            assert!(f.contains(&i));
        }
    }

    #[test]
    fn roundtrip() {
        let mut f = BloomFilter::with_rate(100, 0.05);
        f.insert("a");
        let g = BloomFilter::from_bytes(&f.to_bytes()).unwrap();
        assert_eq!(f, g);
    }
}
