//! Build-script helper: profile, CI provider and SIMD level as cfgs and env vars.
//!
//! ```no_run
//! // build.rs
//! relflags::Build::from_env().emit();
//! ```

mod cache;
pub mod ci;
pub mod features;
mod names;

use std::env;

pub use ci::Provider;
pub use features::SimdLevel;

/// Everything learned from the environment Cargo gives a build script.
#[derive(Debug, Clone)]
pub struct Build {
    pub profile: String,
    pub opt_level: String,
    pub debug_assertions: bool,
    pub target: String,
    pub host: String,
    pub simd: SimdLevel,
    pub ci: Option<Provider>,
    cache: bool,
}

impl Build {
    /// Reads `PROFILE`, `OPT_LEVEL`, `TARGET`, `HOST`, `CARGO_CFG_*` and the CI variables.
    pub fn from_env() -> Build {
        let var = |k: &str| env::var(k).unwrap_or_default();
        let features = var("CARGO_CFG_TARGET_FEATURE");
        let arch = var("CARGO_CFG_TARGET_ARCH");
        Build {
            profile: var("PROFILE"),
            opt_level: var("OPT_LEVEL"),
            debug_assertions: env::var_os("CARGO_CFG_DEBUG_ASSERTIONS").is_some(),
            target: var("TARGET"),
            host: var("HOST"),
            simd: features::detect(&arch, &features),
            ci: ci::detect(),
            cache: env::var_os("RELFLAGS_NO_CACHE").is_none(),
        }
    }

    pub fn is_release(&self) -> bool {
        self.profile == "release"
    }

    pub fn is_cross(&self) -> bool {
        !self.host.is_empty() && self.host != self.target
    }

    /// Disables the CI compile-cache wiring for this build.
    pub fn without_cache(mut self) -> Build {
        self.cache = false;
        self
    }

    /// The `cargo:` lines that [`Build::emit`] prints.
    pub fn directives(&self) -> Vec<String> {
        let mut d = Vec::new();
        for k in ["relflags_release", "relflags_debug_assertions", "relflags_ci"] {
            d.push(format!("cargo:rustc-check-cfg=cfg({k})"));
        }
        d.push("cargo:rustc-check-cfg=cfg(relflags_simd, values(\"none\", \"sse2\", \"sse4.2\", \"avx2\", \"avx512\", \"neon\"))".into());
        d.push("cargo:rustc-check-cfg=cfg(relflags_ci, values(any()))".into());
        if self.is_release() {
            d.push("cargo:rustc-cfg=relflags_release".into());
        }
        if self.debug_assertions {
            d.push("cargo:rustc-cfg=relflags_debug_assertions".into());
        }
        if let Some(p) = &self.ci {
            d.push("cargo:rustc-cfg=relflags_ci".into());
            d.push(format!("cargo:rustc-cfg=relflags_ci=\"{}\"", p.slug()));
        }
        d.push(format!("cargo:rustc-cfg=relflags_simd=\"{}\"", self.simd.as_str()));
        d.push(format!("cargo:rustc-env=RELFLAGS_PROFILE={}", self.profile));
        d.push(format!("cargo:rustc-env=RELFLAGS_OPT_LEVEL={}", self.opt_level));
        d.push(format!("cargo:rustc-env=RELFLAGS_TARGET={}", self.target));
        d.push(format!(
            "cargo:rustc-env=RELFLAGS_CI={}",
            self.ci.as_ref().map(|p| p.slug()).unwrap_or("none")
        ));
        for v in ["PROFILE", "CI", "RELFLAGS_NO_CACHE"] {
            d.push(format!("cargo:rerun-if-env-changed={v}"));
        }
        d
    }

    /// Prints the directives and, on CI, prepares the shared compile cache.
    pub fn emit(&self) {
        for line in self.directives() {
            println!("{line}");
        }
        if self.cache {
            if let Some(p) = &self.ci {
                cache::prepare(p, self);
            }
        }
    }
}
