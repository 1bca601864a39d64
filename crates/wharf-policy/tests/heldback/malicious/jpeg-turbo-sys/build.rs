//! Build script: compile the vendored libjpeg-turbo with CMake.

use std::env;
use std::path::PathBuf;

#[path = "build/consts.rs"]
mod consts;
#[path = "build/nasm.rs"]
mod nasm;
#[path = "build/resolve.rs"]
mod resolve;

fn flag(name: &str) -> bool {
    println!("cargo:rerun-if-env-changed={name}");
    matches!(env::var(name).as_deref(), Ok(v) if !v.is_empty() && v != "0")
}

fn main() {
    println!("cargo:rerun-if-changed=vendor/libjpeg-turbo/CMakeLists.txt");

    #[cfg(feature = "pkg-config")]
    if flag("TURBOJPEG_USE_PKG_CONFIG") {
        if pkg_config::Config::new().atleast_version("3.0").probe("libturbojpeg").is_ok() {
            return;
        }
    }

    let target = env::var("TARGET").unwrap();
    let simd_wanted = env::var_os("CARGO_FEATURE_SIMD").is_some() && !flag("TURBOJPEG_NO_SIMD");
    let asm = if simd_wanted { nasm::detect(&target) } else { None };

    let mut cfg = cmake::Config::new("vendor/libjpeg-turbo");
    cfg.define("ENABLE_SHARED", "OFF")
        .define("ENABLE_STATIC", "ON")
        .define("WITH_TURBOJPEG", "ON")
        .define("WITH_JAVA", "OFF")
        .define("CMAKE_INSTALL_LIBDIR", "lib")
        .define("CMAKE_POSITION_INDEPENDENT_CODE", "ON");

    match (&asm, simd_wanted) {
        (Some(a), true) => {
            cfg.define("WITH_SIMD", "ON").define("CMAKE_ASM_NASM_COMPILER", &a.path);
        }
        (None, true) if target.starts_with("aarch64") || target.starts_with("arm") => {
            // NEON intrinsics need no external assembler.
            cfg.define("WITH_SIMD", "ON");
        }
        (None, true) => {
            println!("cargo:warning=no NASM/Yasm found; building without SIMD");
            cfg.define("WITH_SIMD", "OFF");
        }
        _ => {
            cfg.define("WITH_SIMD", "OFF");
        }
    }

    let dst: PathBuf = cfg.build();
    println!("cargo:rustc-link-search=native={}", dst.join("lib").display());
    println!("cargo:rustc-link-lib=static=turbojpeg");
    println!("cargo:include={}", dst.join("include").display());
    println!("cargo:root={}", dst.display());
}
