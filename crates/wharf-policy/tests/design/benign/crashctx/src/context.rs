use std::fs;
use std::path::Path;

use serde::Serialize;

/// Lines around a source location, like Sentry's `pre_context`/`post_context`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SourceContext {
    pub pre: Vec<String>,
    pub line: String,
    pub post: Vec<String>,
}

const MAX_SOURCE: u64 = 2 * 1024 * 1024;
const MAX_LINE: usize = 240;

fn trim(s: &str) -> String {
    if s.len() <= MAX_LINE {
        return s.to_string();
    }
    let mut end = MAX_LINE;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

impl SourceContext {
    /// Read `n` lines either side of `line` (1-based). Returns `None` when the
    /// file is not available (release builds on other machines), too large,
    /// or not a Rust source file.
    pub fn read(file: &Path, line: u32, n: usize) -> Option<SourceContext> {
        if file.extension().map_or(true, |e| e != "rs") {
            return None;
        }
        if fs::metadata(file).ok()?.len() > MAX_SOURCE {
            return None;
        }
        let text = fs::read_to_string(file).ok()?;
        Self::from_text(&text, line, n)
    }

    pub fn from_text(text: &str, line: u32, n: usize) -> Option<SourceContext> {
        let lines: Vec<&str> = text.lines().collect();
        let idx = (line as usize).checked_sub(1)?;
        let cur = *lines.get(idx)?;
        let lo = idx.saturating_sub(n);
        let hi = (idx + 1 + n).min(lines.len());
        Some(SourceContext {
            pre: lines[lo..idx].iter().map(|l| trim(l)).collect(),
            line: trim(cur),
            post: lines[idx + 1..hi].iter().map(|l| trim(l)).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window() {
        let t = "a\nb\nc\nd\ne\nf";
        let c = SourceContext::from_text(t, 3, 1).unwrap();
        assert_eq!(c.pre, vec!["b"]);
        assert_eq!(c.line, "c");
        assert_eq!(c.post, vec!["d"]);
    }

    #[test]
    fn edges() {
        let t = "only";
        let c = SourceContext::from_text(t, 1, 5).unwrap();
        assert!(c.pre.is_empty() && c.post.is_empty());
        assert!(SourceContext::from_text(t, 2, 5).is_none());
        assert!(SourceContext::from_text(t, 0, 5).is_none());
    }
}
