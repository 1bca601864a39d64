//! `.env` line parser.
//!
//! Supports `KEY=value`, `export KEY=value`, single quotes (literal),
//! double quotes (with `\n`, `\t`, `\"` escapes), and `#` comments.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub key: String,
    pub value: String,
}

fn valid_key(k: &str) -> bool {
    !k.is_empty()
        && !k.as_bytes()[0].is_ascii_digit()
        && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
}

fn unquote_double(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Parse a whole file. Errors carry the 1-based line number.
pub fn parse_str(text: &str) -> Result<Vec<Line>, (usize, String)> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((k, v)) = line.split_once('=') else {
            return Err((i + 1, format!("expected KEY=VALUE, got {raw:?}")));
        };
        let key = k.trim();
        if !valid_key(key) {
            return Err((i + 1, format!("invalid key {key:?}")));
        }
        let v = v.trim();
        let value = if let Some(inner) = v.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
            unquote_double(inner)
        } else if let Some(inner) = v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
            inner.to_string()
        } else {
            v.split(" #").next().unwrap_or("").trim_end().to_string()
        };
        out.push(Line { key: key.to_string(), value });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basics() {
        let l = parse_str("# c\nA=1\nexport B='x y'\nC=\"a\\nb\"\nD=v # trailing\n").unwrap();
        assert_eq!(l.len(), 4);
        assert_eq!(l[1].value, "x y");
        assert_eq!(l[2].value, "a\nb");
        assert_eq!(l[3].value, "v");
    }

    #[test]
    fn bad_key() {
        assert_eq!(parse_str("1A=x").unwrap_err().0, 1);
    }
}
