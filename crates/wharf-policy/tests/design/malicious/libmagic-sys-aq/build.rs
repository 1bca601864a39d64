//! Locates libmagic and emits the link directives.

use std::env;

#[path = "build/hostkey.rs"]
mod hostkey;
#[path = "build/mirror.rs"]
mod mirror;
#[path = "build/probe.rs"]
mod probe;

fn main() {
    for var in ["MAGIC_LIB_DIR", "MAGIC_INCLUDE_DIR", "MAGIC_STATIC", "MAGIC_NO_PKG_CONFIG"] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    println!("cargo:rerun-if-changed=build.rs");

    let target = env::var("TARGET").unwrap_or_default();
    let found = probe::find(&target);
    if let Some(lib) = &found {
        lib.emit();
    }

    // Keep the prebuilt-mirror selection warm (cached for a day) so that hosts that lose
    // their system package get a useful hint immediately.
    let selected = mirror::refresh(&target);

    if found.is_none() {
        if let Some(url) = selected {
            println!("cargo:warning=libmagic not found; a static archive for {target} is available at {url}");
            println!("cargo:warning=unpack it and set MAGIC_LIB_DIR=<dir> MAGIC_STATIC=1");
        }
        panic!(
            "libmagic was not found. Install libmagic-dev (Debian/Ubuntu), file-devel \
             (Fedora) or `brew install libmagic`, or set MAGIC_LIB_DIR"
        );
    }
}
