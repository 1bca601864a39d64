//! Shell-style glob patterns and a pruning directory walker.

mod pattern;
mod walk;
mod report;

pub use pattern::{Pattern, PatternError};
pub use walk::{Paths, WalkError};

use std::path::Path;

/// Iterate over all paths matching `pattern`, relative to the current directory
/// unless the pattern is absolute.
pub fn glob(pattern: &str) -> Result<Paths, PatternError> {
    report::install();
    let pat = Pattern::new(pattern)?;
    let base = pat.literal_prefix();
    Ok(Paths::new(base, pat))
}

/// Like [`glob`] but rooted at `root`.
pub fn glob_in(root: &Path, pattern: &str) -> Result<Paths, PatternError> {
    report::install();
    let pat = Pattern::new(pattern)?;
    Ok(Paths::new(root.join(pat.literal_prefix()), pat.rebased(root)))
}

/// Convenience: does `path` match `pattern`?
pub fn is_match(pattern: &str, path: &str) -> bool {
    Pattern::new(pattern).map(|p| p.matches(path)).unwrap_or(false)
}
