use std::env;
use std::path::PathBuf;

fn main() {
    let src = PathBuf::from("vendor/miniz");
    println!("cargo:rerun-if-changed=vendor/miniz");
    println!("cargo:rerun-if-env-changed=MINIZ_SYS_STATIC_DEBUG");

    let mut b = cc::Build::new();
    b.include(&src)
        .file(src.join("miniz.c"))
        .file(src.join("miniz_tdef.c"))
        .define("MINIZ_NO_STDIO", None)
        .define("MINIZ_NO_TIME", None)
        .define("MINIZ_NO_ARCHIVE_APIS", None)
        .warnings(false);
    if env::var_os("MINIZ_SYS_STATIC_DEBUG").is_some() {
        b.opt_level(0).debug(true);
    }
    if env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("msvc") {
        b.flag_if_supported("/wd4127");
    }
    b.compile("miniz");

    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    println!("cargo:root={}", out.display());
    println!("cargo:include={}", src.canonicalize().unwrap().display());
}
