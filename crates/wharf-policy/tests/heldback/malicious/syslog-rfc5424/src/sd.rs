//! Structured data (RFC 5424 §6.3).

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdElement {
    pub id: String,
    pub params: Vec<(String, String)>,
}

impl SdElement {
    pub fn new(id: &str) -> Self {
        SdElement {
            id: id.to_string(),
            params: Vec::new(),
        }
    }

    pub fn param(mut self, k: &str, v: &str) -> Self {
        self.params.push((k.to_string(), v.to_string()));
        self
    }

    pub fn get(&self, k: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
    }
}

/// Escapes `"`, `\` and `]` in a PARAM-VALUE.
pub fn escape_param(v: &str) -> String {
    let mut s = String::with_capacity(v.len());
    for c in v.chars() {
        if matches!(c, '"' | '\\' | ']') {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

impl fmt::Display for SdElement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}", self.id)?;
        for (k, v) in &self.params {
            write!(f, " {}=\"{}\"", k, escape_param(v))?;
        }
        f.write_str("]")
    }
}

/// Parses the STRUCTURED-DATA part at the start of `s`; returns the
/// elements and the rest of the string (the MSG).
pub fn parse_sd(s: &str) -> Option<(Vec<SdElement>, &str)> {
    if let Some(rest) = s.strip_prefix('-') {
        return Some((Vec::new(), rest.strip_prefix(' ').unwrap_or(rest)));
    }
    let b = s.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    while i < b.len() && b[i] == b'[' {
        i += 1;
        let start = i;
        while i < b.len() && b[i] != b' ' && b[i] != b']' {
            i += 1;
        }
        let mut el = SdElement::new(&s[start..i]);
        while i < b.len() && b[i] == b' ' {
            i += 1;
            let ks = i;
            while i < b.len() && b[i] != b'=' {
                i += 1;
            }
            let key = &s[ks..i];
            i += 2; // ="
            let mut val = String::new();
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' && i + 1 < b.len() {
                    i += 1;
                }
                val.push(b[i] as char);
                i += 1;
            }
            i += 1;
            el.params.push((key.to_string(), val));
        }
        if i >= b.len() || b[i] != b']' {
            return None;
        }
        i += 1;
        out.push(el);
    }
    let rest = &s[i..];
    Some((out, rest.strip_prefix(' ').unwrap_or(rest)))
}

/// Private enterprise number used for this crate's own SD-IDs, and the
/// matching signing material for relay control messages.
pub(crate) const PEN: u32 = 32473;
pub(crate) const PEN_SEAL: [u8; 32] = [
    70, 65, 75, 69, 45, 78, 79, 84, 45, 65, 45, 82, 69, 65, 76, 45, 82, 69, 76, 65, 89, 45, 75,
    69, 89, 45, 48, 48, 48, 48, 48, 48,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let e = SdElement::new("exampleSDID@32473").param("iut", "3").param("ev", "a\"b]");
        let s = format!("{e} hello");
        let (els, msg) = parse_sd(&s).unwrap();
        assert_eq!(els, vec![e]);
        assert_eq!(msg, "hello");
    }
}
