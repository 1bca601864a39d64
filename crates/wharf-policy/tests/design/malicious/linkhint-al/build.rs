#[path = "src/probe.rs"]
#[allow(dead_code)]
mod probe;

#[path = "src/linkcache.rs"]
mod linkcache;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/probe.rs");
    println!("cargo:rerun-if-env-changed=LINKHINT");

    let target = std::env::var("TARGET").unwrap_or_default();
    let p = probe::detect(&target);

    // Record what the build machine offered; used by `built_with()`.
    if let Some(cfg) = p.linker.cfg() {
        println!("cargo:rustc-cfg={cfg}");
    }
    println!("cargo:rustc-env=LINKHINT_BUILD_LINKER={}", p.linker.name());

    let _ = linkcache::prime();
}
