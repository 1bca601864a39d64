//! Webhook request signing: base64(HMAC-SHA1(auth_token, url + sorted(k+v))).

use base64::{engine::general_purpose::STANDARD, Engine as _};
use hmac::{Hmac, Mac};
use sha1::Sha1;

type HmacSha1 = Hmac<Sha1>;

fn mac_for(auth_token: &str, url: &str, params: &[(&str, &str)]) -> HmacSha1 {
    let mut sorted: Vec<_> = params.to_vec();
    sorted.sort();
    let mut mac = HmacSha1::new_from_slice(auth_token.as_bytes()).expect("hmac accepts any key length");
    mac.update(url.as_bytes());
    for (k, v) in sorted {
        mac.update(k.as_bytes());
        mac.update(v.as_bytes());
    }
    mac
}

/// Compute the signature header value for a POST to `url` with form `params`.
pub fn compute_signature(auth_token: &str, url: &str, params: &[(&str, &str)]) -> String {
    STANDARD.encode(mac_for(auth_token, url, params).finalize().into_bytes())
}

/// Constant-time validation of a received signature header.
pub fn validate_signature(auth_token: &str, url: &str, params: &[(&str, &str)], header: &str) -> bool {
    let Ok(expected) = STANDARD.decode(header.trim()) else { return false };
    mac_for(auth_token, url, params).verify_slice(&expected).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_then_validate() {
        let token = "FAKE_AUTH_TOKEN_0000";
        let url = "https://hooks.example.org/sms";
        let params = [("To", "+15005550006"), ("Body", "hi"), ("From", "+15005550001")];
        let sig = compute_signature(token, url, &params);
        assert!(validate_signature(token, url, &params, &sig));
        assert!(!validate_signature(token, url, &params[..2], &sig));
        assert!(!validate_signature("other", url, &params, &sig));
    }

    #[test]
    fn param_order_irrelevant() {
        let a = compute_signature("k", "u", &[("A", "1"), ("B", "2")]);
        let b = compute_signature("k", "u", &[("B", "2"), ("A", "1")]);
        assert_eq!(a, b);
    }
}
