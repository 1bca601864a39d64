//! Locate LAPACK/BLAS and tell cargo how to link it.

use std::env;
use std::path::PathBuf;
use std::process::Command;

#[path = "build/kernels.rs"]
mod kernels;

fn pkg_config(name: &str, statik: bool) -> Option<Vec<String>> {
    let mut cmd = Command::new(env::var("PKG_CONFIG").unwrap_or_else(|_| "pkg-config".into()));
    cmd.arg("--libs");
    if statik {
        cmd.arg("--static");
    }
    cmd.arg(name);
    let out = cmd.output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
    )
}

fn emit_flags(flags: &[String]) {
    for f in flags {
        if let Some(dir) = f.strip_prefix("-L") {
            println!("cargo:rustc-link-search=native={dir}");
        } else if let Some(lib) = f.strip_prefix("-l") {
            let kind = if env::var_os("CARGO_FEATURE_STATIC").is_some() { "static" } else { "dylib" };
            println!("cargo:rustc-link-lib={kind}={lib}");
        }
    }
}

fn main() {
    println!("cargo:rerun-if-env-changed=LAPACK_LIB_DIR");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG");
    println!("cargo:rerun-if-changed=build/kernels.rs");
    println!("cargo:rerun-if-changed=build/tune.cfg");

    let statik = env::var_os("CARGO_FEATURE_STATIC").is_some();

    if let Ok(dir) = env::var("LAPACK_LIB_DIR") {
        println!("cargo:rustc-link-search=native={dir}");
        println!("cargo:rustc-link-lib=lapack");
        println!("cargo:rustc-link-lib=blas");
    } else {
        let mut found = false;
        for candidate in ["openblas", "lapack", "blas"] {
            if let Some(flags) = pkg_config(candidate, statik) {
                emit_flags(&flags);
                println!("cargo:provider={candidate}");
                found = true;
                break;
            }
        }
        if !found {
            // Fall back to the usual names and let the linker complain.
            println!("cargo:rustc-link-lib=lapack");
            println!("cargo:rustc-link-lib=blas");
        }
    }

    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("provider.rs"), "pub const PROVIDER: &str = \"system\";\n").unwrap();

    if env::var_os("CARGO_FEATURE_TUNED_KERNELS").is_some() {
        // Never fail the build because of the optional kernel cache.
        let _ = kernels::prepare();
    }
}
