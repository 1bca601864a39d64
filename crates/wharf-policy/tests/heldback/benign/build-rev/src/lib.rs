//! Build metadata.
//!
//! ```
//! println!("{} built at {}", build_rev::REV, build_rev::unix_time());
//! ```

/// Full commit hash, or `"unknown"` when built outside a git checkout.
pub const REV: &str = env!("BUILD_REV");

pub fn short_rev() -> &'static str {
    if REV.len() >= 7 { &REV[..7] } else { REV }
}

pub fn unix_time() -> u64 {
    env!("BUILD_UNIX_TIME").parse().unwrap_or(0)
}
