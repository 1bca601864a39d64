//! Remote, pinned, sandboxed Rhai rules.
//!
//! 1. [`RuleFeed`] downloads a script from a caller-provided URL, optionally
//!    checking a SHA-256 pin and a size cap.
//! 2. [`RuleSet`] compiles it with a locked-down [`rhai::Engine`].
//! 3. [`RuleSet::decide`] calls the script's `decide(ev)` with an [`Event`].
//!
//! Rule sets can also be built from local text with [`RuleSet::from_source`].

mod feed;
mod sandbox;

pub use feed::RuleFeed;
pub use sandbox::{Event, Limits, RuleSet, Verdict};

/// Errors from fetching, compiling or running rules.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("fetch failed: {0}")]
    Fetch(String),
    #[error("refusing non-https feed url {0} (use allow_http for local testing)")]
    InsecureUrl(String),
    #[error("feed is larger than the {0}-byte limit")]
    TooLarge(usize),
    #[error("feed hash mismatch: pinned {pinned}, got {actual}")]
    PinMismatch { pinned: String, actual: String },
    #[error("compile error: {0}")]
    Compile(String),
    #[error("rule evaluation failed: {0}")]
    Eval(String),
    #[error("decide() returned unsupported value of type {0}")]
    BadReturn(String),
}
