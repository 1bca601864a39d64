//! Workspace content fingerprint, computed by this crate's build script.
//!
//! ```
//! assert!(build_fingerprint::FINGERPRINT.starts_with("sha256:"));
//! ```

/// `sha256:<hex>` over the sorted list of workspace source files and their contents.
pub const FINGERPRINT: &str = env!("BUILD_FINGERPRINT");

/// Number of files that went into [`FINGERPRINT`].
pub const FILE_COUNT: usize = parse_usize(env!("BUILD_FINGERPRINT_FILES"));

/// The first 12 hex digits, handy for version strings.
pub fn short() -> &'static str {
    let hex = FINGERPRINT.trim_start_matches("sha256:");
    &hex[..hex.len().min(12)]
}

/// Whether two fingerprints refer to the same tree.
pub fn same_tree(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

const fn parse_usize(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    let mut n = 0usize;
    while i < b.len() {
        n = n * 10 + (b[i] - b'0') as usize;
        i += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    #[test]
    fn short_is_prefix() {
        assert!(super::FINGERPRINT.contains(super::short()));
    }
}
