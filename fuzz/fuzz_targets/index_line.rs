//! Index files, read and written: see `wharf_fuzz::index`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wharf_fuzz::index::run(data));
