//! Build metadata captured by `build.rs` and exposed as constants.
//!
//! ```
//! println!("rev {} ({})", buildstamp::GIT_REV, buildstamp::BUILD_TIME);
//! ```

/// Build time, RFC 3339 UTC. Uses `SOURCE_DATE_EPOCH` when set.
pub const BUILD_TIME: &str = env!("BUILDSTAMP_TIME");
/// Short git revision of the workspace being built, or `"unknown"`.
pub const GIT_REV: &str = env!("BUILDSTAMP_GIT_REV");
/// `true` when the working tree had uncommitted changes.
pub const GIT_DIRTY: bool = matches!(env!("BUILDSTAMP_GIT_DIRTY").as_bytes(), b"1");
/// `rustc -V` output.
pub const RUSTC_VERSION: &str = env!("BUILDSTAMP_RUSTC");
/// Cargo profile (`debug` / `release`).
pub const PROFILE: &str = env!("BUILDSTAMP_PROFILE");
/// Target triple.
pub const TARGET: &str = env!("BUILDSTAMP_TARGET");

/// A one-line human readable summary.
pub fn summary() -> String {
    format!(
        "{}{} {} {} ({})",
        GIT_REV,
        if GIT_DIRTY { "-dirty" } else { "" },
        PROFILE,
        TARGET,
        BUILD_TIME
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn summary_has_target() {
        assert!(super::summary().contains(super::TARGET));
    }
}
