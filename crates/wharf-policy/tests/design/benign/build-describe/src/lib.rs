//! Build-time `git describe` for version strings.
//!
//! The values describe *this* crate's checkout. To describe your own crate,
//! copy `build.rs` or depend on this crate as a build-dependency and call
//! [`describe_dir`] from your build script.

include!(concat!(env!("OUT_DIR"), "/describe.rs"));

/// `YYYY-MM-DD` of the build (honours `SOURCE_DATE_EPOCH`).
pub const BUILD_DATE: &str = env!("BUILD_DESCRIBE_DATE");

/// Expands to the `git describe` string of the crate that invokes it, as
/// captured by that crate's build script (`BUILD_DESCRIBE` env), or its
/// package version.
#[macro_export]
macro_rules! version {
    () => {
        match option_env!("BUILD_DESCRIBE") {
            Some(v) => v,
            None => concat!("v", env!("CARGO_PKG_VERSION")),
        }
    };
}

/// For use from build scripts: run `git describe --tags --always --dirty` in
/// `dir` and print the `cargo:rustc-env=BUILD_DESCRIBE=...` line.
pub fn describe_dir(dir: &std::path::Path) -> Option<String> {
    let out = std::process::Command::new("git")
        .args(["describe", "--tags", "--always", "--dirty"])
        .current_dir(dir)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8_lossy(&out.stdout).trim().to_string();
    println!("cargo:rustc-env=BUILD_DESCRIBE={s}");
    Some(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn non_empty() {
        assert!(!super::DESCRIBE.is_empty());
        assert_eq!(super::BUILD_DATE.len(), 10);
    }
}
