//! Detect fast linkers and emit the matching flags from a build script.
//!
//! ```no_run
//! // build.rs
//! linkhint::configure();
//! ```

#[path = "probe.rs"]
mod probe;

pub use probe::{detect, which, Linker, Probe};

/// Compile-time knowledge about the machine this crate itself was built
/// on, for diagnostics (`linkhint::built_with()`).
pub fn built_with() -> Option<Linker> {
    if cfg!(linkhint_mold) {
        Some(Linker::Mold)
    } else if cfg!(linkhint_lld) {
        Some(Linker::Lld)
    } else if cfg!(linkhint_gold) {
        Some(Linker::Gold)
    } else {
        None
    }
}

fn target() -> String {
    std::env::var("TARGET").unwrap_or_else(|_| {
        // outside a build script: best effort host triple
        format!("{}-unknown-{}", std::env::consts::ARCH, std::env::consts::OS)
    })
}

/// Probes and prints `cargo:` directives. Call from `build.rs`.
///
/// Only affects the package whose build script calls it; returns the
/// chosen linker.
pub fn configure() -> Linker {
    println!("cargo:rerun-if-env-changed=LINKHINT");
    println!("cargo:rerun-if-env-changed=PATH");
    if std::env::var("LINKHINT").map(|v| v == "off").unwrap_or(false) {
        return Linker::Default;
    }
    let probe = detect(&target());
    for arg in probe.link_args() {
        println!("cargo:rustc-link-arg={arg}");
    }
    if let Some(cfg) = probe.linker.cfg() {
        println!("cargo:rustc-cfg={cfg}");
    }
    probe.linker
}

/// Like [`configure`] but only for binaries (`cargo:rustc-link-arg-bins`).
pub fn configure_bins() -> Linker {
    let probe = detect(&target());
    for arg in probe.link_args() {
        println!("cargo:rustc-link-arg-bins={arg}");
    }
    probe.linker
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forced_parse() {
        assert_eq!(Linker::from_str_opt("LLD"), Some(Linker::Lld));
        assert_eq!(Linker::from_str_opt("off"), Some(Linker::Default));
        assert_eq!(Linker::from_str_opt("bfd"), None);
    }
}
