//! Resolve the protoc to use and hand its path to the library through
//! `cargo:rustc-env`, and to dependants through `DEP_PROTOC_PINNED_PATH`.

use std::env;
use std::path::PathBuf;

#[path = "build/checksums.rs"]
mod checksums;
#[cfg(feature = "download")]
#[path = "build/fetch.rs"]
mod fetch;
#[path = "build/locate.rs"]
mod locate;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=build");
    println!("cargo:rerun-if-env-changed=PROTOC");
    println!("cargo:rerun-if-env-changed=PATH");
    println!("cargo:rerun-if-env-changed=CARGO_NET_OFFLINE");

    let out_dir = PathBuf::from(env::var_os("OUT_DIR").unwrap());
    let host = env::var("HOST").unwrap();

    let found = locate::from_env().or_else(locate::from_path);
    let protoc = match found {
        Some(p) => p,
        None => resolve_download(&host, &out_dir),
    };

    // Sanity check: run the binary we are about to hand out.
    match locate::version_of(&protoc) {
        Some((maj, min)) => println!("cargo:rustc-env=PROTOC_PINNED_VERSION={maj}.{min}"),
        None => panic!("{} does not run (`--version` failed)", protoc.display()),
    }

    println!("cargo:rustc-env=PROTOC_PINNED_PATH={}", protoc.display());
    println!("cargo:path={}", protoc.display());
    if let Some(include) = protoc.parent().and_then(|b| b.parent()).map(|r| r.join("include")) {
        if include.is_dir() {
            println!("cargo:rustc-env=PROTOC_PINNED_INCLUDE={}", include.display());
            println!("cargo:include={}", include.display());
        }
    }
}

#[cfg(feature = "download")]
fn resolve_download(host: &str, out_dir: &std::path::Path) -> PathBuf {
    fetch::download(host, out_dir).unwrap_or_else(|e| panic!("protoc-pinned: {e}"))
}

#[cfg(not(feature = "download"))]
fn resolve_download(_host: &str, _out_dir: &std::path::Path) -> PathBuf {
    panic!(
        "protoc-pinned: no protoc found. Install protoc >= 3.15, set PROTOC, \
         or enable the `download` feature to fetch the pinned {} release",
        checksums::PROTOC_VERSION
    );
}
