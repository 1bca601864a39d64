//! Host patterns in the first field of a known_hosts line.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPattern {
    /// A plain name or glob (`*`, `?`), optionally negated with `!`.
    Glob { negated: bool, pattern: String },
    /// `|1|salt|hash`
    Hashed { salt: Vec<u8>, hash: Vec<u8>, raw: String },
}

impl HostPattern {
    pub fn parse(s: &str) -> Self {
        if let Some(rest) = s.strip_prefix("|1|") {
            let mut it = rest.splitn(2, '|');
            if let (Some(salt), Some(hash)) = (it.next(), it.next()) {
                if let (Ok(salt), Ok(hash)) = (B64.decode(salt), B64.decode(hash)) {
                    return HostPattern::Hashed { salt, hash, raw: s.to_string() };
                }
            }
        }
        match s.strip_prefix('!') {
            Some(p) => HostPattern::Glob { negated: true, pattern: p.to_ascii_lowercase() },
            None => HostPattern::Glob { negated: false, pattern: s.to_ascii_lowercase() },
        }
    }

    /// `Some(true)` positive match, `Some(false)` negated match, `None` no match.
    pub fn matches(&self, name: &str) -> Option<bool> {
        match self {
            HostPattern::Hashed { salt, hash, .. } => {
                if &crate::hash_host(salt, name) == hash {
                    Some(true)
                } else {
                    None
                }
            }
            HostPattern::Glob { negated, pattern } => {
                if glob(pattern.as_bytes(), name.as_bytes()) {
                    Some(!negated)
                } else {
                    None
                }
            }
        }
    }
}

impl fmt::Display for HostPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostPattern::Hashed { raw, .. } => f.write_str(raw),
            HostPattern::Glob { negated: true, pattern } => write!(f, "!{pattern}"),
            HostPattern::Glob { negated: false, pattern } => f.write_str(pattern),
        }
    }
}

/// Iterative glob supporting `*` and `?`, as in OpenSSH's match.c.
fn glob(pat: &[u8], s: &[u8]) -> bool {
    let (mut p, mut i) = (0usize, 0usize);
    let (mut star_p, mut star_i) = (usize::MAX, 0usize);
    while i < s.len() {
        if p < pat.len() && (pat[p] == b'?' || pat[p] == s[i]) {
            p += 1;
            i += 1;
        } else if p < pat.len() && pat[p] == b'*' {
            star_p = p;
            star_i = i;
            p += 1;
        } else if star_p != usize::MAX {
            p = star_p + 1;
            star_i += 1;
            i = star_i;
        } else {
            return false;
        }
    }
    while p < pat.len() && pat[p] == b'*' {
        p += 1;
    }
    p == pat.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globbing() {
        assert!(glob(b"*.example.org", b"a.example.org"));
        assert!(glob(b"host?", b"host1"));
        assert!(!glob(b"host?", b"host12"));
    }

    #[test]
    fn negation() {
        let p = HostPattern::parse("!bastion.example.org");
        assert_eq!(p.matches("bastion.example.org"), Some(false));
    }
}
