use std::env;
use std::path::{Path, PathBuf};

const ZFP_VERSION: &str = "1.0.1";
const DEFAULT_MIRROR: &str = "https://downloads.example.org/zfp";

// SHA-256 of zfp-<version>-<target>.tar.gz as published on the mirror.
const PINNED: &[(&str, &str)] = &[
    ("x86_64-unknown-linux-gnu", "3b1d0c8f6a4e29d7c5b0f9e18a7d6c4b2e0f1a3c5d7e9b8a6c4d2e0f1a3b5c7d"),
    ("aarch64-unknown-linux-gnu", "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d"),
    ("x86_64-apple-darwin", "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"),
    ("aarch64-apple-darwin", "f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f"),
    ("x86_64-pc-windows-msvc", "5c4b3a29180f6e5d4c3b2a19081f7e6d5c4b3a29180f6e5d4c3b2a19081f7e6d"),
];

fn main() {
    for v in ["ZFP_LIB_DIR", "ZFP_STATIC", "ZFP_NO_DOWNLOAD", "ZFP_MIRROR", "CARGO_NET_OFFLINE"] {
        println!("cargo:rerun-if-env-changed={v}");
    }
    println!("cargo:rerun-if-changed=build.rs");

    // docs.rs has no network and does not link.
    if env::var_os("DOCS_RS").is_some() {
        return;
    }

    let statik = env::var("ZFP_STATIC").map(|v| v != "0").unwrap_or(true);
    let kind = if statik { "static" } else { "dylib" };

    if let Some(dir) = env::var_os("ZFP_LIB_DIR") {
        println!("cargo:rustc-link-search=native={}", Path::new(&dir).display());
        println!("cargo:rustc-link-lib={kind}=zfp");
        return;
    }

    if pkg_config::Config::new()
        .atleast_version("1.0")
        .statik(statik)
        .probe("zfp")
        .is_ok()
    {
        return;
    }

    let target = env::var("TARGET").expect("TARGET is set by cargo");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let lib_dir = fetch_prebuilt(&target, &out);
    println!("cargo:rustc-link-search=native={}", lib_dir.display());
    println!("cargo:rustc-link-lib=static=zfp");
    println!("cargo:root={}", out.join("zfp").display());
    if env::var("CARGO_CFG_TARGET_ENV").as_deref() != Ok("msvc") {
        println!("cargo:rustc-link-lib=m");
    }
}

fn offline() -> bool {
    env::var("ZFP_NO_DOWNLOAD").map(|v| v == "1").unwrap_or(false)
        || env::var("CARGO_NET_OFFLINE").map(|v| v == "true").unwrap_or(false)
}

#[cfg(not(feature = "download"))]
fn fetch_prebuilt(target: &str, _out: &Path) -> PathBuf {
    panic!(
        "libzfp not found for {target}: set ZFP_LIB_DIR, install zfp >= 1.0 with pkg-config, \
         or enable the `download` feature"
    );
}

#[cfg(feature = "download")]
fn fetch_prebuilt(target: &str, out: &Path) -> PathBuf {
    use sha2::{Digest, Sha256};
    use std::io::Read;

    let dest = out.join("zfp");
    let lib_dir = dest.join("lib");
    if lib_dir.join("libzfp.a").exists() || lib_dir.join("zfp.lib").exists() {
        return lib_dir;
    }
    if offline() {
        panic!("libzfp not found and downloads are disabled (ZFP_NO_DOWNLOAD / CARGO_NET_OFFLINE)");
    }
    let expected = PINNED
        .iter()
        .find(|(t, _)| *t == target)
        .map(|(_, h)| *h)
        .unwrap_or_else(|| panic!("no prebuilt libzfp for {target}; set ZFP_LIB_DIR or use pkg-config"));

    let mirror = env::var("ZFP_MIRROR").unwrap_or_else(|_| DEFAULT_MIRROR.to_string());
    let url = format!(
        "{}/{ZFP_VERSION}/zfp-{ZFP_VERSION}-{target}.tar.gz",
        mirror.trim_end_matches('/')
    );
    println!("cargo:warning=downloading prebuilt libzfp from {url}");

    let resp = ureq::get(&url)
        .timeout(std::time::Duration::from_secs(120))
        .call()
        .unwrap_or_else(|e| panic!("failed to download {url}: {e}"));
    let mut bytes = Vec::new();
    resp.into_reader()
        .take(64 * 1024 * 1024)
        .read_to_end(&mut bytes)
        .expect("reading libzfp archive");

    let got: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    if got != expected {
        panic!("checksum mismatch for {url}: expected {expected}, got {got}");
    }

    let gz = flate2::read::GzDecoder::new(&bytes[..]);
    let mut ar = tar::Archive::new(gz);
    std::fs::create_dir_all(&dest).expect("creating OUT_DIR/zfp");
    // `unpack` refuses entries that would escape `dest`.
    ar.unpack(&dest).expect("unpacking libzfp archive");
    lib_dir
}
