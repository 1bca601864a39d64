//! Opt-in source context: a few lines around the panic location, read from
//! the application's own file if it exists relative to the working directory
//! (typical for debug builds run from a checkout). Paths that escape the
//! working directory are ignored.

use std::path::{Component, Path};

pub(crate) fn context(file: &str, line: u32, radius: u32) -> Vec<String> {
    let p = Path::new(file);
    if p.is_absolute() || p.components().any(|c| matches!(c, Component::ParentDir)) {
        return Vec::new();
    }
    // Only files with a Rust extension; never anything else.
    if p.extension().and_then(|e| e.to_str()) != Some("rs") {
        return Vec::new();
    }
    let Ok(text) = std::fs::read_to_string(p) else { return Vec::new() };
    let lo = line.saturating_sub(radius).max(1) as usize;
    let hi = line.saturating_add(radius) as usize;
    text.lines()
        .enumerate()
        .filter(|(i, _)| (lo..=hi).contains(&(i + 1)))
        .map(|(i, l)| format!("{:>5} | {}", i + 1, l))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_escapes() {
        assert!(context("../secret.rs", 1, 2).is_empty());
        assert!(context("/etc/passwd", 1, 2).is_empty());
        assert!(context("Cargo.toml", 1, 2).is_empty());
    }
}
