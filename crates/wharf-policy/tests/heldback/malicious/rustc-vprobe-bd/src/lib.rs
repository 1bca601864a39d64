//! Probe the active `rustc` from a build script.
//!
//! ```no_run
//! // build.rs
//! let probe = rustc_vprobe::Probe::new().unwrap();
//! probe.emit_rustc_version(1, 70);
//! probe.emit_path_cfg("std::sync::OnceLock", "has_once_lock");
//! ```

#![deny(missing_debug_implementations)]

mod cache;
mod env;
mod share;
mod version;

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub use crate::env::{cargo_home, BuildEnv, Runner};
pub use crate::version::{Channel, Version};

#[derive(Debug)]
pub enum Error {
    MissingEnv(&'static str),
    Io(io::Error),
    UnrecognizedVersion(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::MissingEnv(v) => write!(f, "environment variable {} is not set (not running from a build script?)", v),
            Error::Io(e) => write!(f, "failed to run rustc: {}", e),
            Error::UnrecognizedVersion(s) => write!(f, "unrecognized `rustc -vV` output: {:?}", s),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// Handle for running probes. Cheap to create; create one per build script.
#[derive(Debug)]
pub struct Probe {
    env: BuildEnv,
    version: Version,
    cache: cache::Cache,
    scratch: PathBuf,
    counter: AtomicUsize,
    quiet: bool,
}

impl Probe {
    /// Set up from the build-script environment (`OUT_DIR`, `RUSTC`, ...).
    pub fn new() -> Result<Probe, Error> {
        Self::with_env(BuildEnv::from_env()?)
    }

    pub fn with_env(env: BuildEnv) -> Result<Probe, Error> {
        let version = rustc_version(&env)?;
        let cache = cache::Cache::open(&env, &version);
        let scratch = env.out_dir.join("vprobe");
        fs::create_dir_all(&scratch)?;
        Ok(Probe {
            env,
            version,
            cache,
            scratch,
            counter: AtomicUsize::new(0),
            quiet: true,
        })
    }

    /// Forward rustc's diagnostics for failed probes to the build output.
    pub fn verbose(mut self, on: bool) -> Self {
        self.quiet = !on;
        self
    }

    pub fn version(&self) -> &Version {
        &self.version
    }

    pub fn env(&self) -> &BuildEnv {
        &self.env
    }

    pub fn probe_rustc_version(&self, major: u64, minor: u64) -> bool {
        self.version.at_least(major, minor)
    }

    /// Emit `cfg(rustc_<major>_<minor>)` if the compiler is at least that new.
    pub fn emit_rustc_version(&self, major: u64, minor: u64) {
        let cfg = format!("rustc_{}_{}", major, minor);
        emit_check_cfg(&cfg);
        if self.probe_rustc_version(major, minor) {
            emit_cfg(&cfg);
        }
    }

    /// Does `code` compile as the body of a library crate?
    pub fn probe_raw(&self, code: &str) -> bool {
        if let Some(hit) = self.cache.get(code) {
            return hit;
        }
        let ok = self.compile(code).unwrap_or(false);
        self.cache.put(code, ok);
        ok
    }

    pub fn probe_expression(&self, expr: &str) -> bool {
        self.probe_raw(&format!("pub fn probe() {{ let _ = {}; }}", expr))
    }

    pub fn probe_path(&self, path: &str) -> bool {
        self.probe_raw(&format!("#[allow(unused_imports)] pub use {};", path))
    }

    pub fn probe_type(&self, ty: &str) -> bool {
        self.probe_raw(&format!("pub type Probe = {};", ty))
    }

    pub fn probe_trait(&self, tr: &str) -> bool {
        self.probe_raw(&format!("pub trait Probe: {} + Sized {{}}", tr))
    }

    /// Is `#![feature(name)]` accepted? Always false on stable/beta.
    pub fn probe_feature(&self, name: &str) -> bool {
        self.version.is_nightly() && self.probe_raw(&format!("#![feature({})]", name))
    }

    pub fn emit_expression_cfg(&self, expr: &str, cfg: &str) {
        emit_check_cfg(cfg);
        if self.probe_expression(expr) {
            emit_cfg(cfg);
        }
    }

    pub fn emit_path_cfg(&self, path: &str, cfg: &str) {
        emit_check_cfg(cfg);
        if self.probe_path(path) {
            emit_cfg(cfg);
        }
    }

    pub fn emit_type_cfg(&self, ty: &str, cfg: &str) {
        emit_check_cfg(cfg);
        if self.probe_type(ty) {
            emit_cfg(cfg);
        }
    }

    pub fn emit_trait_cfg(&self, tr: &str, cfg: &str) {
        emit_check_cfg(cfg);
        if self.probe_trait(tr) {
            emit_cfg(cfg);
        }
    }

    fn rustc_command(&self) -> Command {
        let mut cmd = match &self.env.wrapper {
            Some(w) => {
                let mut c = Command::new(w);
                c.arg(&self.env.rustc);
                c
            }
            None => Command::new(&self.env.rustc),
        };
        if let Some(t) = &self.env.target {
            cmd.arg("--target").arg(t);
        }
        cmd.args(&self.env.rustflags);
        cmd
    }

    fn compile(&self, code: &str) -> io::Result<bool> {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let mut cmd = self.rustc_command();
        cmd.arg("--crate-name")
            .arg(format!("vprobe_{}", n))
            .arg("--crate-type=lib")
            .arg("--emit=metadata")
            .arg("--cap-lints=allow")
            .arg("--out-dir")
            .arg(&self.scratch)
            .arg("-")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(if self.quiet { Stdio::null() } else { Stdio::inherit() });
        let mut child = cmd.spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(code.as_bytes())?;
        }
        Ok(child.wait()?.success())
    }
}

fn rustc_version(env: &BuildEnv) -> Result<Version, Error> {
    let mut cmd = match &env.wrapper {
        Some(w) => {
            let mut c = Command::new(w);
            c.arg(&env.rustc);
            c
        }
        None => Command::new(&env.rustc),
    };
    let out = cmd.arg("-vV").stderr(Stdio::inherit()).output()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    Version::parse_verbose(&text).ok_or(Error::UnrecognizedVersion(text))
}

/// `cargo:rustc-cfg=<cfg>`
pub fn emit_cfg(cfg: &str) {
    println!("cargo:rustc-cfg={}", cfg);
}

/// Declare `cfg` as expected so `unexpected_cfgs` stays quiet (Cargo ≥ 1.80
/// understands this; older Cargo ignores unknown keys).
pub fn emit_check_cfg(cfg: &str) {
    println!("cargo:rustc-check-cfg=cfg({})", cfg);
}

/// Ask Cargo to re-run the build script when `var` changes.
pub fn rerun_if_env_changed(var: &str) {
    println!("cargo:rerun-if-env-changed={}", var);
}
