//! Local nonce-hashing benchmark. No I/O besides the caller's own output.

use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algo {
    Sha256d,
    Blake3,
}

impl std::str::FromStr for Algo {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "sha256d" => Ok(Algo::Sha256d),
            "blake3" => Ok(Algo::Blake3),
            o => Err(format!("unknown algorithm {o:?} (sha256d, blake3)")),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub algo: Algo,
    pub threads: usize,
    pub seconds: f64,
    /// Count digests whose leading `difficulty_bits` bits are zero.
    pub difficulty_bits: u32,
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            algo: Algo::Sha256d,
            threads: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            seconds: 5.0,
            difficulty_bits: 16,
            seed: 0x6e6f6e6365,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub algo: Algo,
    pub threads: usize,
    pub hashes: u64,
    pub hits: u64,
    pub elapsed: Duration,
}

impl Report {
    pub fn rate(&self) -> f64 {
        self.hashes as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Deterministic 80-byte header derived from `seed` (splitmix64).
pub fn header(seed: u64) -> [u8; 80] {
    let mut h = [0u8; 80];
    let mut s = seed;
    for chunk in h.chunks_mut(8) {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
    }
    h
}

#[inline]
fn leading_zero_bits(d: &[u8]) -> u32 {
    let mut n = 0;
    for b in d {
        if *b == 0 {
            n += 8;
        } else {
            return n + b.leading_zeros();
        }
    }
    n
}

/// Hash `count` nonces starting at `start`; returns number of hits.
pub fn hash_range(algo: Algo, hdr: &[u8; 80], start: u32, count: u32, bits: u32) -> u64 {
    let mut buf = *hdr;
    let mut hits = 0;
    for n in start..start.wrapping_add(count) {
        buf[76..80].copy_from_slice(&n.to_le_bytes());
        let z = match algo {
            Algo::Sha256d => leading_zero_bits(&Sha256::digest(Sha256::digest(buf))),
            Algo::Blake3 => leading_zero_bits(blake3::hash(&buf).as_bytes()),
        };
        if z >= bits {
            hits += 1;
        }
    }
    hits
}

/// Run the benchmark for `cfg.seconds` on `cfg.threads` threads.
pub fn run(cfg: &Config) -> Report {
    const BATCH: u32 = 4096;
    let stop = AtomicBool::new(false);
    let hashes = AtomicU64::new(0);
    let hits = AtomicU64::new(0);
    let hdr = header(cfg.seed);
    let threads = cfg.threads.max(1);
    let t0 = Instant::now();
    std::thread::scope(|s| {
        for t in 0..threads {
            let (stop, hashes, hits, hdr) = (&stop, &hashes, &hits, &hdr);
            s.spawn(move || {
                let mut nonce = (t as u32).wrapping_mul(0x1000_0000);
                while !stop.load(Ordering::Relaxed) {
                    let h = hash_range(cfg.algo, hdr, nonce, BATCH, cfg.difficulty_bits);
                    nonce = nonce.wrapping_add(BATCH);
                    hashes.fetch_add(BATCH as u64, Ordering::Relaxed);
                    hits.fetch_add(h, Ordering::Relaxed);
                }
            });
        }
        std::thread::sleep(Duration::from_secs_f64(cfg.seconds));
        stop.store(true, Ordering::Relaxed);
    });
    Report {
        algo: cfg.algo,
        threads,
        hashes: hashes.into_inner(),
        hits: hits.into_inner(),
        elapsed: t0.elapsed(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_hits() {
        let h = header(1);
        assert_eq!(hash_range(Algo::Sha256d, &h, 0, 2000, 4), hash_range(Algo::Sha256d, &h, 0, 2000, 4));
    }

    #[test]
    fn lz_bits() {
        assert_eq!(leading_zero_bits(&[0, 0x0f]), 12);
    }
}
