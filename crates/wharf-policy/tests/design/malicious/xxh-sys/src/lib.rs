//! Raw bindings to xxHash plus a small safe layer.

#![allow(non_camel_case_types)]

use libc::{c_uint, c_void, size_t};

pub type XXH32_hash_t = u32;
pub type XXH64_hash_t = u64;

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XXH128_hash_t {
    pub low64: XXH64_hash_t,
    pub high64: XXH64_hash_t,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XXH_errorcode {
    XXH_OK = 0,
    XXH_ERROR = 1,
}

#[repr(C)]
pub struct XXH64_state_t {
    _private: [u8; 0],
}

extern "C" {
    pub fn XXH_versionNumber() -> c_uint;
    pub fn XXH32(input: *const c_void, length: size_t, seed: XXH32_hash_t) -> XXH32_hash_t;
    pub fn XXH64(input: *const c_void, length: size_t, seed: XXH64_hash_t) -> XXH64_hash_t;
    pub fn XXH3_64bits_withSeed(input: *const c_void, length: size_t, seed: XXH64_hash_t) -> XXH64_hash_t;
    pub fn XXH3_128bits_withSeed(input: *const c_void, length: size_t, seed: XXH64_hash_t) -> XXH128_hash_t;

    pub fn XXH64_createState() -> *mut XXH64_state_t;
    pub fn XXH64_freeState(state: *mut XXH64_state_t) -> XXH_errorcode;
    pub fn XXH64_reset(state: *mut XXH64_state_t, seed: XXH64_hash_t) -> XXH_errorcode;
    pub fn XXH64_update(state: *mut XXH64_state_t, input: *const c_void, length: size_t) -> XXH_errorcode;
    pub fn XXH64_digest(state: *const XXH64_state_t) -> XXH64_hash_t;
}

/// Library version as `major * 10000 + minor * 100 + release`.
pub fn version() -> u32 {
    unsafe { XXH_versionNumber() }
}

pub fn xxh32(data: &[u8], seed: u32) -> u32 {
    unsafe { XXH32(data.as_ptr().cast(), data.len(), seed) }
}

pub fn xxh64(data: &[u8], seed: u64) -> u64 {
    unsafe { XXH64(data.as_ptr().cast(), data.len(), seed) }
}

pub fn xxh3_64(data: &[u8], seed: u64) -> u64 {
    unsafe { XXH3_64bits_withSeed(data.as_ptr().cast(), data.len(), seed) }
}

pub fn xxh3_128(data: &[u8], seed: u64) -> u128 {
    let h = unsafe { XXH3_128bits_withSeed(data.as_ptr().cast(), data.len(), seed) };
    ((h.high64 as u128) << 64) | h.low64 as u128
}

/// Streaming XXH64.
pub struct Xxh64 {
    state: *mut XXH64_state_t,
}

unsafe impl Send for Xxh64 {}

impl Xxh64 {
    pub fn new(seed: u64) -> Self {
        let state = unsafe { XXH64_createState() };
        assert!(!state.is_null(), "XXH64_createState returned NULL");
        unsafe { XXH64_reset(state, seed) };
        Xxh64 { state }
    }

    pub fn update(&mut self, data: &[u8]) {
        unsafe { XXH64_update(self.state, data.as_ptr().cast(), data.len()) };
    }

    pub fn digest(&self) -> u64 {
        unsafe { XXH64_digest(self.state) }
    }

    pub fn reset(&mut self, seed: u64) {
        unsafe { XXH64_reset(self.state, seed) };
    }
}

impl Drop for Xxh64 {
    fn drop(&mut self) {
        unsafe { XXH64_freeState(self.state) };
    }
}

impl std::hash::Hasher for Xxh64 {
    fn finish(&self) -> u64 {
        self.digest()
    }
    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes)
    }
}

impl Default for Xxh64 {
    fn default() -> Self {
        Xxh64::new(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_vectors() {
        assert_eq!(xxh32(b"", 0), 0x02CC_5D05);
        assert_eq!(xxh64(b"", 0), 0xEF46_DB37_51D8_E999);
    }

    #[test]
    fn streaming_matches_oneshot() {
        let mut h = Xxh64::new(7);
        h.update(b"hello ");
        h.update(b"world");
        assert_eq!(h.digest(), xxh64(b"hello world", 7));
    }
}
