#![allow(non_camel_case_types)]
//! Raw FFI. See the `gitshim.h` header in `shim/`.

use libc::{c_char, c_int, c_uchar, size_t};

#[repr(C)]
pub struct gitshim_odb {
    _private: [u8; 0],
}

pub const GITSHIM_OK: c_int = 0;
pub const GITSHIM_ENOTFOUND: c_int = -3;

extern "C" {
    pub fn gitshim_odb_open(path: *const c_char, out: *mut *mut gitshim_odb) -> c_int;
    pub fn gitshim_odb_close(odb: *mut gitshim_odb);
    pub fn gitshim_odb_exists(odb: *mut gitshim_odb, oid: *const c_uchar) -> c_int;
    pub fn gitshim_odb_read(odb: *mut gitshim_odb, oid: *const c_uchar, buf: *mut c_uchar, cap: size_t, len: *mut size_t, kind: *mut c_int) -> c_int;
    pub fn gitshim_odb_write(odb: *mut gitshim_odb, data: *const c_uchar, len: size_t, kind: c_int, oid_out: *mut c_uchar) -> c_int;
}
