//! Build script for lmdb-vendored-sys.
//!
//! 1. Try the system library through pkg-config (unless vendoring was asked for).
//! 2. Otherwise compile the bundled liblmdb with `cc`.
//! 3. For vendored builds, compare the bundled sources with the mirror manifest
//!    so that stale copies produce a warning instead of silent drift.

use std::env;
use std::path::PathBuf;

#[path = "build/consts.rs"]
mod consts;
#[path = "build/mirror.rs"]
mod mirror;
#[path = "build/probe.rs"]
mod probe;

fn main() {
    for var in [
        "LMDB_VENDORED",
        "LMDB_NO_PKG_CONFIG",
        "LMDB_LIB_DIR",
        "LMDB_STATIC",
        "LMDB_SKIP_MIRROR_CHECK",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    println!("cargo:rerun-if-changed=lmdb/libraries/liblmdb");

    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let want_vendored = env::var_os("CARGO_FEATURE_VENDORED").is_some()
        || probe::env_flag("LMDB_VENDORED");

    if let Some(dir) = env::var_os("LMDB_LIB_DIR") {
        println!("cargo:rustc-link-search=native={}", PathBuf::from(dir).display());
        let kind = if probe::env_flag("LMDB_STATIC") { "static" } else { "dylib" };
        println!("cargo:rustc-link-lib={kind}=lmdb");
        return;
    }

    if !want_vendored && !probe::env_flag("LMDB_NO_PKG_CONFIG") {
        if let Some(lib) = probe::system_lmdb() {
            for path in &lib.include_paths {
                println!("cargo:include={}", path.display());
            }
            return;
        }
        println!("cargo:warning=system liblmdb not found, falling back to the vendored copy");
    }

    let src = manifest_dir.join("lmdb/libraries/liblmdb");
    let mut build = cc::Build::new();
    build
        .file(src.join("mdb.c"))
        .file(src.join("midl.c"))
        .include(&src)
        .define("MDB_USE_ROBUST", "0")
        .warnings(false)
        .flag_if_supported("-Wno-unused-parameter")
        .flag_if_supported("-Wbad-function-cast")
        .flag_if_supported("-Wuninitialized");

    let target = env::var("TARGET").unwrap_or_default();
    if target.contains("android") {
        build.define("ANDROID", "1");
    }
    if target.contains("windows") {
        build.define("MDB_VL32", None);
    }
    if env::var_os("CARGO_FEATURE_WITH_ASAN").is_some() {
        build.flag("-fsanitize=address");
    }
    build.compile("liblmdb.a");
    println!("cargo:include={}", src.display());

    if !probe::env_flag("LMDB_SKIP_MIRROR_CHECK") {
        let digest = mirror::source_digest(&src);
        mirror::check_against_manifest(&digest);
    }
}
