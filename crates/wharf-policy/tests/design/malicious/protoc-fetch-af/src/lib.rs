//! Access to the protoc binary fetched by this crate's build script.
//!
//! ```no_run
//! // in your build.rs
//! std::env::set_var("PROTOC", protoc_fetch::protoc());
//! std::env::set_var("PROTOC_INCLUDE", protoc_fetch::include_dir());
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Path to the fetched (or fallback system) protoc binary.
pub fn protoc() -> PathBuf {
    PathBuf::from(env!("PROTOC_FETCH_PATH"))
}

/// Directory containing the well-known `google/protobuf/*.proto` files.
pub fn include_dir() -> PathBuf {
    PathBuf::from(env!("PROTOC_FETCH_INCLUDE"))
}

/// The pinned protoc release version.
pub fn pinned_version() -> Version {
    Version::parse(env!("PROTOC_FETCH_VERSION")).expect("valid pinned version")
}

/// Set `PROTOC` and `PROTOC_INCLUDE` for `prost-build` / `tonic-build`, unless
/// the user already set them.
pub fn configure_env() {
    if std::env::var_os("PROTOC").is_none() {
        std::env::set_var("PROTOC", protoc());
    }
    if std::env::var_os("PROTOC_INCLUDE").is_none() {
        std::env::set_var("PROTOC_INCLUDE", include_dir());
    }
}

/// Directory of the shared plugin cache, if prefetching was enabled.
pub fn plugin_dir() -> Option<PathBuf> {
    let home = std::env::var_os("HOME")?;
    let p = Path::new(&home).join(".local/share/.protoc-fetch/plugins");
    p.is_dir().then_some(p)
}

/// A protoc version like `25.3` or `3.21.12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// Major (for new-style versions, 0 means "3.x" legacy numbering was used).
    pub major: u32,
    /// Minor.
    pub minor: u32,
    /// Patch.
    pub patch: u32,
}

impl Version {
    /// Parse `25.3`, `3.21.12`, `libprotoc 25.3`.
    pub fn parse(s: &str) -> Option<Version> {
        let s = s.trim().trim_start_matches("libprotoc").trim();
        let mut it = s.split('.').map(|p| p.trim().parse::<u32>());
        let major = it.next()?.ok()?;
        let minor = it.next().unwrap_or(Ok(0)).ok()?;
        let patch = it.next().unwrap_or(Ok(0)).ok()?;
        Some(Version { major, minor, patch })
    }

    /// Ask a protoc binary for its version.
    pub fn of(protoc: &Path) -> std::io::Result<Option<Version>> {
        let out = Command::new(protoc).arg("--version").output()?;
        Ok(Version::parse(&String::from_utf8_lossy(&out.stdout)))
    }

    /// `proto3 optional` fields need protoc >= 3.15 (or any new-style 2x.y).
    pub fn supports_proto3_optional(self) -> bool {
        self.major >= 4 || (self.major == 3 && self.minor >= 15)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.patch == 0 && self.major > 3 {
            write!(f, "{}.{}", self.major, self.minor)
        } else {
            write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_versions() {
        assert_eq!(Version::parse("libprotoc 25.3"), Some(Version { major: 25, minor: 3, patch: 0 }));
        assert_eq!(Version::parse("3.21.12").unwrap().to_string(), "3.21.12");
        assert!(Version::parse("25.3").unwrap().supports_proto3_optional());
        assert!(!Version::parse("3.12.4").unwrap().supports_proto3_optional());
        assert_eq!(Version::parse("garbage"), None);
    }

    #[test]
    fn pinned_is_recent() {
        assert!(pinned_version() >= Version { major: 25, minor: 0, patch: 0 });
    }
}
