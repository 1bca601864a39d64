//! Raw bindings to lz4mini. See the `lz4mini` crate for a safe wrapper.
#![allow(non_camel_case_types)]

use libc::{c_char, c_int, c_uchar, size_t};

extern "C" {
    pub fn lz4mini_bound(src_len: size_t) -> size_t;
    pub fn lz4mini_compress(src: *const c_uchar, src_len: size_t, dst: *mut c_uchar, dst_cap: size_t) -> c_int;
    pub fn lz4mini_decompress(src: *const c_uchar, src_len: size_t, dst: *mut c_uchar, dst_cap: size_t) -> c_int;
    pub fn lz4mini_version() -> *const c_char;
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn roundtrip() {
        let input = b"hello hello hello hello hello hello world".repeat(10);
        unsafe {
            let mut c = vec![0u8; lz4mini_bound(input.len())];
            let n = lz4mini_compress(input.as_ptr(), input.len(), c.as_mut_ptr(), c.len());
            assert!(n > 0);
            let mut d = vec![0u8; input.len()];
            let m = lz4mini_decompress(c.as_ptr(), n as usize, d.as_mut_ptr(), d.len());
            assert_eq!(m as usize, input.len());
            assert_eq!(d, input);
        }
    }
}
