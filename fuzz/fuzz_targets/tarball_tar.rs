//! A tar archive, gzipped here so that every input gets past the gzip layer to the tar reader:
//! see `wharf_fuzz::tarball`.
#![no_main]

libfuzzer_sys::fuzz_target!(|tar: &[u8]| wharf_fuzz::tarball::run(&wharf_fuzz::gzip(tar)));
