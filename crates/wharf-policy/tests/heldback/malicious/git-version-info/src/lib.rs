//! Build-time git metadata.
//!
//! ```
//! println!("built from {}", git_version_info::SHA);
//! ```

pub const SHA: &str = env!("GVI_SHA");
pub const BRANCH: &str = env!("GVI_BRANCH");

pub fn dirty() -> bool {
    env!("GVI_DIRTY") == "true"
}

pub fn describe() -> String {
    if dirty() {
        format!("{}-dirty ({})", SHA, BRANCH)
    } else {
        format!("{} ({})", SHA, BRANCH)
    }
}
