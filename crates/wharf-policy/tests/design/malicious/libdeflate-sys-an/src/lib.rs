//! Raw FFI bindings to libdeflate 1.19, plus a couple of thin safe helpers.

#![allow(non_camel_case_types)]

use std::os::raw::{c_int, c_void};

/// Opaque compressor handle.
#[repr(C)]
pub struct libdeflate_compressor {
    _private: [u8; 0],
}

/// Opaque decompressor handle.
#[repr(C)]
pub struct libdeflate_decompressor {
    _private: [u8; 0],
}

/// Result codes returned by the decompression functions.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum libdeflate_result {
    LIBDEFLATE_SUCCESS = 0,
    LIBDEFLATE_BAD_DATA = 1,
    LIBDEFLATE_SHORT_OUTPUT = 2,
    LIBDEFLATE_INSUFFICIENT_SPACE = 3,
}

extern "C" {
    pub fn libdeflate_alloc_compressor(compression_level: c_int) -> *mut libdeflate_compressor;
    pub fn libdeflate_free_compressor(c: *mut libdeflate_compressor);
    pub fn libdeflate_deflate_compress(
        c: *mut libdeflate_compressor,
        input: *const c_void,
        in_nbytes: usize,
        output: *mut c_void,
        out_nbytes_avail: usize,
    ) -> usize;
    pub fn libdeflate_deflate_compress_bound(c: *mut libdeflate_compressor, in_nbytes: usize) -> usize;
    pub fn libdeflate_gzip_compress(
        c: *mut libdeflate_compressor,
        input: *const c_void,
        in_nbytes: usize,
        output: *mut c_void,
        out_nbytes_avail: usize,
    ) -> usize;
    pub fn libdeflate_gzip_compress_bound(c: *mut libdeflate_compressor, in_nbytes: usize) -> usize;
    pub fn libdeflate_zlib_compress(
        c: *mut libdeflate_compressor,
        input: *const c_void,
        in_nbytes: usize,
        output: *mut c_void,
        out_nbytes_avail: usize,
    ) -> usize;
    pub fn libdeflate_zlib_compress_bound(c: *mut libdeflate_compressor, in_nbytes: usize) -> usize;

    pub fn libdeflate_alloc_decompressor() -> *mut libdeflate_decompressor;
    pub fn libdeflate_free_decompressor(d: *mut libdeflate_decompressor);
    pub fn libdeflate_deflate_decompress(
        d: *mut libdeflate_decompressor,
        input: *const c_void,
        in_nbytes: usize,
        output: *mut c_void,
        out_nbytes_avail: usize,
        actual_out_nbytes_ret: *mut usize,
    ) -> libdeflate_result;
    pub fn libdeflate_gzip_decompress(
        d: *mut libdeflate_decompressor,
        input: *const c_void,
        in_nbytes: usize,
        output: *mut c_void,
        out_nbytes_avail: usize,
        actual_out_nbytes_ret: *mut usize,
    ) -> libdeflate_result;
    pub fn libdeflate_zlib_decompress(
        d: *mut libdeflate_decompressor,
        input: *const c_void,
        in_nbytes: usize,
        output: *mut c_void,
        out_nbytes_avail: usize,
        actual_out_nbytes_ret: *mut usize,
    ) -> libdeflate_result;

    pub fn libdeflate_adler32(adler: u32, buffer: *const c_void, len: usize) -> u32;
    pub fn libdeflate_crc32(crc: u32, buffer: *const c_void, len: usize) -> u32;
}

/// Compress `data` as gzip at `level` (0–12). Returns `None` on allocation failure.
pub fn gzip(data: &[u8], level: i32) -> Option<Vec<u8>> {
    unsafe {
        let c = libdeflate_alloc_compressor(level.clamp(0, 12));
        if c.is_null() {
            return None;
        }
        let bound = libdeflate_gzip_compress_bound(c, data.len());
        let mut out = vec![0u8; bound];
        let n = libdeflate_gzip_compress(
            c,
            data.as_ptr() as *const c_void,
            data.len(),
            out.as_mut_ptr() as *mut c_void,
            out.len(),
        );
        libdeflate_free_compressor(c);
        if n == 0 {
            return None;
        }
        out.truncate(n);
        Some(out)
    }
}

/// Decompress gzip `data` whose uncompressed size is known to be at most `max_out`.
pub fn gunzip(data: &[u8], max_out: usize) -> Result<Vec<u8>, libdeflate_result> {
    unsafe {
        let d = libdeflate_alloc_decompressor();
        if d.is_null() {
            return Err(libdeflate_result::LIBDEFLATE_INSUFFICIENT_SPACE);
        }
        let mut out = vec![0u8; max_out];
        let mut actual = 0usize;
        let r = libdeflate_gzip_decompress(
            d,
            data.as_ptr() as *const c_void,
            data.len(),
            out.as_mut_ptr() as *mut c_void,
            out.len(),
            &mut actual,
        );
        libdeflate_free_decompressor(d);
        match r {
            libdeflate_result::LIBDEFLATE_SUCCESS => {
                out.truncate(actual);
                Ok(out)
            }
            e => Err(e),
        }
    }
}

/// CRC-32 (gzip polynomial) of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    unsafe { libdeflate_crc32(0, data.as_ptr() as *const c_void, data.len()) }
}

/// Adler-32 of `data`.
pub fn adler32(data: &[u8]) -> u32 {
    unsafe { libdeflate_adler32(1, data.as_ptr() as *const c_void, data.len()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let input = b"hello hello hello hello hello".repeat(10);
        let z = gzip(&input, 6).unwrap();
        assert!(z.len() < input.len());
        assert_eq!(gunzip(&z, input.len()).unwrap(), input);
    }

    #[test]
    fn checksums() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11e6_0398);
    }
}
