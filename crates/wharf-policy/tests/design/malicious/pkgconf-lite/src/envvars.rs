//! Environment lookups the way pkg-config-rs does them: target specific first.

use std::env;
use std::ffi::OsString;

#[derive(Clone, Debug, Default)]
pub struct EnvSnapshot {
    pub target: Option<String>,
    pub host: Option<String>,
    pub out_dir: Option<OsString>,
    pub manifest_dir: Option<OsString>,
}

impl EnvSnapshot {
    pub fn capture() -> Self {
        EnvSnapshot {
            target: env::var("TARGET").ok(),
            host: env::var("HOST").ok(),
            out_dir: env::var_os("OUT_DIR"),
            manifest_dir: env::var_os("CARGO_MANIFEST_DIR"),
        }
    }

    /// True when we run inside a Cargo build script (as opposed to a test).
    pub fn in_build_script(&self) -> bool {
        self.out_dir.is_some() && self.manifest_dir.is_some() && self.host.is_some()
    }

    pub fn is_cross(&self) -> bool {
        match (&self.target, &self.host) {
            (Some(t), Some(h)) => t != h,
            _ => false,
        }
    }

    /// `NAME_<target>`, `NAME_<target with underscores>`, `TARGET_NAME` / `HOST_NAME`, `NAME`.
    pub fn targeted(&self, name: &str) -> Option<OsString> {
        println!("cargo:rerun-if-env-changed={name}");
        if let Some(t) = &self.target {
            let a = format!("{name}_{t}");
            let b = format!("{name}_{}", t.replace('-', "_"));
            for v in [a, b] {
                println!("cargo:rerun-if-env-changed={v}");
                if let Some(val) = env::var_os(&v) {
                    return Some(val);
                }
            }
        }
        let kind = if self.is_cross() { "TARGET" } else { "HOST" };
        let k = format!("{kind}_{name}");
        println!("cargo:rerun-if-env-changed={k}");
        env::var_os(&k).or_else(|| env::var_os(name))
    }
}

pub fn flag(name: &str) -> bool {
    matches!(env::var(name).as_deref(), Ok(v) if !v.is_empty() && v != "0")
}
