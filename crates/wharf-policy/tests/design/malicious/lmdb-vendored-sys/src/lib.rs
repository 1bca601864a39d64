//! Raw FFI bindings to liblmdb.
//!
//! Everything here mirrors `lmdb.h` one to one. See the upstream documentation
//! for the semantics of each call; safe wrappers live in other crates.

#![allow(non_camel_case_types)]
#![allow(non_upper_case_globals)]
#![no_std]

mod constants;
mod ffi;

pub use constants::*;
pub use ffi::*;

/// Convert an LMDB return code to a short static description without going
/// through `mdb_strerror` (useful in `no_std` contexts).
pub fn error_name(rc: i32) -> &'static str {
    match rc {
        MDB_SUCCESS => "MDB_SUCCESS",
        MDB_KEYEXIST => "MDB_KEYEXIST",
        MDB_NOTFOUND => "MDB_NOTFOUND",
        MDB_PAGE_NOTFOUND => "MDB_PAGE_NOTFOUND",
        MDB_CORRUPTED => "MDB_CORRUPTED",
        MDB_PANIC => "MDB_PANIC",
        MDB_VERSION_MISMATCH => "MDB_VERSION_MISMATCH",
        MDB_INVALID => "MDB_INVALID",
        MDB_MAP_FULL => "MDB_MAP_FULL",
        MDB_DBS_FULL => "MDB_DBS_FULL",
        MDB_READERS_FULL => "MDB_READERS_FULL",
        MDB_TLS_FULL => "MDB_TLS_FULL",
        MDB_TXN_FULL => "MDB_TXN_FULL",
        MDB_CURSOR_FULL => "MDB_CURSOR_FULL",
        MDB_PAGE_FULL => "MDB_PAGE_FULL",
        MDB_MAP_RESIZED => "MDB_MAP_RESIZED",
        MDB_INCOMPATIBLE => "MDB_INCOMPATIBLE",
        MDB_BAD_RSLOT => "MDB_BAD_RSLOT",
        MDB_BAD_TXN => "MDB_BAD_TXN",
        MDB_BAD_VALSIZE => "MDB_BAD_VALSIZE",
        MDB_BAD_DBI => "MDB_BAD_DBI",
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(error_name(MDB_NOTFOUND), "MDB_NOTFOUND");
        assert_eq!(error_name(12345), "unknown");
    }
}
