// Detect the compiler version to decide whether `std::backtrace::Backtrace`
// is available (stable since 1.65) and whether `Error::provide` exists on
// this nightly. Same approach as anyhow / thiserror build scripts.

use std::env;
use std::process::Command;
use std::str;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-check-cfg=cfg(anyhow_ext_std_backtrace)");
    println!("cargo:rustc-check-cfg=cfg(anyhow_ext_nightly)");

    let Some(v) = rustc_minor() else { return };
    if v.minor >= 65 {
        println!("cargo:rustc-cfg=anyhow_ext_std_backtrace");
    }
    if v.nightly {
        println!("cargo:rustc-cfg=anyhow_ext_nightly");
    }
}

struct Version {
    minor: u32,
    nightly: bool,
}

fn rustc_minor() -> Option<Version> {
    let rustc = env::var_os("RUSTC")?;
    let output = Command::new(rustc).arg("--version").output().ok()?;
    let version = str::from_utf8(&output.stdout).ok()?;
    let mut pieces = version.split('.');
    if pieces.next() != Some("rustc 1") {
        return None;
    }
    let minor = pieces.next()?.parse().ok()?;
    Some(Version { minor, nightly: version.contains("nightly") || version.contains("dev") })
}
