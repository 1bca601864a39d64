//! Raw bindings to the vendored miniz subset.
#![allow(non_camel_case_types)]

use libc::{c_char, c_int, c_uchar, c_ulong, size_t};

pub type mz_ulong = c_ulong;

pub const MZ_OK: c_int = 0;
pub const MZ_STREAM_END: c_int = 1;
pub const MZ_BUF_ERROR: c_int = -5;
pub const MZ_PARAM_ERROR: c_int = -10000;
pub const MZ_NO_COMPRESSION: c_int = 0;

extern "C" {
    pub fn mz_version() -> *const c_char;
    pub fn mz_adler32(adler: mz_ulong, ptr: *const c_uchar, len: size_t) -> mz_ulong;
    pub fn mz_crc32(crc: mz_ulong, ptr: *const c_uchar, len: size_t) -> mz_ulong;
    pub fn mz_compressBound(len: mz_ulong) -> mz_ulong;
    pub fn mz_compress2(dst: *mut c_uchar, dst_len: *mut mz_ulong, src: *const c_uchar, src_len: mz_ulong, level: c_int) -> c_int;
    pub fn mz_uncompress(dst: *mut c_uchar, dst_len: *mut mz_ulong, src: *const c_uchar, src_len: mz_ulong) -> c_int;
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn checksums() {
        let d = b"Wikipedia";
        assert_eq!(unsafe { mz_adler32(1, d.as_ptr(), d.len()) }, 0x11E6_0398);
        let q = b"The quick brown fox jumps over the lazy dog";
        assert_eq!(unsafe { mz_crc32(0, q.as_ptr(), q.len()) }, 0x414F_A339);
    }
}
