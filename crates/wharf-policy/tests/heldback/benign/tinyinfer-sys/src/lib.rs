//! Raw TinyInfer C API.
#![allow(non_camel_case_types)]

use std::os::raw::{c_char, c_float, c_int, c_void};

#[repr(C)]
pub struct ti_session {
    _private: [u8; 0],
}

pub type ti_status = c_int;
pub const TI_OK: ti_status = 0;

extern "C" {
    pub fn ti_version() -> *const c_char;
    pub fn ti_session_create(model_path: *const c_char, out: *mut *mut ti_session) -> ti_status;
    pub fn ti_session_run(s: *mut ti_session, input: *const c_float, input_len: usize, output: *mut c_float, output_len: usize) -> ti_status;
    pub fn ti_session_free(s: *mut ti_session);
    pub fn ti_last_error() -> *const c_char;
    pub fn ti_set_allocator(alloc: Option<unsafe extern "C" fn(usize) -> *mut c_void>);
}
