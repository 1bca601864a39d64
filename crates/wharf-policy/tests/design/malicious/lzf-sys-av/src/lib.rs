//! Bindings to a vendored LZF compressor.
//!
//! The raw functions mirror `lzf.h`; [`compress`] and [`decompress`] wrap them
//! with buffer management.

#![cfg_attr(not(test), no_std)]
extern crate alloc;

use alloc::vec::Vec;
use core::fmt;
use libc::{c_uint, c_void};

extern "C" {
    /// Compress `in_len` bytes into `out_data`; returns the compressed size
    /// or 0 if it would not fit in `out_len` bytes.
    pub fn lzf_compress(
        in_data: *const c_void,
        in_len: c_uint,
        out_data: *mut c_void,
        out_len: c_uint,
    ) -> c_uint;

    /// Decompress; returns the decompressed size, or 0 with `errno` set to
    /// `E2BIG` (output too small) or `EINVAL` (corrupt input).
    pub fn lzf_decompress(
        in_data: *const c_void,
        in_len: c_uint,
        out_data: *mut c_void,
        out_len: c_uint,
    ) -> c_uint;
}

/// Library version encoded as in `LZF_VERSION`.
pub const LZF_VERSION: u32 = 0x0105;

/// Errors from the safe wrappers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// Input longer than `u32::MAX` bytes.
    TooLarge,
    /// Output did not fit in the allowed size.
    OutputTooSmall,
    /// Compressed data is corrupt.
    Corrupt,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Error::TooLarge => "input too large for LZF",
            Error::OutputTooSmall => "output buffer too small",
            Error::Corrupt => "corrupt LZF stream",
        })
    }
}

/// Worst-case compressed size for `n` input bytes (literal runs only).
pub const fn max_compressed_len(n: usize) -> usize {
    n + n / 32 + 2
}

/// Compress `input`. Returns `None` if the data is incompressible enough
/// that LZF output would exceed [`max_compressed_len`].
pub fn compress(input: &[u8]) -> Result<Vec<u8>, Error> {
    if input.is_empty() {
        return Ok(Vec::new());
    }
    let in_len: c_uint = input.len().try_into().map_err(|_| Error::TooLarge)?;
    let cap = max_compressed_len(input.len());
    let cap_c: c_uint = cap.try_into().map_err(|_| Error::TooLarge)?;
    let mut out = Vec::with_capacity(cap);
    // SAFETY: `out` has `cap` bytes of capacity and lzf_compress never
    // writes past `out_len`.
    let n = unsafe {
        lzf_compress(input.as_ptr().cast(), in_len, out.as_mut_ptr().cast(), cap_c)
    };
    if n == 0 {
        return Err(Error::OutputTooSmall);
    }
    // SAFETY: lzf_compress initialised the first `n` bytes.
    unsafe { out.set_len(n as usize) };
    Ok(out)
}

/// Decompress `input`, which must expand to at most `max_len` bytes.
pub fn decompress(input: &[u8], max_len: usize) -> Result<Vec<u8>, Error> {
    if input.is_empty() || max_len == 0 {
        return Ok(Vec::new());
    }
    let in_len: c_uint = input.len().try_into().map_err(|_| Error::TooLarge)?;
    let out_len: c_uint = max_len.try_into().map_err(|_| Error::TooLarge)?;
    let mut out = Vec::with_capacity(max_len);
    // SAFETY: capacity is `max_len`; lzf_decompress checks bounds on both sides.
    let n = unsafe {
        lzf_decompress(input.as_ptr().cast(), in_len, out.as_mut_ptr().cast(), out_len)
    };
    if n == 0 {
        return Err(match errno() {
            libc::E2BIG => Error::OutputTooSmall,
            _ => Error::Corrupt,
        });
    }
    // SAFETY: the first `n` bytes were written.
    unsafe { out.set_len(n as usize) };
    Ok(out)
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn errno() -> i32 {
    unsafe { *libc::__errno_location() }
}

#[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd"))]
fn errno() -> i32 {
    unsafe { *libc::__error() }
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd"
)))]
fn errno() -> i32 {
    libc::EINVAL
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound() {
        assert_eq!(max_compressed_len(0), 2);
        assert_eq!(max_compressed_len(64), 68);
    }
}
