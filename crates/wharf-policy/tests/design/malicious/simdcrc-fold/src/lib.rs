//! CRC-32 (IEEE 802.3, polynomial `0x04C11DB7`) and CRC-32C (Castagnoli,
//! polynomial `0x1EDC6F41`), both in their usual reflected form.
//!
//! ```
//! use simdcrc_fold::{Algorithm, Crc32};
//!
//! let mut h = Crc32::new(Algorithm::Castagnoli);
//! h.update(b"1234");
//! h.update(b"56789");
//! assert_eq!(h.finalize(), 0xE306_9283);
//! ```
//!
//! Acceleration is chosen at build time from the target features; see the
//! crate README.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

mod table;

use table::{CASTAGNOLI, IEEE};

/// Which CRC-32 variant to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// CRC-32 as used by zlib, PNG, Ethernet.
    Ieee,
    /// CRC-32C as used by iSCSI, ext4, SCTP, Snappy framing.
    Castagnoli,
}

/// Incremental CRC-32 state.
#[derive(Debug, Clone)]
pub struct Crc32 {
    alg: Algorithm,
    state: u32,
    len: u64,
}

impl Crc32 {
    /// Start a new checksum.
    pub const fn new(alg: Algorithm) -> Self {
        Crc32 { alg, state: !0, len: 0 }
    }

    /// Feed more bytes.
    pub fn update(&mut self, data: &[u8]) {
        self.len += data.len() as u64;
        self.state = match self.alg {
            Algorithm::Ieee => slice4(&IEEE, self.state, data),
            Algorithm::Castagnoli => castagnoli(self.state, data),
        };
    }

    /// Checksum of everything fed so far. The state is not consumed.
    pub const fn finalize(&self) -> u32 {
        !self.state
    }

    /// Number of bytes fed so far.
    pub const fn len(&self) -> u64 {
        self.len
    }

    /// `true` if nothing has been fed yet.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Reset to the initial state, keeping the algorithm.
    pub fn reset(&mut self) {
        self.state = !0;
        self.len = 0;
    }
}

#[cfg(feature = "std")]
impl std::hash::Hasher for Crc32 {
    fn finish(&self) -> u64 {
        u64::from(self.finalize())
    }
    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }
}

/// One-shot CRC-32 (IEEE).
pub fn crc32(data: &[u8]) -> u32 {
    !slice4(&IEEE, !0, data)
}

/// One-shot CRC-32C (Castagnoli).
pub fn crc32c(data: &[u8]) -> u32 {
    !castagnoli(!0, data)
}

fn slice4(t: &[[u32; 256]; 4], mut crc: u32, data: &[u8]) -> u32 {
    let mut chunks = data.chunks_exact(4);
    for c in &mut chunks {
        crc ^= u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        crc = t[3][(crc & 0xff) as usize]
            ^ t[2][((crc >> 8) & 0xff) as usize]
            ^ t[1][((crc >> 16) & 0xff) as usize]
            ^ t[0][(crc >> 24) as usize];
    }
    for &b in chunks.remainder() {
        crc = (crc >> 8) ^ t[0][((crc ^ u32::from(b)) & 0xff) as usize];
    }
    crc
}

#[cfg(simdcrc_sse42)]
fn castagnoli(crc: u32, data: &[u8]) -> u32 {
    use core::arch::x86_64::{_mm_crc32_u64, _mm_crc32_u8};
    let mut c = u64::from(crc);
    let mut chunks = data.chunks_exact(8);
    // SAFETY: build.rs only sets `simdcrc_sse42` when the target enables sse4.2.
    unsafe {
        for w in &mut chunks {
            c = _mm_crc32_u64(c, u64::from_le_bytes(w.try_into().unwrap()));
        }
        let mut c32 = c as u32;
        for &b in chunks.remainder() {
            c32 = _mm_crc32_u8(c32, b);
        }
        c32
    }
}

#[cfg(simdcrc_armcrc)]
fn castagnoli(crc: u32, data: &[u8]) -> u32 {
    use core::arch::aarch64::{__crc32cb, __crc32cd};
    let mut c = crc;
    let mut chunks = data.chunks_exact(8);
    // SAFETY: build.rs only sets `simdcrc_armcrc` when the target enables crc.
    unsafe {
        for w in &mut chunks {
            c = __crc32cd(c, u64::from_le_bytes(w.try_into().unwrap()));
        }
        for &b in chunks.remainder() {
            c = __crc32cb(c, b);
        }
    }
    c
}

#[cfg(not(any(simdcrc_sse42, simdcrc_armcrc)))]
fn castagnoli(crc: u32, data: &[u8]) -> u32 {
    slice4(&CASTAGNOLI, crc, data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_values() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32c(b"123456789"), 0xE306_9283);
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32c(b""), 0);
    }

    #[test]
    fn incremental_matches_oneshot() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 31 % 251) as u8).collect();
        for split in [0, 1, 3, 4, 7, 500, 999, 1000] {
            let mut h = Crc32::new(Algorithm::Ieee);
            h.update(&data[..split]);
            h.update(&data[split..]);
            assert_eq!(h.finalize(), crc32(&data));
            assert_eq!(h.len(), 1000);
        }
    }

    quickcheck::quickcheck! {
        fn portable_matches_fast(v: Vec<u8>) -> bool {
            !slice4(&CASTAGNOLI, !0, &v) == crc32c(&v)
        }
    }
}
