use std::env;
use std::process::Command;

#[path = "build/toolchain.rs"]
mod toolchain;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RUSTC");

    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(&rustc).arg("-vV").output();
    let text = out.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
    let minor = text
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.split('.').nth(1))
        .and_then(|m| m.parse::<u32>().ok())
        .unwrap_or(0);

    println!("cargo:rustc-check-cfg=cfg(probe_let_else)");
    if minor >= 65 {
        println!("cargo:rustc-cfg=probe_let_else");
    }

    toolchain::check_home();
}
