//! An uploaded `.crate` file as it arrives: see `wharf_fuzz::tarball`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wharf_fuzz::tarball::run(data));
