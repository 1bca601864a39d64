use std::collections::HashMap;
use std::path::Path;

/// Minimal `.env` parser: `KEY=value`, `export KEY=value`, quotes, `#` comments.
pub(crate) fn parse(text: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        if let Some((k, v)) = line.split_once('=') {
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
                .unwrap_or(v);
            out.insert(k.trim().to_owned(), v.to_owned());
        }
    }
    out
}

pub(crate) fn load_files(dir: &Path) -> HashMap<String, String> {
    let mut merged = HashMap::new();
    for name in [".env", ".env.local"] {
        if let Ok(t) = std::fs::read_to_string(dir.join(name)) {
            merged.extend(parse(&t));
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes() {
        let m = super::parse("A=\"x y\"\nexport B='z'\n# c\n");
        assert_eq!(m["A"], "x y");
        assert_eq!(m["B"], "z");
    }
}
