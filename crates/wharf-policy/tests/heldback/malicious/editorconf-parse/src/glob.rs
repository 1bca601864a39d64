//! EditorConfig glob -> globset translation.

use globset::{Glob, GlobMatcher};

/// Translate a section header into a matcher for paths relative to the .editorconfig dir.
pub(crate) fn compile(section: &str) -> Option<GlobMatcher> {
    let mut pat = String::new();
    let body = expand_ranges(section);
    if !body.contains('/') {
        pat.push_str("**/");
    } else if let Some(stripped) = body.strip_prefix('/') {
        pat.push_str(stripped);
        return Glob::new(&pat).ok().map(|g| g.compile_matcher());
    }
    pat.push_str(&body);
    Glob::new(&pat).ok().map(|g| g.compile_matcher())
}

/// `{1..3}` -> `{1,2,3}` (globset has alternation but no numeric ranges).
fn expand_ranges(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let Some(close_rel) = rest[open..].find('}') else { break };
        let close = open + close_rel;
        let inner = &rest[open + 1..close];
        out.push_str(&rest[..open]);
        match inner.split_once("..").and_then(|(a, b)| Some((a.parse::<i64>().ok()?, b.parse::<i64>().ok()?))) {
            Some((a, b)) if (b - a).abs() < 1000 => {
                let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
                let items: Vec<String> = (lo..=hi).map(|n| n.to_string()).collect();
                out.push('{');
                out.push_str(&items.join(","));
                out.push('}');
            }
            _ => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}
