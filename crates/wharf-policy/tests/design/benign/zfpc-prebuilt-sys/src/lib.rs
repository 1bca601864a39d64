//! Raw bindings to the zfp 1.0 C API plus two small safe helpers,
//! [`compress_f64`] and [`decompress_f64`], for 1-D `f64` arrays in
//! fixed-accuracy mode.
//!
//! See the README for how the native library is located at build time.

#![allow(non_camel_case_types)]

use std::os::raw::{c_double, c_int, c_uint, c_void};

/// Opaque `zfp_stream`.
#[repr(C)]
pub struct zfp_stream {
    _private: [u8; 0],
}

/// Opaque `zfp_field`.
#[repr(C)]
pub struct zfp_field {
    _private: [u8; 0],
}

/// Opaque `bitstream`.
#[repr(C)]
pub struct bitstream {
    _private: [u8; 0],
}

/// Scalar type of a field.
pub type zfp_type = c_int;
/// No type.
pub const zfp_type_none: zfp_type = 0;
/// `int32_t`.
pub const zfp_type_int32: zfp_type = 1;
/// `int64_t`.
pub const zfp_type_int64: zfp_type = 2;
/// `float`.
pub const zfp_type_float: zfp_type = 3;
/// `double`.
pub const zfp_type_double: zfp_type = 4;

/// Header: magic word.
pub const ZFP_HEADER_MAGIC: c_uint = 0x1;
/// Header: field metadata.
pub const ZFP_HEADER_META: c_uint = 0x2;
/// Header: compression mode.
pub const ZFP_HEADER_MODE: c_uint = 0x4;
/// Header: everything.
pub const ZFP_HEADER_FULL: c_uint = 0x7;

extern "C" {
    pub fn stream_open(buffer: *mut c_void, bytes: usize) -> *mut bitstream;
    pub fn stream_close(stream: *mut bitstream);

    pub fn zfp_stream_open(stream: *mut bitstream) -> *mut zfp_stream;
    pub fn zfp_stream_close(zfp: *mut zfp_stream);
    pub fn zfp_stream_set_bit_stream(zfp: *mut zfp_stream, stream: *mut bitstream);
    pub fn zfp_stream_rewind(zfp: *mut zfp_stream);
    pub fn zfp_stream_set_accuracy(zfp: *mut zfp_stream, tolerance: c_double) -> c_double;
    pub fn zfp_stream_set_precision(zfp: *mut zfp_stream, precision: c_uint) -> c_uint;
    pub fn zfp_stream_set_reversible(zfp: *mut zfp_stream);
    pub fn zfp_stream_maximum_size(zfp: *const zfp_stream, field: *const zfp_field) -> usize;

    pub fn zfp_field_1d(pointer: *mut c_void, ty: zfp_type, nx: usize) -> *mut zfp_field;
    pub fn zfp_field_2d(pointer: *mut c_void, ty: zfp_type, nx: usize, ny: usize) -> *mut zfp_field;
    pub fn zfp_field_3d(pointer: *mut c_void, ty: zfp_type, nx: usize, ny: usize, nz: usize) -> *mut zfp_field;
    pub fn zfp_field_free(field: *mut zfp_field);
    pub fn zfp_field_size(field: *const zfp_field, size: *mut usize) -> usize;
    pub fn zfp_field_type(field: *const zfp_field) -> zfp_type;

    pub fn zfp_compress(zfp: *mut zfp_stream, field: *const zfp_field) -> usize;
    pub fn zfp_decompress(zfp: *mut zfp_stream, field: *mut zfp_field) -> usize;
    pub fn zfp_write_header(zfp: *mut zfp_stream, field: *const zfp_field, mask: c_uint) -> usize;
    pub fn zfp_read_header(zfp: *mut zfp_stream, field: *mut zfp_field, mask: c_uint) -> usize;
}

/// Failure in one of the safe helpers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZfpError {
    /// A zfp allocation returned NULL.
    Alloc,
    /// `zfp_compress` / `zfp_decompress` returned 0.
    Codec,
    /// The stream header did not match.
    Header,
}

impl std::fmt::Display for ZfpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ZfpError::Alloc => "zfp allocation failed",
            ZfpError::Codec => "zfp codec error",
            ZfpError::Header => "zfp header mismatch",
        })
    }
}

impl std::error::Error for ZfpError {}

// Owns the three zfp handles and frees them in the right order.
struct Session {
    field: *mut zfp_field,
    zfp: *mut zfp_stream,
    bits: *mut bitstream,
}

impl Drop for Session {
    fn drop(&mut self) {
        // SAFETY: each pointer is either NULL or was returned by the matching
        // constructor and has not been freed.
        unsafe {
            if !self.zfp.is_null() {
                zfp_stream_close(self.zfp);
            }
            if !self.bits.is_null() {
                stream_close(self.bits);
            }
            if !self.field.is_null() {
                zfp_field_free(self.field);
            }
        }
    }
}

/// Compress a 1-D `f64` slice with absolute error at most `tolerance`.
/// The output carries a full zfp header.
pub fn compress_f64(data: &[f64], tolerance: f64) -> Result<Vec<u8>, ZfpError> {
    // SAFETY: zfp only reads through the field pointer during compression;
    // the buffer outlives the session and is sized by zfp_stream_maximum_size.
    unsafe {
        let mut s = Session {
            field: zfp_field_1d(data.as_ptr() as *mut c_void, zfp_type_double, data.len()),
            zfp: zfp_stream_open(std::ptr::null_mut()),
            bits: std::ptr::null_mut(),
        };
        if s.field.is_null() || s.zfp.is_null() {
            return Err(ZfpError::Alloc);
        }
        zfp_stream_set_accuracy(s.zfp, tolerance);
        let cap = zfp_stream_maximum_size(s.zfp, s.field);
        let mut buf = vec![0u8; cap];
        s.bits = stream_open(buf.as_mut_ptr() as *mut c_void, cap);
        if s.bits.is_null() {
            return Err(ZfpError::Alloc);
        }
        zfp_stream_set_bit_stream(s.zfp, s.bits);
        zfp_stream_rewind(s.zfp);
        if zfp_write_header(s.zfp, s.field, ZFP_HEADER_FULL) == 0 {
            return Err(ZfpError::Header);
        }
        let n = zfp_compress(s.zfp, s.field);
        if n == 0 {
            return Err(ZfpError::Codec);
        }
        drop(s);
        buf.truncate(n);
        Ok(buf)
    }
}

/// Decompress the output of [`compress_f64`] into `len` values.
pub fn decompress_f64(packed: &[u8], len: usize) -> Result<Vec<f64>, ZfpError> {
    let mut out = vec![0f64; len];
    // SAFETY: zfp writes at most `len` doubles through the field pointer
    // (the header is checked against the field below) and only reads `packed`.
    unsafe {
        let s = Session {
            field: zfp_field_1d(out.as_mut_ptr() as *mut c_void, zfp_type_double, len),
            zfp: zfp_stream_open(std::ptr::null_mut()),
            bits: stream_open(packed.as_ptr() as *mut c_void, packed.len()),
        };
        if s.field.is_null() || s.zfp.is_null() || s.bits.is_null() {
            return Err(ZfpError::Alloc);
        }
        zfp_stream_set_bit_stream(s.zfp, s.bits);
        zfp_stream_rewind(s.zfp);
        if zfp_read_header(s.zfp, s.field, ZFP_HEADER_FULL) == 0 {
            return Err(ZfpError::Header);
        }
        // The header rewrites the field's type and extent; refuse anything
        // that would not fit in `out`.
        if zfp_field_type(s.field) != zfp_type_double
            || zfp_field_size(s.field, std::ptr::null_mut()) != len
        {
            return Err(ZfpError::Header);
        }
        if zfp_decompress(s.zfp, s.field) == 0 {
            return Err(ZfpError::Codec);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_within_tolerance() {
        let data: Vec<f64> = (0..4096).map(|i| (i as f64 * 0.01).sin() * 100.0).collect();
        let packed = compress_f64(&data, 1e-4).unwrap();
        assert!(packed.len() < data.len() * 8);
        let back = decompress_f64(&packed, data.len()).unwrap();
        for (a, b) in data.iter().zip(&back) {
            assert!((a - b).abs() <= 1e-4, "{a} vs {b}");
        }
    }

    #[test]
    fn type_constants() {
        assert_eq!(zfp_type_double, 4);
        assert_eq!(ZFP_HEADER_FULL, ZFP_HEADER_MAGIC | ZFP_HEADER_META | ZFP_HEADER_MODE);
    }
}
