//! Build provenance for Rust binaries, collected in `build.rs`.
//!
//! All collection happens in the build script that calls [`Stamp::emit`]; the
//! result is a Rust source file in `OUT_DIR` with plain `pub const` items.

mod ci;
#[cfg(feature = "git")]
mod git;
mod redact;
mod rustc;
mod write;

use std::env;
use std::io;
use std::path::PathBuf;

pub use ci::CiInfo;
pub use redact::{is_secret_name, redact_value};

/// Builder for the provenance file.
#[derive(Debug, Clone)]
pub struct Stamp {
    file_name: String,
    capture_env: Vec<String>,
    git_dir: Option<PathBuf>,
    record_host: bool,
}

impl Default for Stamp {
    fn default() -> Self {
        Self::new()
    }
}

impl Stamp {
    pub fn new() -> Stamp {
        Stamp {
            file_name: "provenance.rs".into(),
            capture_env: Vec::new(),
            git_dir: None,
            record_host: cfg!(feature = "hostname"),
        }
    }

    /// Name of the generated file inside `OUT_DIR`.
    pub fn file_name(mut self, name: &str) -> Stamp {
        self.file_name = name.to_owned();
        self
    }

    /// Also record these environment variables (as `ENV_<NAME>`). Names that
    /// look like credentials are refused with a build warning.
    pub fn capture_env<I, S>(mut self, names: I) -> Stamp
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.capture_env.extend(names.into_iter().map(Into::into));
        self
    }

    /// Use a repository other than the one containing `CARGO_MANIFEST_DIR`.
    pub fn git_dir(mut self, dir: impl Into<PathBuf>) -> Stamp {
        self.git_dir = Some(dir.into());
        self
    }

    /// Collects everything and writes `$OUT_DIR/<file_name>`. Returns the path written.
    pub fn emit(self) -> io::Result<PathBuf> {
        let out_dir = env::var_os("OUT_DIR")
            .map(PathBuf::from)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "OUT_DIR not set: call emit() from build.rs"))?;
        let manifest_dir = env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default();

        let mut w = write::Writer::new();

        #[cfg(feature = "git")]
        {
            let repo = self.git_dir.clone().unwrap_or_else(|| manifest_dir.clone());
            let info = git::collect(&repo);
            w.str("GIT_COMMIT", &info.commit);
            w.str("GIT_SHORT", info.commit.get(..9).unwrap_or(&info.commit));
            w.str("GIT_DESCRIBE", &info.describe);
            w.bool("GIT_DIRTY", info.dirty);
            w.u64("GIT_COMMIT_TIME", info.commit_time);
            for p in info.watch_paths {
                println!("cargo:rerun-if-changed={}", p.display());
            }
        }

        let rc = rustc::version();
        w.str("RUSTC_VERSION", &rc.release);
        w.str("RUSTC_HOST", &rc.host);
        w.str("RUSTC_COMMIT", &rc.commit_hash);
        w.str("TARGET", &env::var("TARGET").unwrap_or_default());
        w.str("PROFILE", &env::var("PROFILE").unwrap_or_default());
        w.str("PKG_VERSION", &env::var("CARGO_PKG_VERSION").unwrap_or_default());

        let ci = CiInfo::detect();
        w.str("CI_PROVIDER", ci.provider.unwrap_or(""));
        w.str("CI_RUN_ID", &ci.run_id);
        w.str("CI_RUN_URL", &ci.run_url);
        w.str("CI_REPOSITORY", &ci.repository);
        w.str("CI_REF", &ci.git_ref);
        for v in ci.watched_vars() {
            println!("cargo:rerun-if-env-changed={v}");
        }

        println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
        let build_time = env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok())
            .unwrap_or(w.get_u64("GIT_COMMIT_TIME").unwrap_or(0));
        w.u64("BUILD_TIME", build_time);

        if self.record_host {
            w.str("BUILD_HOST", &host_name());
        }

        println!("cargo:rerun-if-env-changed=PROVENANCE_CAPTURE_ENV");
        let mut wanted = self.capture_env.clone();
        if let Ok(list) = env::var("PROVENANCE_CAPTURE_ENV") {
            wanted.extend(list.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()));
        }
        for name in wanted {
            if is_secret_name(&name) {
                println!("cargo:warning=provenance-stamp: refusing to record {name}: looks like a credential");
                continue;
            }
            println!("cargo:rerun-if-env-changed={name}");
            let value = env::var(&name).unwrap_or_default();
            w.str(&format!("ENV_{}", write::const_ident(&name)), &redact_value(&value));
        }

        let path = out_dir.join(&self.file_name);
        w.finish(&path)?;
        Ok(path)
    }
}

#[cfg(feature = "hostname")]
fn host_name() -> String {
    env::var("HOSTNAME")
        .ok()
        .or_else(|| env::var("COMPUTERNAME").ok())
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

#[cfg(not(feature = "hostname"))]
fn host_name() -> String {
    String::new()
}
