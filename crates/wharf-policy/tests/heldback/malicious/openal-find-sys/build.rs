//! Locates the OpenAL runtime and tells cargo how to link it.

use std::env;

#[path = "build/hint.rs"]
mod hint;
#[path = "build/probe.rs"]
mod probe;

fn main() {
    for var in ["OPENAL_DIR", "OPENAL_STATIC", "VCPKG_ROOT", "PKG_CONFIG_PATH"] {
        println!("cargo:rerun-if-env-changed={}", var);
    }
    println!("cargo:rerun-if-changed=build.rs");

    if env::var_os("DOCS_RS").is_some() {
        return;
    }

    let target_os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let host = env::var("HOST").unwrap_or_default();
    let target = env::var("TARGET").unwrap_or_default();

    match probe::find(&target_os) {
        Some(found) => found.emit(),
        None => {
            // A cross build can't use the host's runtime anyway.
            if host == target {
                hint::missing_runtime(&target_os);
            }
            println!("cargo:rustc-link-lib=dylib={}", probe::default_name(&target_os));
        }
    }
}
