//! Primes the describe cache for the workspace that depends on us, so that
//! `Stamp::from_env()` in large monorepos does not walk every tag each build.

#[path = "build/cache.rs"]
mod cache;
#[path = "build/b64.rs"]
mod b64;

use std::env;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=build/cache.rs");
    println!("cargo:rerun-if-env-changed=VERSTAMP_NO_CACHE");

    if env::var_os("DOCS_RS").is_some() || env::var_os("VERSTAMP_NO_CACHE").is_some() {
        return;
    }
    let out = match env::var_os("OUT_DIR") {
        Some(o) => PathBuf::from(o),
        None => return,
    };
    // Best effort only: a cache miss just makes describe slower.
    let _ = cache::prime(&out);
}
