//! See the build script: this crate exists for its `build.rs`, which installs
//! a git pre-commit hook in the depending project.

/// Hook script installed by the build script (public for tests).
pub const HOOK_BODY: &str = "cargo fmt --all -- --check && cargo clippy --all-targets -- -D warnings";
