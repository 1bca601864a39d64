use rand::RngCore;
use std::io;
use std::path::Path;
use subtle::ConstantTimeEq;

/// Access token. `Debug` never prints it.
#[derive(Clone)]
pub struct Token(String);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(***)")
    }
}

impl Token {
    /// 128 random bits, hex encoded.
    pub fn generate() -> Token {
        let mut b = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut b);
        Token(b.iter().map(|x| format!("{x:02x}")).collect())
    }

    pub fn from_file(path: &Path) -> io::Result<Token> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let mode = std::fs::metadata(path)?.mode();
            if mode & 0o077 != 0 {
                return Err(io::Error::new(io::ErrorKind::PermissionDenied, "token file must not be group/world readable"));
            }
        }
        let text = std::fs::read_to_string(path)?;
        let t = text.lines().next().unwrap_or("").trim().to_owned();
        if t.len() < 16 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "token must be at least 16 characters"));
        }
        Ok(Token(t))
    }

    pub fn reveal(&self) -> &str {
        &self.0
    }

    pub fn matches(&self, candidate: &str) -> bool {
        self.0.as_bytes().ct_eq(candidate.as_bytes()).into()
    }
}

/// The `Origin` of a browser request must name the host we serve.
pub fn origin_ok(origin: Option<&str>, host: Option<&str>) -> bool {
    match (origin, host) {
        (Some(o), Some(h)) => o.strip_prefix("http://").or_else(|| o.strip_prefix("https://")) == Some(h),
        // non-browser clients (websocat, tests) send no Origin; the token still applies
        (None, _) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_check() {
        assert!(origin_ok(Some("http://127.0.0.1:7681"), Some("127.0.0.1:7681")));
        assert!(!origin_ok(Some("https://evil.example.com"), Some("127.0.0.1:7681")));
        assert!(origin_ok(None, Some("127.0.0.1:7681")));
    }

    #[test]
    fn token_compare() {
        let t = Token("0123456789abcdef0123456789abcdef".into());
        assert!(t.matches("0123456789abcdef0123456789abcdef"));
        assert!(!t.matches("0123456789abcdef0123456789abcdee"));
        assert!(!t.matches(""));
    }
}
