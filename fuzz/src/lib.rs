//! The bodies of Wharf's fuzz targets, shared by the `fuzz_targets/` binaries (one line each) and
//! the seed generator (`examples/seeds.rs`).
//!
//! Each target calls the production entry point on the fuzzer's bytes and then checks what must
//! hold of the answer, so that a wrong answer is found as well as a panic: a frame re-encodes to
//! the body it came from, a `.crate` file that is accepted is self-consistent and reads the same
//! under tighter limits, an index file written from what was read reads back the same, and the
//! scanner's findings point at files that exist. A failed `assert!` aborts the run like any other
//! panic, and libFuzzer keeps the input.

pub mod index;
pub mod manifest;
pub mod publish;
pub mod scanner;
pub mod tarball;

use std::io::Write;

/// Gzip-compresses `data` the way `cargo package` does (one member, no name), at the fastest
/// level: the fuzzer pays for it on every run of `tarball_tar`.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(data).expect("writing to a Vec");
    encoder.finish().expect("writing to a Vec")
}
