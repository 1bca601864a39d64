use std::collections::HashMap;
use std::fmt;

#[derive(Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub reason: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

fn expand(v: &str, seen: &HashMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        match rest[i + 2..].find('}') {
            Some(j) => {
                let name = &rest[i + 2..i + 2 + j];
                let val = seen.get(name).cloned().or_else(|| std::env::var(name).ok()).unwrap_or_default();
                out.push_str(&val);
                rest = &rest[i + 3 + j..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn parse(text: &str) -> Result<HashMap<String, String>, ParseError> {
    let mut map = HashMap::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let (k, v) = line.split_once('=').ok_or(ParseError { line: n + 1, reason: "expected KEY=value" })?;
        let k = k.trim();
        if k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(ParseError { line: n + 1, reason: "invalid key" });
        }
        let v = v.trim();
        let value = if let Some(s) = v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
            s.to_string()
        } else if let Some(s) = v.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
            expand(&s.replace("\\n", "\n").replace("\\\"", "\""), &map)
        } else {
            let v = v.split(" #").next().unwrap_or("").trim_end();
            expand(v, &map)
        };
        map.insert(k.to_string(), value);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn basics() {
        let m = parse("A=1\nexport B=\"x ${A}\"\nC='${A}' \n# comment\nD=plain # trailing").unwrap();
        assert_eq!(m["B"], "x 1");
        assert_eq!(m["C"], "${A}");
        assert_eq!(m["D"], "plain");
    }
}
