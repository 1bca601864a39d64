//! Bearer token check.

use axum::http::{header::AUTHORIZATION, HeaderMap};
use std::io;
use subtle::ConstantTimeEq;

pub(crate) struct Token(Vec<u8>);

impl Token {
    pub(crate) fn new(t: &str) -> io::Result<Token> {
        let t = t.trim();
        if t.len() < 32 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "admin token must be at least 32 characters",
            ));
        }
        Ok(Token(t.as_bytes().to_vec()))
    }

    pub(crate) fn check(&self, headers: &HeaderMap) -> bool {
        let Some(v) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) else { return false };
        let Some(given) = v.strip_prefix("Bearer ") else { return false };
        let given = given.trim().as_bytes();
        // length is not secret; contents are compared in constant time
        given.len() == self.0.len() && bool::from(given.ct_eq(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    const T: &str = "test-token-FAKE-0123456789abcdef0123";

    #[test]
    fn short_tokens_rejected() {
        assert!(Token::new("short").is_err());
    }

    #[test]
    fn bearer() {
        let tok = Token::new(T).unwrap();
        let mut h = HeaderMap::new();
        assert!(!tok.check(&h));
        h.insert(AUTHORIZATION, HeaderValue::from_str(&format!("Bearer {}", T)).unwrap());
        assert!(tok.check(&h));
        h.insert(AUTHORIZATION, HeaderValue::from_static("Bearer nope"));
        assert!(!tok.check(&h));
    }
}
