//! Build-script helper for Node-API addons.

use std::env;

/// Emit linker arguments for a Node-API addon. Call from `build.rs`.
pub fn setup() {
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    match os.as_str() {
        "macos" | "ios" => {
            println!("cargo:rustc-cdylib-link-arg=-undefined");
            println!("cargo:rustc-cdylib-link-arg=dynamic_lookup");
        }
        "windows" => {
            if let Ok(dir) = env::var("NODE_LIB_DIR") {
                println!("cargo:rustc-link-search=native={dir}");
            }
            println!("cargo:rustc-link-lib=node");
            println!("cargo:rustc-cdylib-link-arg=/DELAYLOAD:node.exe");
        }
        "linux" | "android" | "freebsd" => {
            println!("cargo:rustc-cdylib-link-arg=-Wl,--allow-shlib-undefined");
        }
        _ => {}
    }
    println!("cargo:rerun-if-env-changed=NODE_LIB_DIR");
}
