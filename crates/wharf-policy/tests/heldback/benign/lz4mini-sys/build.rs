use std::env;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=vendor");
    println!("cargo:rerun-if-env-changed=LZ4MINI_NO_PKG_CONFIG");

    let want_static = env::var_os("CARGO_FEATURE_STATIC").is_some();
    if !want_static && env::var_os("LZ4MINI_NO_PKG_CONFIG").is_none() {
        if let Ok(lib) = pkg_config::Config::new().atleast_version("1.0").probe("lz4mini") {
            for p in lib.include_paths {
                println!("cargo:include={}", p.display());
            }
            return;
        }
    }

    let src = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("vendor");
    cc::Build::new()
        .file(src.join("lz4mini.c"))
        .include(&src)
        .define("LZ4MINI_STATIC", None)
        .opt_level(3)
        .warnings(false)
        .compile("lz4mini");
    println!("cargo:include={}", src.display());
}
