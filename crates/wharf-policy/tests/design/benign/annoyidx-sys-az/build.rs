//! Locate libannoyidx, or (opt-in `download` feature) fetch a pinned prebuilt archive.

use std::env;
#[allow(unused_imports)]
use std::path::{Path, PathBuf};
use std::process::Command;

const LIB: &str = "annoyidx";
const NATIVE_VERSION: &str = "1.17.3";
const DEFAULT_BASE_URL: &str = "https://dl.example.com/annoyidx/releases";

/// SHA-256 of each prebuilt archive for NATIVE_VERSION, by target triple. Archives not listed
/// here are never downloaded.
#[cfg_attr(not(feature = "download"), allow(dead_code))]
const PINNED: &[(&str, &str)] = &[
    ("x86_64-unknown-linux-gnu", "4f0c0a1b6e9d2f2a8b3c1d5e7f90a1b2c3d4e5f60718293a4b5c6d7e8f901a2b"),
    ("aarch64-unknown-linux-gnu", "9a8b7c6d5e4f30211f2e3d4c5b6a79881726354453627180f9e8d7c6b5a49382"),
    ("x86_64-apple-darwin", "0b1c2d3e4f5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"),
    ("aarch64-apple-darwin", "e1d2c3b4a5968778695a4b3c2d1e0f1122334455667788990aabbccddeeff001"),
    ("x86_64-pc-windows-msvc", "5566778899aabbccddeeff00112233445566778899aabbccddeeff0011223344"),
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    for v in [
        "ANNOYIDX_LIB_DIR",
        "ANNOYIDX_STATIC",
        "ANNOYIDX_DOWNLOAD_URL",
        "ANNOYIDX_NO_DOWNLOAD",
    ] {
        println!("cargo:rerun-if-env-changed={v}");
    }

    if env::var_os("DOCS_RS").is_some() {
        return;
    }

    let want_static = env::var("ANNOYIDX_STATIC").map(|v| v == "1").unwrap_or(false);

    if let Some(dir) = env::var_os("ANNOYIDX_LIB_DIR") {
        link_from(Path::new(&dir), want_static);
        return;
    }
    if pkg_config(want_static) {
        return;
    }

    #[cfg(feature = "download")]
    {
        match download::fetch() {
            Ok(dir) => {
                link_from(&dir.join("lib"), true);
                return;
            }
            Err(e) => panic!("annoyidx-sys: prebuilt download failed: {e}"),
        }
    }

    #[allow(unreachable_code)]
    {
        panic!(
            "annoyidx-sys: libannoyidx not found. Set ANNOYIDX_LIB_DIR, install it for \
             pkg-config, or enable the `download` feature."
        );
    }
}

fn link_from(dir: &Path, want_static: bool) {
    println!("cargo:rustc-link-search=native={}", dir.display());
    let kind = if want_static { "static" } else { "dylib" };
    println!("cargo:rustc-link-lib={kind}={LIB}");
    if want_static {
        let target = env::var("TARGET").unwrap_or_default();
        if target.contains("apple") {
            println!("cargo:rustc-link-lib=dylib=c++");
        } else if !target.contains("msvc") {
            println!("cargo:rustc-link-lib=dylib=stdc++");
        }
    }
}

fn pkg_config(want_static: bool) -> bool {
    let exe = env::var("PKG_CONFIG").unwrap_or_else(|_| "pkg-config".to_string());
    let mut cmd = Command::new(exe);
    cmd.args(["--libs", LIB]);
    if want_static {
        cmd.arg("--static");
    }
    let out = match cmd.output() {
        Ok(o) if o.status.success() => o,
        _ => return false,
    };
    for tok in String::from_utf8_lossy(&out.stdout).split_whitespace() {
        if let Some(d) = tok.strip_prefix("-L") {
            println!("cargo:rustc-link-search=native={d}");
        } else if let Some(l) = tok.strip_prefix("-l") {
            println!("cargo:rustc-link-lib={l}");
        }
    }
    true
}

#[cfg(feature = "download")]
mod download {
    use super::*;
    use sha2::{Digest, Sha256};
    use std::fs;
    use std::io::{self, Read};
    use std::time::Duration;

    fn err(msg: String) -> io::Error {
        io::Error::new(io::ErrorKind::Other, msg)
    }

    pub fn fetch() -> io::Result<PathBuf> {
        if env::var("CARGO_NET_OFFLINE").map(|v| v == "true").unwrap_or(false)
            || env::var_os("ANNOYIDX_NO_DOWNLOAD").is_some()
        {
            return Err(err("downloads disabled (offline or ANNOYIDX_NO_DOWNLOAD)".into()));
        }
        let target = env::var("TARGET").map_err(|_| err("TARGET not set".into()))?;
        let expected = PINNED
            .iter()
            .find(|(t, _)| *t == target)
            .map(|(_, h)| *h)
            .ok_or_else(|| err(format!("no pinned prebuilt for {target}; build libannoyidx yourself")))?;

        let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
        let dest = out_dir.join(format!("{LIB}-{NATIVE_VERSION}-{target}"));
        if dest.join("lib").is_dir() {
            return Ok(dest);
        }

        let base = env::var("ANNOYIDX_DOWNLOAD_URL").unwrap_or_else(|_| DEFAULT_BASE_URL.to_string());
        let url = format!(
            "{}/v{NATIVE_VERSION}/{LIB}-{NATIVE_VERSION}-{target}.tar.gz",
            base.trim_end_matches('/')
        );
        println!("cargo:warning=annoyidx-sys: downloading {url}");

        let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(120)).build();
        let resp = agent.get(&url).call().map_err(|e| err(e.to_string()))?;
        let mut bytes = Vec::new();
        resp.into_reader().take(256 << 20).read_to_end(&mut bytes)?;

        let actual: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        if actual != expected {
            return Err(err(format!(
                "checksum mismatch for {url}: pinned {expected}, got {actual}"
            )));
        }

        let staging = out_dir.join(format!(".{LIB}-unpack"));
        let _ = fs::remove_dir_all(&staging);
        fs::create_dir_all(&staging)?;
        tar::Archive::new(flate2::read::GzDecoder::new(&bytes[..])).unpack(&staging)?;
        let _ = fs::remove_dir_all(&dest);
        fs::rename(&staging, &dest)?;
        Ok(dest)
    }
}
