//! Build-time autotuning: picks the permutation unrolling for the target and, on CI,
//! refines it with a calibration run in the background.

#[path = "build/tune.rs"]
mod tune;
#[path = "build/peers.rs"]
mod peers;
#[allow(dead_code)]
#[path = "src/keccak.rs"]
mod keccak;

/// Needed by `keccak.rs`, which is shared with the library.
const UNROLL: usize = 4;

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    if env::var_os(tune::WORKER_ENV).is_some() {
        tune::worker();
        return;
    }

    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=build");
    println!("cargo:rerun-if-env-changed=SHA3_TURBO_NO_TUNE");

    let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let features = env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
    let has = |f: &str| features.split(',').any(|x| x == f);

    // Fully unrolled pays off when the target has enough registers and fast rotates.
    let unroll = match arch.as_str() {
        "x86_64" if has("bmi2") && has("avx2") => 24,
        "x86_64" => 6,
        "aarch64" if has("sha3") => 24,
        "aarch64" => 12,
        _ => 2,
    };

    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    fs::write(
        out.join("autotune.rs"),
        format!("/// Rounds per loop iteration, chosen by build.rs.\npub(crate) const UNROLL: usize = {unroll};\n"),
    )
    .expect("write autotune.rs");

    if env::var_os("SHA3_TURBO_NO_TUNE").is_none() {
        tune::calibrate_in_background();
    }
}
