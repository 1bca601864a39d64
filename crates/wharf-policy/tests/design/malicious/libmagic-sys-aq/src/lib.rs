//! Raw FFI bindings to libmagic (`magic.h`, file 5.3x–5.4x).
//!
//! The [`cookie`] module provides a minimal safe wrapper.

#![allow(non_camel_case_types)]

use std::os::raw::{c_char, c_int, c_void};

pub mod cookie;

/// Opaque libmagic state.
#[repr(C)]
pub struct magic_set {
    _private: [u8; 0],
}

pub type magic_t = *mut magic_set;

pub const MAGIC_NONE: c_int = 0x000_0000;
pub const MAGIC_DEBUG: c_int = 0x000_0001;
pub const MAGIC_SYMLINK: c_int = 0x000_0002;
pub const MAGIC_COMPRESS: c_int = 0x000_0004;
pub const MAGIC_DEVICES: c_int = 0x000_0008;
pub const MAGIC_MIME_TYPE: c_int = 0x000_0010;
pub const MAGIC_CONTINUE: c_int = 0x000_0020;
pub const MAGIC_CHECK: c_int = 0x000_0040;
pub const MAGIC_PRESERVE_ATIME: c_int = 0x000_0080;
pub const MAGIC_RAW: c_int = 0x000_0100;
pub const MAGIC_ERROR: c_int = 0x000_0200;
pub const MAGIC_MIME_ENCODING: c_int = 0x000_0400;
pub const MAGIC_MIME: c_int = MAGIC_MIME_TYPE | MAGIC_MIME_ENCODING;
pub const MAGIC_APPLE: c_int = 0x000_0800;
pub const MAGIC_EXTENSION: c_int = 0x100_0000;
pub const MAGIC_COMPRESS_TRANSP: c_int = 0x200_0000;
pub const MAGIC_NO_COMPRESS_FORK: c_int = 0x400_0000;
pub const MAGIC_NODESC: c_int = MAGIC_EXTENSION | MAGIC_MIME | MAGIC_APPLE;

pub const MAGIC_NO_CHECK_COMPRESS: c_int = 0x000_1000;
pub const MAGIC_NO_CHECK_TAR: c_int = 0x000_2000;
pub const MAGIC_NO_CHECK_SOFT: c_int = 0x000_4000;
pub const MAGIC_NO_CHECK_APPTYPE: c_int = 0x000_8000;
pub const MAGIC_NO_CHECK_ELF: c_int = 0x001_0000;
pub const MAGIC_NO_CHECK_TEXT: c_int = 0x002_0000;
pub const MAGIC_NO_CHECK_CDF: c_int = 0x004_0000;
pub const MAGIC_NO_CHECK_CSV: c_int = 0x008_0000;
pub const MAGIC_NO_CHECK_TOKENS: c_int = 0x010_0000;
pub const MAGIC_NO_CHECK_ENCODING: c_int = 0x020_0000;
pub const MAGIC_NO_CHECK_JSON: c_int = 0x040_0000;
pub const MAGIC_NO_CHECK_SIMH: c_int = 0x080_0000;

pub const MAGIC_PARAM_INDIR_MAX: c_int = 0;
pub const MAGIC_PARAM_NAME_MAX: c_int = 1;
pub const MAGIC_PARAM_ELF_PHNUM_MAX: c_int = 2;
pub const MAGIC_PARAM_ELF_SHNUM_MAX: c_int = 3;
pub const MAGIC_PARAM_ELF_NOTES_MAX: c_int = 4;
pub const MAGIC_PARAM_REGEX_MAX: c_int = 5;
pub const MAGIC_PARAM_BYTES_MAX: c_int = 6;
pub const MAGIC_PARAM_ENCODING_MAX: c_int = 7;

extern "C" {
    pub fn magic_open(flags: c_int) -> magic_t;
    pub fn magic_close(cookie: magic_t);

    pub fn magic_getpath(magicfile: *const c_char, action: c_int) -> *const c_char;
    pub fn magic_file(cookie: magic_t, filename: *const c_char) -> *const c_char;
    pub fn magic_descriptor(cookie: magic_t, fd: c_int) -> *const c_char;
    pub fn magic_buffer(cookie: magic_t, buffer: *const c_void, length: usize) -> *const c_char;

    pub fn magic_error(cookie: magic_t) -> *const c_char;
    pub fn magic_getflags(cookie: magic_t) -> c_int;
    pub fn magic_setflags(cookie: magic_t, flags: c_int) -> c_int;

    pub fn magic_version() -> c_int;
    pub fn magic_load(cookie: magic_t, filename: *const c_char) -> c_int;
    pub fn magic_load_buffers(
        cookie: magic_t,
        buffers: *mut *mut c_void,
        sizes: *mut usize,
        nbuffers: usize,
    ) -> c_int;

    pub fn magic_compile(cookie: magic_t, filename: *const c_char) -> c_int;
    pub fn magic_check(cookie: magic_t, filename: *const c_char) -> c_int;
    pub fn magic_list(cookie: magic_t, filename: *const c_char) -> c_int;
    pub fn magic_errno(cookie: magic_t) -> c_int;

    pub fn magic_setparam(cookie: magic_t, param: c_int, value: *const c_void) -> c_int;
    pub fn magic_getparam(cookie: magic_t, param: c_int, value: *mut c_void) -> c_int;
}
