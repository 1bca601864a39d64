//! Raw FFI bindings to the vendored CRC-32C implementation, plus a couple of
//! tiny safe helpers.

#![no_std]

use libc::{c_int, size_t};

extern "C" {
    /// Extend a running CRC-32C (start with 0).
    pub fn crc32c_hw_extend(crc: u32, data: *const u8, len: size_t) -> u32;
    /// Portable table-driven implementation.
    pub fn crc32c_sw_extend(crc: u32, data: *const u8, len: size_t) -> u32;
    /// Non-zero if a hardware path is compiled in and usable.
    pub fn crc32c_hw_available() -> c_int;
}

/// CRC-32C of `data`.
#[inline]
pub fn checksum(data: &[u8]) -> u32 {
    extend(0, data)
}

/// Extend `crc` with `data`.
#[inline]
pub fn extend(crc: u32, data: &[u8]) -> u32 {
    // SAFETY: pointer/len come from a valid slice; the C code only reads.
    unsafe { crc32c_hw_extend(crc, data.as_ptr(), data.len() as size_t) }
}

/// Software-only CRC-32C (useful for cross-checking).
#[inline]
pub fn checksum_sw(data: &[u8]) -> u32 {
    // SAFETY: as above.
    unsafe { crc32c_sw_extend(0, data.as_ptr(), data.len() as size_t) }
}

/// Whether hardware acceleration is active.
pub fn hw_available() -> bool {
    // SAFETY: no arguments, pure query.
    unsafe { crc32c_hw_available() != 0 }
}

/// Masked CRC as used by LevelDB / Snappy framing.
pub fn masked(data: &[u8]) -> u32 {
    let c = checksum(data);
    ((c >> 15) | (c << 17)).wrapping_add(0xa282_ead8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_value() {
        assert_eq!(checksum(b"123456789"), 0xE306_9283);
        assert_eq!(checksum_sw(b"123456789"), 0xE306_9283);
    }

    #[test]
    fn incremental_matches() {
        let data = [0x5au8; 1000];
        let a = checksum(&data);
        let b = extend(extend(0, &data[..333]), &data[333..]);
        assert_eq!(a, b);
    }

    #[test]
    fn empty() {
        assert_eq!(checksum(b""), 0);
    }
}
