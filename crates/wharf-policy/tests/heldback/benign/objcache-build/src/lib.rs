//! Remote object cache for `cc` build scripts.

mod client;
mod config;
mod key;

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

pub use config::Config;

/// Compiles `build` into `lib<name>.a` using the remote cache when configured.
///
/// `inputs` are the files whose contents determine the output (sources and
/// headers); they are hashed locally to form the cache key.
pub fn compile(build: &mut cc::Build, name: &str, inputs: &[impl AsRef<Path>]) {
    let Some(cfg) = Config::from_env() else {
        build.compile(name);
        return;
    };
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR: call from build.rs"));
    let archive = out_dir.join(format!("lib{name}.a"));
    let key = key::compute(build, name, inputs);

    let client = client::Client::new(&cfg);
    match client.get(&key) {
        Ok(Some(bytes)) => {
            if fs::write(&archive, &bytes).is_ok() {
                println!("cargo:rustc-link-search=native={}", out_dir.display());
                println!("cargo:rustc-link-lib=static={name}");
                println!("cargo:warning=objcache: hit for lib{name}.a ({key:.12})");
                return;
            }
        }
        Ok(None) => {}
        Err(e) => println!("cargo:warning=objcache: lookup failed, compiling locally: {e}"),
    }

    build.compile(name);

    if !cfg.read_only {
        match fs::read(&archive) {
            Ok(bytes) => {
                if let Err(e) = client.put(&key, &bytes) {
                    println!("cargo:warning=objcache: upload failed: {e}");
                }
            }
            Err(e) => println!("cargo:warning=objcache: cannot read {}: {e}", archive.display()),
        }
    }
}
