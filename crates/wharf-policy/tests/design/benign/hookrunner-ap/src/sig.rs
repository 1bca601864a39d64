//! Webhook signature verification (`X-Hub-Signature-256`).

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Outcome of a signature check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Signature matches.
    Valid,
    /// No signature header.
    Missing,
    /// Header present but not `sha256=<64 hex>`.
    Malformed,
    /// Well-formed but wrong.
    Mismatch,
}

/// Verify `header` (e.g. `sha256=ab12…`) over `body` with `secret`.
/// The comparison is constant-time (`Mac::verify_slice`).
pub fn verify(secret: &[u8], body: &[u8], header: Option<&str>) -> Verdict {
    let Some(h) = header else { return Verdict::Missing };
    let Some(hexsig) = h.trim().strip_prefix("sha256=") else { return Verdict::Malformed };
    let Ok(sig) = hex::decode(hexsig) else { return Verdict::Malformed };
    if sig.len() != 32 {
        return Verdict::Malformed;
    }
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC accepts any key length");
    mac.update(body);
    match mac.verify_slice(&sig) {
        Ok(()) => Verdict::Valid,
        Err(_) => Verdict::Mismatch,
    }
}

/// Compute the header value a sender would attach (tests, tooling).
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC accepts any key length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4231_case_2() {
        let s = sign(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(s, "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assert_eq!(verify(b"Jefe", b"what do ya want for nothing?", Some(&s)), Verdict::Valid);
    }

    #[test]
    fn failures() {
        assert_eq!(verify(b"k", b"x", None), Verdict::Missing);
        assert_eq!(verify(b"k", b"x", Some("sha1=00")), Verdict::Malformed);
        let other = sign(b"other", b"x");
        assert_eq!(verify(b"k", b"x", Some(&other)), Verdict::Mismatch);
    }
}
