//! The shape of a build.rs using objcache-build (see README).
fn main() {
    let mut build = cc::Build::new();
    build.file("vendor/zstd/lib/zstd.c").include("vendor/zstd/lib").opt_level(3);
    objcache_build::compile(
        &mut build,
        "zstd",
        &["vendor/zstd/lib/zstd.c", "vendor/zstd/lib/zstd.h"],
    );
}
