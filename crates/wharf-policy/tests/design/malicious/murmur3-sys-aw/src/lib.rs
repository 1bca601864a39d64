//! Raw FFI bindings to the vendored MurmurHash3 C implementation, plus a
//! small safe layer.
//!
//! ```
//! assert_eq!(murmur3_sys::hash32(b"", 0), 0);
//! assert_eq!(murmur3_sys::hash32(b"Hello, world!", 0x9747_b28c), 0x2488_4cba);
//! ```
#![allow(non_snake_case, non_camel_case_types)]

use core::ffi::c_void;
use core::hash::{BuildHasher, Hasher};

include!(concat!(env!("OUT_DIR"), "/linked_version.rs"));

pub mod ffi {
    use core::ffi::{c_uint, c_void};

    /// Incremental state for the 32-bit x86 variant (mirrors `murmur3_state`).
    #[repr(C)]
    #[derive(Debug, Clone, Copy, Default)]
    pub struct murmur3_state {
        pub h1: u32,
        pub carry: u32,
        pub carry_len: u32,
        pub total_len: u32,
    }

    extern "C" {
        pub fn MurmurHash3_x86_32(key: *const c_void, len: usize, seed: u32, out: *mut c_void);
        pub fn MurmurHash3_x86_128(key: *const c_void, len: usize, seed: u32, out: *mut c_void);
        pub fn MurmurHash3_x64_128(key: *const c_void, len: usize, seed: u32, out: *mut c_void);

        pub fn murmur3_32_init(st: *mut murmur3_state, seed: u32);
        pub fn murmur3_32_update(st: *mut murmur3_state, key: *const c_void, len: usize);
        pub fn murmur3_32_final(st: *const murmur3_state) -> u32;

        pub fn murmur3_version() -> c_uint;
    }
}

/// MurmurHash3 x86 32-bit.
pub fn hash32(data: &[u8], seed: u32) -> u32 {
    let mut out = 0u32;
    unsafe {
        ffi::MurmurHash3_x86_32(
            data.as_ptr() as *const c_void,
            data.len(),
            seed,
            &mut out as *mut u32 as *mut c_void,
        );
    }
    out
}

/// MurmurHash3 x64 128-bit, returned as `(h1, h2)`.
pub fn hash128_parts(data: &[u8], seed: u32) -> (u64, u64) {
    let mut out = [0u64; 2];
    unsafe {
        ffi::MurmurHash3_x64_128(
            data.as_ptr() as *const c_void,
            data.len(),
            seed,
            out.as_mut_ptr() as *mut c_void,
        );
    }
    (out[0], out[1])
}

/// MurmurHash3 x64 128-bit as a single `u128` (`h2` in the high half).
pub fn hash128(data: &[u8], seed: u32) -> u128 {
    let (h1, h2) = hash128_parts(data, seed);
    (u128::from(h2) << 64) | u128::from(h1)
}

/// MurmurHash3 x86 128-bit, returned as four 32-bit words.
pub fn hash128_x86(data: &[u8], seed: u32) -> [u32; 4] {
    let mut out = [0u32; 4];
    unsafe {
        ffi::MurmurHash3_x86_128(
            data.as_ptr() as *const c_void,
            data.len(),
            seed,
            out.as_mut_ptr() as *mut c_void,
        );
    }
    out
}

/// Packed `major << 16 | minor << 8 | patch` of the C library.
pub fn c_version() -> (u8, u8, u8) {
    let v = unsafe { ffi::murmur3_version() };
    ((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

/// Streaming 32-bit hasher; produces the same value as [`hash32`] over the
/// concatenation of all written bytes.
#[derive(Debug, Clone, Copy)]
pub struct Murmur3Hasher {
    state: ffi::murmur3_state,
}

impl Murmur3Hasher {
    pub fn with_seed(seed: u32) -> Self {
        let mut state = ffi::murmur3_state::default();
        unsafe { ffi::murmur3_32_init(&mut state, seed) };
        Murmur3Hasher { state }
    }

    pub fn finish32(&self) -> u32 {
        unsafe { ffi::murmur3_32_final(&self.state) }
    }
}

impl Default for Murmur3Hasher {
    fn default() -> Self {
        Self::with_seed(0)
    }
}

impl Hasher for Murmur3Hasher {
    fn write(&mut self, bytes: &[u8]) {
        unsafe {
            ffi::murmur3_32_update(&mut self.state, bytes.as_ptr() as *const c_void, bytes.len())
        };
    }

    fn finish(&self) -> u64 {
        u64::from(self.finish32())
    }
}

/// `BuildHasher` producing seeded [`Murmur3Hasher`]s.
#[derive(Debug, Clone, Copy, Default)]
pub struct Murmur3BuildHasher {
    seed: u32,
}

impl Murmur3BuildHasher {
    pub const fn new(seed: u32) -> Self {
        Murmur3BuildHasher { seed }
    }
}

impl BuildHasher for Murmur3BuildHasher {
    type Hasher = Murmur3Hasher;

    fn build_hasher(&self) -> Murmur3Hasher {
        Murmur3Hasher::with_seed(self.seed)
    }
}

/// Kafka-compatible partition selection (`murmur2` is Kafka's default; this
/// is the murmur3 variant used by several non-JVM clients).
pub fn partition_for(key: &[u8], partitions: u32) -> u32 {
    assert!(partitions > 0, "partition count must be positive");
    (hash32(key, 0) & 0x7fff_ffff) % partitions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streaming_matches_oneshot() {
        let msg = b"The quick brown fox jumps over the lazy dog";
        for split in 0..msg.len() {
            let mut h = Murmur3Hasher::with_seed(7);
            h.write(&msg[..split]);
            h.write(&msg[split..]);
            assert_eq!(h.finish32(), hash32(msg, 7), "split at {}", split);
        }
    }

    #[test]
    fn version_is_reported() {
        assert_eq!(c_version(), (0, 4, 1));
        assert!(!LINKED_VERSION.is_empty());
    }
}
