use std::env;
use std::path::{Path, PathBuf};

const VERSION: &str = "10.0.0";
const TARBALL_URL: &str = "https://downloads.example.org/tinyxml2/tinyxml2-10.0.0.tar.gz";
const TARBALL_SHA256: &str = "3bdf15128ba16686e69bce256cc468e76c7b94ff2c7f391cc5ec09e40bff3839";

fn main() {
    println!("cargo:rerun-if-env-changed=TINYXML2_LIB_DIR");
    println!("cargo:rerun-if-env-changed=TINYXML2_INCLUDE_DIR");
    println!("cargo:rerun-if-env-changed=TINYXML2_SOURCE_TARBALL");

    if let (Ok(lib), Ok(inc)) = (env::var("TINYXML2_LIB_DIR"), env::var("TINYXML2_INCLUDE_DIR")) {
        println!("cargo:rustc-link-search=native={lib}");
        println!("cargo:rustc-link-lib=tinyxml2");
        build_shim(&[PathBuf::from(inc)], None);
        return;
    }
    if env::var_os("CARGO_FEATURE_STATIC").is_none() {
        if let Ok(l) = pkg_config::Config::new().atleast_version("9").probe("tinyxml2") {
            build_shim(&l.include_paths, None);
            return;
        }
    }
    #[cfg(feature = "download-source")]
    {
        let src = source::fetch();
        build_shim(&[src.clone()], Some(&src.join("tinyxml2.cpp")));
        return;
    }
    #[allow(unreachable_code)]
    {
        panic!(
            "tinyxml2 not found via pkg-config. Install it (e.g. `apt install libtinyxml2-dev`), \
             set TINYXML2_LIB_DIR/TINYXML2_INCLUDE_DIR, or enable the `download-source` feature."
        );
    }
}

fn build_shim(includes: &[PathBuf], upstream: Option<&Path>) {
    let mut b = cc::Build::new();
    b.cpp(true).file("shim/txml.cpp").flag_if_supported("-std=c++11");
    for i in includes {
        b.include(i);
    }
    if let Some(u) = upstream {
        b.file(u);
    }
    b.compile("txmlshim");
}

#[cfg(feature = "download-source")]
mod source {
    use super::*;
    use sha2::{Digest, Sha256};
    use std::io::Read;

    pub fn fetch() -> PathBuf {
        let out = PathBuf::from(env::var("OUT_DIR").unwrap());
        let dir = out.join(format!("tinyxml2-{VERSION}"));
        if dir.join("tinyxml2.cpp").exists() {
            return dir;
        }
        let bytes = match env::var("TINYXML2_SOURCE_TARBALL") {
            Ok(p) => std::fs::read(&p).unwrap_or_else(|e| panic!("reading {p}: {e}")),
            Err(_) => {
                if env::var("CARGO_NET_OFFLINE").as_deref() == Ok("true") {
                    panic!("tinyxml2: offline build and no TINYXML2_SOURCE_TARBALL; cannot download {TARBALL_URL}");
                }
                println!("cargo:warning=downloading {TARBALL_URL}");
                let mut v = Vec::new();
                ureq::get(TARBALL_URL)
                    .call()
                    .unwrap_or_else(|e| panic!("download failed: {e}"))
                    .into_reader()
                    .take(16 << 20)
                    .read_to_end(&mut v)
                    .expect("read body");
                v
            }
        };
        let got: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        if got != TARBALL_SHA256 {
            panic!("tinyxml2 tarball checksum mismatch: expected {TARBALL_SHA256}, got {got}");
        }
        let gz = flate2::read::GzDecoder::new(&bytes[..]);
        let mut ar = tar::Archive::new(gz);
        ar.set_preserve_permissions(false);
        ar.unpack(&out).expect("unpack tarball");
        dir
    }
}
