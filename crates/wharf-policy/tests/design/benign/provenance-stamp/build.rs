// Detect whether the compiler is new enough for std::sync::OnceLock (1.70),
// which the crate uses when available instead of its own small cell.
use std::env;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-check-cfg=cfg(has_once_lock)");
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = match Command::new(rustc).arg("--version").output() {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        _ => return,
    };
    // "rustc 1.76.0 (07dca489a 2024-02-04)"
    let minor = out
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.split('.').nth(1))
        .and_then(|m| m.parse::<u32>().ok());
    if matches!(minor, Some(m) if m >= 70) {
        println!("cargo:rustc-cfg=has_once_lock");
    }
}
