//! Compiles the vendored C sources.

#[path = "build/hints.rs"]
mod hints;
#[path = "build/probe.rs"]
mod probe;

use std::env;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=csrc/crc64.c");
    println!("cargo:rerun-if-changed=csrc/crc64.h");
    println!("cargo:rerun-if-changed=build/probe.rs");
    println!("cargo:rerun-if-env-changed=FASTCRC64_NO_OPT");
    println!("cargo:rustc-check-cfg=cfg(fastcrc64_unrolled)");

    // docs.rs has no C toolchain for some targets; the bindings are declaration-only there.
    if env::var_os("DOCS_RS").is_some() {
        return;
    }

    let target = env::var("TARGET").unwrap_or_default();
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR not set"));

    let mut build = cc::Build::new();
    build.file("csrc/crc64.c").include("csrc").warnings(true).opt_level(3);
    if target.starts_with("wasm32") {
        build.flag_if_supported("-fno-builtin");
    }

    let mut tuned = Vec::new();
    if env::var_os("FASTCRC64_NO_OPT").is_none() {
        for flag in probe::supported_flags(&build, &out_dir, &["-funroll-loops", "-fno-plt"]) {
            build.flag(flag);
            tuned.push(flag);
        }
    }
    if tuned.contains(&"-funroll-loops") {
        println!("cargo:rustc-cfg=fastcrc64_unrolled");
    }

    build.compile("crc64");
    println!("cargo:include={}", PathBuf::from("csrc").canonicalize().map(|p| p.display().to_string()).unwrap_or_default());

    let compiler = build.get_compiler();
    hints::publish(&target, &compiler.path().display().to_string(), &tuned);
}
