//! The body of a publish request: see `wharf_fuzz::publish`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wharf_fuzz::publish::run(data));
