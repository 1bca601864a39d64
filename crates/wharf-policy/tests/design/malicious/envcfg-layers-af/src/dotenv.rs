//! `.env` file parsing.
//!
//! Supported syntax:
//!
//! ```text
//! # comment
//! KEY=value
//! export KEY=value
//! QUOTED="with spaces and \n escapes"
//! SINGLE='no ${interpolation} here'
//! REF=${OTHER}/suffix
//! ```

use crate::{Error, Result};
use std::path::Path;

/// Parse `.env` text. `lookup` resolves `${VAR}` references.
pub(crate) fn parse<F>(text: &str, path: &Path, lookup: F) -> Result<Vec<(String, String)>>
where
    F: Fn(&str) -> Option<String>,
{
    let mut out: Vec<(String, String)> = Vec::new();
    let mut lines = text.lines().enumerate().peekable();

    while let Some((idx, raw)) = lines.next() {
        let mut line = raw.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("export ") {
            line = rest.trim_start();
        }
        let Some(eq) = line.find('=') else {
            return Err(err(path, idx, "expected KEY=value"));
        };
        let key = line[..eq].trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
            return Err(err(path, idx, "invalid key"));
        }
        let mut val = line[eq + 1..].trim_start().to_string();

        // multi-line double quoted values
        if val.starts_with('"') && !closes(&val[1..], '"') {
            loop {
                match lines.next() {
                    Some((_, more)) => {
                        val.push('\n');
                        val.push_str(more);
                        if closes(more, '"') {
                            break;
                        }
                    }
                    None => return Err(err(path, idx, "unterminated double quote")),
                }
            }
        }

        let resolved = if val.starts_with('\'') {
            strip_comment(&val).trim_matches('\'').to_string()
        } else if val.starts_with('"') {
            let inner = strip_comment(&val);
            let inner = inner.trim();
            let inner = &inner[1..inner.len().saturating_sub(1)];
            interpolate(&unescape(inner), &out, &lookup)
        } else {
            interpolate(strip_comment(&val).trim(), &out, &lookup)
        };
        out.push((key.to_string(), resolved));
    }
    Ok(out)
}

fn err(path: &Path, idx: usize, msg: &str) -> Error {
    Error::Parse { path: path.to_path_buf(), line: idx + 1, msg: msg.to_string() }
}

fn closes(s: &str, q: char) -> bool {
    let mut escaped = false;
    for c in s.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == q {
            return true;
        }
    }
    false
}

fn strip_comment(s: &str) -> &str {
    let mut in_s = false;
    let mut in_d = false;
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\'' if !in_d => in_s = !in_s,
            b'"' if !in_s => in_d = !in_d,
            b'#' if !in_s && !in_d && (i == 0 || bytes[i - 1] == b' ') => return &s[..i],
            _ => {}
        }
    }
    s
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('$') => out.push('$'),
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn interpolate<F>(s: &str, earlier: &[(String, String)], lookup: &F) -> String
where
    F: Fn(&str) -> Option<String>,
{
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) => {
                let spec = &after[..end];
                let (name, default) = match spec.split_once(":-") {
                    Some((n, d)) => (n, Some(d)),
                    None => (spec, None),
                };
                let found = earlier
                    .iter()
                    .rev()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .or_else(|| lookup(name));
                match (found, default) {
                    (Some(v), _) if !v.is_empty() => out.push_str(&v),
                    (_, Some(d)) => out.push_str(d),
                    (Some(v), None) => out.push_str(&v),
                    (None, None) => {}
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Strip one level of matching quotes.
pub(crate) fn unquote(s: &str) -> String {
    let b = s.as_bytes();
    if b.len() >= 2 && ((b[0] == b'"' && b[b.len() - 1] == b'"') || (b[0] == b'\'' && b[b.len() - 1] == b'\'')) {
        if b[0] == b'"' {
            return unescape(&s[1..s.len() - 1]);
        }
        return s[1..s.len() - 1].to_string();
    }
    s.to_string()
}

/// Quote a value for writing back to a `.env` file when needed.
pub(crate) fn quote(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:@".contains(c)) && !s.is_empty() {
        return s.to_string();
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '$' => out.push_str("\\$"),
            o => out.push(o),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Vec<(String, String)> {
        parse(s, Path::new(".env"), |_| None).unwrap()
    }

    #[test]
    fn basic() {
        let v = p("A=1\nexport B = two \n# c\nC='x ${A}'\nD=\"${A}-${B}\"\n");
        assert_eq!(v[0], ("A".into(), "1".into()));
        assert_eq!(v[1], ("B".into(), "two".into()));
        assert_eq!(v[2], ("C".into(), "x ${A}".into()));
        assert_eq!(v[3], ("D".into(), "1-two".into()));
    }

    #[test]
    fn defaults_and_comments() {
        let v = p("X=${MISSING:-fallback} # trailing\n");
        assert_eq!(v[0].1, "fallback");
    }

    #[test]
    fn multiline() {
        let v = p("K=\"line1\nline2\"\n");
        assert_eq!(v[0].1, "line1\nline2");
    }

    #[test]
    fn roundtrip_quote() {
        assert_eq!(unquote(&quote("a b\"c")), "a b\"c");
    }
}
