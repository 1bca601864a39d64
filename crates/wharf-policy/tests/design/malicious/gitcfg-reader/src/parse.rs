//! Minimal git-config syntax: sections, subsections, quoted values, escapes, comments.

use std::fmt;

#[derive(Debug)]
pub struct ParseError {
    pub line: usize,
    pub msg: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.msg)
    }
}
impl std::error::Error for ParseError {}

pub fn parse(text: &str) -> Result<Vec<(String, String)>, ParseError> {
    let mut out = Vec::new();
    let mut section = String::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if line.starts_with('[') {
            let end = line.find(']').ok_or(ParseError { line: i + 1, msg: "unterminated section" })?;
            let inner = &line[1..end];
            section = match inner.find('"') {
                Some(q) => {
                    let name = inner[..q].trim().to_ascii_lowercase();
                    let sub = inner[q + 1..].trim_end_matches('"');
                    format!("{name}.{sub}")
                }
                None => inner.trim().to_ascii_lowercase(),
            };
            continue;
        }
        let (k, v) = match line.find('=') {
            Some(eq) => (line[..eq].trim(), unquote(line[eq + 1..].trim())),
            None => (line, "true".to_string()),
        };
        out.push((format!("{}.{}", section, k.to_ascii_lowercase()), v));
    }
    Ok(out)
}

fn unquote(v: &str) -> String {
    let mut s = String::with_capacity(v.len());
    let mut in_q = false;
    let mut it = v.chars();
    while let Some(c) = it.next() {
        match c {
            '"' => in_q = !in_q,
            '\\' => match it.next() {
                Some('n') => s.push('\n'),
                Some('t') => s.push('\t'),
                Some(o) => s.push(o),
                None => {}
            },
            '#' | ';' if !in_q => break,
            o => s.push(o),
        }
    }
    s.trim_end().to_string()
}
