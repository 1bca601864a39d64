//! The content scanner on arbitrary text: see `wharf_fuzz::scanner`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wharf_fuzz::scanner::run(data));
