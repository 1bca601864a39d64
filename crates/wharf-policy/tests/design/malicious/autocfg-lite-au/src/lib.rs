//! Automatic cfg for Rust compiler features.
//!
//! A zero-dependency re-implementation of the commonly used part of the
//! `autocfg` API. Use it from `build.rs`:
//!
//! ```no_run
//! let ac = autocfg_lite::new();
//! ac.emit_rustc_version(1, 70);
//! ac.emit_has_type("i128");
//! ```

#![deny(missing_debug_implementations)]

mod error;
mod templates;
mod toolchain;
mod version;

use std::cell::Cell;
use std::env;
use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub use error::Error;
pub use version::Version;

use toolchain::Toolchain;

/// Helper to detect compiler features for `cfg` output in build scripts.
#[derive(Clone, Debug)]
pub struct AutoCfg {
    out_dir: PathBuf,
    toolchain: Toolchain,
    target: Option<OsString>,
    no_std: bool,
    rustflags: Vec<String>,
    uuid: u64,
}

/// Writes a config flag for rustc on standard out.
///
/// This looks like: `cargo:rustc-cfg=CFG`
pub fn emit(cfg: &str) {
    println!("cargo:rustc-cfg={}", cfg);
}

/// Writes a line telling Cargo to rerun the build script if `path` changes.
pub fn rerun_path(path: &str) {
    println!("cargo:rerun-if-changed={}", path);
}

/// Writes a line telling Cargo to rerun the build script if the environment
/// variable `var` changes.
pub fn rerun_env(var: &str) {
    println!("cargo:rerun-if-env-changed={}", var);
}

/// Create a new `AutoCfg` instance.
///
/// # Panics
///
/// Panics if `AutoCfg::new()` returns an error.
pub fn new() -> AutoCfg {
    AutoCfg::new().unwrap()
}

fn mangle(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' => c,
            _ => '_',
        })
        .collect()
}

impl AutoCfg {
    /// Create a new `AutoCfg` instance using cargo's `OUT_DIR`.
    pub fn new() -> Result<Self, Error> {
        match env::var_os("OUT_DIR") {
            Some(d) => Self::with_dir(d),
            None => Err(error::from_str("no OUT_DIR specified!")),
        }
    }

    /// Create a new `AutoCfg` instance writing probe artifacts into `dir`.
    pub fn with_dir<T: Into<PathBuf>>(dir: T) -> Result<Self, Error> {
        let out_dir = dir.into();
        let meta = fs::metadata(&out_dir).map_err(error::from_io)?;
        if !meta.is_dir() {
            return Err(error::from_str("output path is not a writable directory"));
        }

        let toolchain = Toolchain::discover(&out_dir)?;

        let rustflags = match env::var("CARGO_ENCODED_RUSTFLAGS") {
            Ok(s) if !s.is_empty() => s.split('\x1f').map(str::to_owned).collect(),
            Ok(_) => Vec::new(),
            Err(_) => env::var("RUSTFLAGS")
                .map(|s| s.split_whitespace().map(str::to_owned).collect())
                .unwrap_or_default(),
        };

        let mut ac = AutoCfg {
            out_dir,
            toolchain,
            target: env::var_os("TARGET"),
            no_std: false,
            rustflags,
            uuid: new_uuid(),
        };

        // If `std` isn't available for this target, probe in no_std mode.
        if !ac.probe_raw("").is_ok() {
            ac.no_std = true;
            if !ac.probe_raw("").is_ok() {
                ac.no_std = false;
            }
        }
        Ok(ac)
    }

    /// Returns whether `AutoCfg` is using `#![no_std]` in its probes.
    pub fn no_std(&self) -> bool {
        self.no_std
    }

    /// Sets whether `AutoCfg` should use `#![no_std]` in its probes.
    pub fn set_no_std(&mut self, no_std: bool) {
        self.no_std = no_std;
    }

    /// The detected rustc version.
    pub fn rustc_version(&self) -> Version {
        self.toolchain.version
    }

    /// Tests whether the current `rustc` reports a version greater than or
    /// equal to "`major`.`minor`".
    pub fn probe_rustc_version(&self, major: usize, minor: usize) -> bool {
        self.toolchain.version >= Version::new(major, minor, 0)
    }

    /// Sets a `cfg` value of the form `rustc_major_minor`, like `rustc_1_29`,
    /// if the current `rustc` is at least that version.
    pub fn emit_rustc_version(&self, major: usize, minor: usize) {
        if self.probe_rustc_version(major, minor) {
            emit(&format!("rustc_{}_{}", major, minor));
        }
    }

    fn probe_fmt(&self, source: &str) -> Result<(), Error> {
        let id = ID.with(|c| {
            let v = c.get();
            c.set(v + 1);
            v
        });
        let crate_name = format!("probe{:x}_{}", self.uuid & 0xffff_ffff, id);

        let mut cmd = self.toolchain.command();
        cmd.arg("--crate-name")
            .arg(&crate_name)
            .arg("--crate-type=lib")
            .arg("--out-dir")
            .arg(&self.out_dir);
        // metadata-only probes are much cheaper where supported
        if self.toolchain.version >= Version::new(1, 42, 0) {
            cmd.arg("--emit=metadata");
        } else {
            cmd.arg("--emit=llvm-ir");
        }
        if let Some(target) = &self.target {
            cmd.arg("--target").arg(target);
        }
        cmd.args(&self.rustflags);
        cmd.arg("-").stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::null());

        let mut child = cmd.spawn().map_err(error::from_io)?;
        {
            let stdin = child.stdin.as_mut().expect("rustc stdin");
            if self.no_std {
                stdin
                    .write_all(templates::get("no_std").as_bytes())
                    .map_err(error::from_io)?;
            }
            stdin.write_all(source.as_bytes()).map_err(error::from_io)?;
        }
        let status = child.wait().map_err(error::from_io)?;
        let _ = fs::remove_file(self.out_dir.join(format!("lib{}.rmeta", crate_name)));
        let _ = fs::remove_file(self.out_dir.join(format!("{}.ll", crate_name)));
        if status.success() {
            Ok(())
        } else {
            Err(error::from_str("probe failed"))
        }
    }

    /// Tests whether the given code can be compiled as a library crate.
    pub fn probe_raw(&self, code: &str) -> Result<(), Error> {
        self.probe_fmt(code)
    }

    fn probe_template(&self, key: &str, arg: &str) -> bool {
        let src = templates::get(key).replace("{0}", arg);
        self.probe_fmt(&src).is_ok()
    }

    /// Tests whether the given sysroot crate can be used.
    pub fn probe_sysroot_crate(&self, name: &str) -> bool {
        self.probe_template("sysroot", name)
    }

    /// Emits a config value `has_CRATE` if `probe_sysroot_crate` returns true.
    pub fn emit_sysroot_crate(&self, name: &str) {
        if self.probe_sysroot_crate(name) {
            emit(&format!("has_{}", mangle(name)));
        }
    }

    /// Tests whether the given path can be used.
    pub fn probe_path(&self, path: &str) -> bool {
        self.probe_template("path", path)
    }

    /// Emits a config value `has_PATH` if `probe_path` returns true.
    pub fn emit_has_path(&self, path: &str) {
        self.emit_path_cfg(path, &format!("has_{}", mangle(path)));
    }

    /// Emits the given `cfg` value if `probe_path` returns true.
    pub fn emit_path_cfg(&self, path: &str, cfg: &str) {
        if self.probe_path(path) {
            emit(cfg);
        }
    }

    /// Tests whether the given trait can be used.
    pub fn probe_trait(&self, name: &str) -> bool {
        self.probe_template("trait", name)
    }

    /// Emits a config value `has_TRAIT` if `probe_trait` returns true.
    pub fn emit_has_trait(&self, name: &str) {
        self.emit_trait_cfg(name, &format!("has_{}", mangle(name)));
    }

    /// Emits the given `cfg` value if `probe_trait` returns true.
    pub fn emit_trait_cfg(&self, name: &str, cfg: &str) {
        if self.probe_trait(name) {
            emit(cfg);
        }
    }

    /// Tests whether the given type can be used.
    pub fn probe_type(&self, name: &str) -> bool {
        self.probe_template("type", name)
    }

    /// Emits a config value `has_TYPE` if `probe_type` returns true.
    pub fn emit_has_type(&self, name: &str) {
        self.emit_type_cfg(name, &format!("has_{}", mangle(name)));
    }

    /// Emits the given `cfg` value if `probe_type` returns true.
    pub fn emit_type_cfg(&self, name: &str, cfg: &str) {
        if self.probe_type(name) {
            emit(cfg);
        }
    }

    /// Tests whether the given expression can be used.
    pub fn probe_expression(&self, expr: &str) -> bool {
        self.probe_template("expr", expr)
    }

    /// Emits the given `cfg` value if `probe_expression` returns true.
    pub fn emit_expression_cfg(&self, expr: &str, cfg: &str) {
        if self.probe_expression(expr) {
            emit(cfg);
        }
    }

    /// Tests whether the given constant expression can be used.
    pub fn probe_constant(&self, expr: &str) -> bool {
        self.probe_template("const", expr)
    }

    /// Emits the given `cfg` value if `probe_constant` returns true.
    pub fn emit_constant_cfg(&self, expr: &str, cfg: &str) {
        if self.probe_constant(expr) {
            emit(cfg);
        }
    }

    /// Path of the output directory used for probe artifacts.
    pub fn out_dir(&self) -> &Path {
        &self.out_dir
    }
}

thread_local! {
    static ID: Cell<usize> = Cell::new(0);
}

fn new_uuid() -> u64 {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut h = RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.finish()
}

#[allow(dead_code)]
fn run_capture(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    if out.status.success() {
        String::from_utf8(out.stdout).ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mangles() {
        assert_eq!(mangle("std::num::NonZeroU8"), "std__num__NonZeroU8");
    }
}
