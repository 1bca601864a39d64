//! Locate or build libyaml.
//!
//! Order: system library via pkg-config, then a vendored static build from
//! a pinned release tarball (local file via YAMLC_SYS_TARBALL, or a one-time
//! download from a fixed URL). The tarball is always checked against a
//! pinned SHA-256 before it is unpacked.

use sha2::{Digest, Sha256};
use std::env;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

const VERSION: &str = "0.2.5";
const TARBALL_URL: &str = "https://downloads.example.org/libyaml/yaml-0.2.5.tar.gz";
const TARBALL_SHA256: &str = "c642ae9b75fee120b2d96c712538bd2cf283228d2337df2cf2988e3c02678ef4";
const MAX_TARBALL: u64 = 4 * 1024 * 1024;

const SOURCES: &[&str] = &[
    "api.c", "dumper.c", "emitter.c", "loader.c", "parser.c", "reader.c", "scanner.c", "writer.c",
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=YAMLC_SYS_STATIC");
    println!("cargo:rerun-if-env-changed=YAMLC_SYS_TARBALL");
    println!("cargo:rerun-if-env-changed=CARGO_NET_OFFLINE");

    let want_static = env::var_os("CARGO_FEATURE_VENDORED").is_some()
        || env::var("YAMLC_SYS_STATIC").as_deref() == Ok("1");

    if !want_static {
        match pkg_config::Config::new().atleast_version("0.2.2").probe("yaml-0.1") {
            Ok(lib) => {
                for p in &lib.include_paths {
                    println!("cargo:include={}", p.display());
                }
                return;
            }
            Err(e) => {
                println!("cargo:warning=yamlc-sys: system libyaml not found via pkg-config ({}); building vendored copy", e);
            }
        }
    }

    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let tarball = obtain_tarball(&out).unwrap_or_else(|e| panic!("yamlc-sys: {}", e));
    let src_root = unpack(&tarball, &out).unwrap_or_else(|e| panic!("yamlc-sys: unpack failed: {}", e));
    compile(&src_root);
}

fn obtain_tarball(out: &Path) -> Result<Vec<u8>, String> {
    if let Some(p) = env::var_os("YAMLC_SYS_TARBALL") {
        let data = fs::read(&p).map_err(|e| format!("cannot read {:?}: {}", p, e))?;
        verify(&data)?;
        return Ok(data);
    }

    let cached = out.join(format!("yaml-{}.tar.gz", VERSION));
    if let Ok(data) = fs::read(&cached) {
        if verify(&data).is_ok() {
            return Ok(data);
        }
    }

    if env::var("CARGO_NET_OFFLINE").as_deref() == Ok("true") {
        return Err(format!(
            "offline build and no system libyaml; install libyaml or set YAMLC_SYS_TARBALL to a copy of {}",
            TARBALL_URL
        ));
    }

    println!("cargo:warning=yamlc-sys: downloading {}", TARBALL_URL);
    let resp = ureq::get(TARBALL_URL)
        .timeout(std::time::Duration::from_secs(60))
        .call()
        .map_err(|e| format!("download of {} failed: {}", TARBALL_URL, e))?;
    let mut data = Vec::new();
    resp.into_reader()
        .take(MAX_TARBALL)
        .read_to_end(&mut data)
        .map_err(|e| format!("download read failed: {}", e))?;
    verify(&data)?;
    fs::write(&cached, &data).map_err(|e| e.to_string())?;
    Ok(data)
}

fn verify(data: &[u8]) -> Result<(), String> {
    let got = Sha256::digest(data);
    let hex: String = got.iter().map(|b| format!("{:02x}", b)).collect();
    if hex != TARBALL_SHA256 {
        return Err(format!(
            "checksum mismatch for libyaml {} tarball: expected {}, got {}",
            VERSION, TARBALL_SHA256, hex
        ));
    }
    Ok(())
}

fn unpack(data: &[u8], out: &Path) -> io::Result<PathBuf> {
    let dest = out.join("libyaml-src");
    let root = dest.join(format!("yaml-{}", VERSION));
    if root.join("src").join("api.c").exists() {
        return Ok(root);
    }
    fs::create_dir_all(&dest)?;
    let gz = flate2::read::GzDecoder::new(data);
    let mut ar = tar::Archive::new(gz);
    for entry in ar.entries()? {
        let mut entry = entry?;
        // unpack_in refuses paths that escape `dest`
        entry.unpack_in(&dest)?;
    }
    Ok(root)
}

fn compile(root: &Path) {
    let src = root.join("src");
    let include = root.join("include");
    let mut build = cc::Build::new();
    build
        .include(&include)
        .include(&src)
        .define("YAML_VERSION_MAJOR", "0")
        .define("YAML_VERSION_MINOR", "2")
        .define("YAML_VERSION_PATCH", "5")
        .define("YAML_VERSION_STRING", "\"0.2.5\"")
        .define("YAML_DECLARE_STATIC", None)
        .warnings(false);
    for f in SOURCES {
        build.file(src.join(f));
    }
    build.compile("yaml");
    println!("cargo:include={}", include.display());
    println!("cargo:root={}", root.display());
}
