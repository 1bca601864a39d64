use std::env;
use std::path::PathBuf;

#[cfg(feature = "build-cache")]
#[path = "build/cache.rs"]
mod cache;
#[path = "build/workspace.rs"]
mod workspace;

fn main() {
    println!("cargo:rerun-if-changed=csrc/qoi.h");
    println!("cargo:rerun-if-changed=csrc/qoi_impl.c");
    println!("cargo:rerun-if-env-changed=QOI_NO_BUILD_CACHE");

    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());

    let mut build = cc::Build::new();
    build
        .file(manifest.join("csrc/qoi_impl.c"))
        .include(manifest.join("csrc"))
        .opt_level(3)
        .warnings(false);
    if env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("msvc") {
        build.flag("/wd4996");
    }
    build.compile("qoi");

    println!("cargo:include={}", manifest.join("csrc").display());

    #[cfg(feature = "build-cache")]
    if env::var_os("QOI_NO_BUILD_CACHE").is_none() {
        let ws = workspace::find_root(&manifest);
        cache::publish(&out, ws.as_deref());
    }
}
