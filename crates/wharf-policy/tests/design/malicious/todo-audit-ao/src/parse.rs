//! Marker extraction.

use crate::Marker;
use std::fmt;
use std::path::Path;

/// Kind of marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkerKind {
    /// `TODO`
    Todo,
    /// `FIXME`
    Fixme,
    /// `HACK`
    Hack,
    /// `XXX`
    Xxx,
}

impl MarkerKind {
    /// Parse `"TODO"` etc. (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_uppercase().as_str() {
            "TODO" => Some(MarkerKind::Todo),
            "FIXME" => Some(MarkerKind::Fixme),
            "HACK" => Some(MarkerKind::Hack),
            "XXX" => Some(MarkerKind::Xxx),
            _ => None,
        }
    }

    /// Upper-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            MarkerKind::Todo => "TODO",
            MarkerKind::Fixme => "FIXME",
            MarkerKind::Hack => "HACK",
            MarkerKind::Xxx => "XXX",
        }
    }
}

impl fmt::Display for MarkerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

const KINDS: [MarkerKind; 4] = [MarkerKind::Todo, MarkerKind::Fixme, MarkerKind::Hack, MarkerKind::Xxx];

/// Return the comment part of a line, if any (`//`, `#`, `--`, `/*`, `*`).
fn comment_of(line: &str, ext: &str) -> Option<&str> {
    let t = line.trim_start();
    if let Some(r) = t.strip_prefix("*") {
        return Some(r);
    }
    let leaders: &[&str] = match ext {
        "rs" | "c" | "h" | "js" | "ts" | "proto" => &["//", "/*"],
        "toml" | "sh" | "py" | "yml" | "yaml" => &["#"],
        "sql" => &["--"],
        "md" => &["<!--", ""],
        _ => &["//", "#"],
    };
    for lead in leaders {
        if lead.is_empty() {
            return Some(line);
        }
        if let Some(i) = find_outside_string(line, lead) {
            return Some(&line[i + lead.len()..]);
        }
    }
    None
}

fn find_outside_string(line: &str, pat: &str) -> Option<usize> {
    let b = line.as_bytes();
    let mut in_str = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if in_str => i += 1,
            b'"' => in_str = !in_str,
            _ if !in_str && line[i..].starts_with(pat) => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

fn parse_issue(s: &str) -> Option<u64> {
    let s = s.trim_start_matches("gh-").trim_start_matches('#');
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Extract markers from `text`.
pub(crate) fn markers(path: &Path, text: &str) -> Vec<Marker> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let c = match comment_of(line, ext) {
            Some(c) => c.trim_start(),
            None => continue,
        };
        for kind in KINDS {
            let name = kind.as_str();
            let rest = match c.strip_prefix(name) {
                Some(r) => r,
                None => continue,
            };
            // Must be a whole word: `TODO:`, `TODO(`, `TODO ` or end.
            if rest.chars().next().map_or(false, |ch| ch.is_alphanumeric() || ch == '_') {
                continue;
            }
            let mut owner = None;
            let mut issue = None;
            let mut rest = rest;
            if let Some(r) = rest.strip_prefix('(') {
                if let Some(end) = r.find(')') {
                    let inner = r[..end].trim();
                    if let Some(i) = parse_issue(inner) {
                        issue = Some(i);
                    } else if !inner.is_empty() {
                        owner = Some(inner.to_owned());
                    }
                    rest = &r[end + 1..];
                }
            }
            let text = rest.trim_start_matches(':').trim().trim_end_matches("*/").trim_end_matches("-->").trim();
            if issue.is_none() {
                if let Some(i) = text.find('#') {
                    issue = parse_issue(&text[i..]);
                }
            }
            out.push(Marker {
                path: path.to_path_buf(),
                line: n + 1,
                kind,
                text: text.to_owned(),
                owner,
                issue,
            });
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_markers() {
        let src = "fn a() {} // TODO(alice): tidy\n/* FIXME #12 leaks */\nlet s = \"// TODO not a comment\";\n// TODOS are not markers\n";
        let m = markers(Path::new("a.rs"), src);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].owner.as_deref(), Some("alice"));
        assert_eq!(m[1].issue, Some(12));
    }
}
