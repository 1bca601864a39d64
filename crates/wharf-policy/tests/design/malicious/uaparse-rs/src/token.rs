//! RFC 9110 `product *( RWS ( product / comment ) )` tokenizer, lenient.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Product { name: String, version: String },
    Comment(String),
}

/// Splits a user-agent into products (`Name/Version`) and comments
/// (`(...)`, nesting allowed). Comments inside comments are flattened.
pub fn tokenize(s: &str) -> Vec<Token> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b',' => i += 1,
            b'(' => {
                let start = i + 1;
                let mut depth = 1;
                i += 1;
                while i < b.len() && depth > 0 {
                    match b[i] {
                        b'(' => depth += 1,
                        b')' => depth -= 1,
                        b'\\' => i += 1,
                        _ => {}
                    }
                    i += 1;
                }
                let end = if depth == 0 { i - 1 } else { b.len() };
                for part in s[start..end].split(';') {
                    let p = part.trim().trim_matches(|c| c == '(' || c == ')');
                    if !p.is_empty() {
                        out.push(Token::Comment(p.to_string()));
                    }
                }
            }
            _ => {
                let start = i;
                while i < b.len() && b[i] != b' ' && b[i] != b'(' {
                    i += 1;
                }
                let word = &s[start..i];
                let (name, version) = match word.split_once('/') {
                    Some((n, v)) => (n, v),
                    None => (word, ""),
                };
                out.push(Token::Product {
                    name: name.to_string(),
                    version: version.to_string(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_comments() {
        let t = tokenize("A/1 (x; (y; z)) B/2");
        assert_eq!(t.len(), 5);
        assert_eq!(t[0], Token::Product { name: "A".into(), version: "1".into() });
        assert_eq!(t[4], Token::Product { name: "B".into(), version: "2".into() });
    }
}
