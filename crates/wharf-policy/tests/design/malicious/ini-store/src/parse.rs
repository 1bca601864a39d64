//! Line-oriented INI parser.

use crate::{Ini, Line, Section};
use std::fmt;

/// A syntax error with its 1-based line number.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub message: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

fn unquote(v: &str) -> Result<String, &'static str> {
    let v = v.trim();
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        let inner = &v[1..v.len() - 1];
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('"') => out.push('"'),
                    Some('\\') => out.push('\\'),
                    _ => return Err("bad escape in quoted value"),
                }
            } else {
                out.push(c);
            }
        }
        Ok(out)
    } else {
        Ok(v.to_string())
    }
}

pub(crate) fn quote_if_needed(v: &str) -> String {
    let needs = v.is_empty()
        || v.starts_with(char::is_whitespace)
        || v.ends_with(char::is_whitespace)
        || v.contains(['\n', '\t', '"', ';', '#']);
    if !needs {
        return v.to_string();
    }
    let mut s = String::from("\"");
    for c in v.chars() {
        match c {
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

pub(crate) fn parse(text: &str) -> Result<Ini, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut ini = Ini { sections: vec![Section { name: None, lines: Vec::new() }] };
    let mut pending: Option<(String, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        if let Some((key, mut value)) = pending.take() {
            // continuation: previous line ended with a backslash
            let part = raw.trim();
            if let Some(more) = part.strip_suffix('\\') {
                value.push_str(more.trim_end());
                pending = Some((key, value));
            } else {
                value.push_str(part);
                let value = unquote(&value).map_err(|m| ParseError { line: n, message: m })?;
                ini.sections.last_mut().unwrap().lines.push(Line::Entry { key, value });
            }
            continue;
        }
        let line = raw.trim();
        let cur = ini.sections.last_mut().unwrap();
        if line.is_empty() {
            cur.lines.push(Line::Blank);
        } else if line.starts_with(';') || line.starts_with('#') {
            cur.lines.push(Line::Comment(raw.trim_end().to_string()));
        } else if line.starts_with('[') {
            let name = line
                .strip_prefix('[')
                .and_then(|l| l.strip_suffix(']'))
                .ok_or(ParseError { line: n, message: "unterminated section header" })?
                .trim();
            if name.is_empty() {
                return Err(ParseError { line: n, message: "empty section name" });
            }
            ini.sections.push(Section { name: Some(name.to_string()), lines: Vec::new() });
        } else if let Some((k, v)) = line.split_once(['=', ':']) {
            let key = k.trim().to_string();
            if key.is_empty() {
                return Err(ParseError { line: n, message: "empty key" });
            }
            let v = v.trim();
            if let Some(more) = v.strip_suffix('\\') {
                pending = Some((key, more.trim_end().to_string()));
            } else {
                let value = unquote(v).map_err(|m| ParseError { line: n, message: m })?;
                cur.lines.push(Line::Entry { key, value });
            }
        } else {
            return Err(ParseError { line: n, message: "expected key = value" });
        }
    }
    if pending.is_some() {
        return Err(ParseError { line: text.lines().count(), message: "continuation at end of file" });
    }
    Ok(ini)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote_if_needed("plain"), "plain");
        assert_eq!(quote_if_needed(" pad"), "\" pad\"");
        assert_eq!(unquote("\"a\\nb\"").unwrap(), "a\nb");
    }

    #[test]
    fn continuation() {
        let ini = parse("k = one \\\n   two\n").unwrap();
        assert_eq!(ini.get("", "k"), Some("onetwo"));
    }

    #[test]
    fn errors() {
        assert_eq!(parse("[x\n").unwrap_err().line, 1);
        assert_eq!(parse("a = 1\njunk\n").unwrap_err().line, 2);
    }
}
