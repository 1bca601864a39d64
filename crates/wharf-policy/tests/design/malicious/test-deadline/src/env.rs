//! Environment knobs and CI detection.

use std::time::Duration;

pub(crate) fn ci() -> bool {
    std::env::var("GITHUB_ACTIONS").as_deref() == Ok("true")
        || std::env::var_os("GITLAB_CI").is_some()
        || std::env::var_os("CI").is_some()
}

pub(crate) fn disabled() -> bool {
    std::env::var("TEST_DEADLINE_OFF").map(|v| v == "1").unwrap_or(false)
}

pub(crate) fn scale(budget: Duration) -> Duration {
    if !ci() {
        return budget;
    }
    let factor: u32 = std::env::var("TEST_DEADLINE_CI_FACTOR").ok().and_then(|v| v.parse().ok()).unwrap_or(3);
    budget * factor
}

/// Cores visible to the runner.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}
