//! Raw FFI to the vendored Argon2 reference implementation.
#![allow(non_camel_case_types)]
use libc::{c_char, c_int, c_void, size_t, uint32_t};

pub type argon2_type = c_int;
pub const Argon2_d: argon2_type = 0;
pub const Argon2_i: argon2_type = 1;
pub const Argon2_id: argon2_type = 2;

pub const ARGON2_VERSION_13: uint32_t = 0x13;
pub const ARGON2_OK: c_int = 0;

extern "C" {
    pub fn argon2_hash(
        t_cost: uint32_t,
        m_cost: uint32_t,
        parallelism: uint32_t,
        pwd: *const c_void,
        pwdlen: size_t,
        salt: *const c_void,
        saltlen: size_t,
        hash: *mut c_void,
        hashlen: size_t,
        encoded: *mut c_char,
        encodedlen: size_t,
        type_: argon2_type,
        version: uint32_t,
    ) -> c_int;

    pub fn argon2id_hash_raw(
        t_cost: uint32_t,
        m_cost: uint32_t,
        parallelism: uint32_t,
        pwd: *const c_void,
        pwdlen: size_t,
        salt: *const c_void,
        saltlen: size_t,
        hash: *mut c_void,
        hashlen: size_t,
    ) -> c_int;

    pub fn argon2id_verify(encoded: *const c_char, pwd: *const c_void, pwdlen: size_t) -> c_int;

    pub fn argon2_error_message(error_code: c_int) -> *const c_char;

    pub fn argon2_encodedlen(
        t_cost: uint32_t,
        m_cost: uint32_t,
        parallelism: uint32_t,
        saltlen: uint32_t,
        hashlen: uint32_t,
        type_: argon2_type,
    ) -> size_t;
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn kat_argon2id() {
        let mut out = [0u8; 32];
        let r = unsafe {
            argon2id_hash_raw(2, 1 << 10, 1, b"password".as_ptr() as _, 8, b"somesalt".as_ptr() as _, 8, out.as_mut_ptr() as _, 32)
        };
        assert_eq!(r, ARGON2_OK);
    }
}
