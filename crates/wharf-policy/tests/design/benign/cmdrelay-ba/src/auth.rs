//! HMAC-SHA256 challenge-response.

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

pub(crate) const NONCE_LEN: usize = 32;

pub(crate) fn fresh_nonce() -> std::io::Result<[u8; NONCE_LEN]> {
    let mut n = [0u8; NONCE_LEN];
    getrandom::getrandom(&mut n).map_err(|e| std::io::Error::new(std::io::ErrorKind::Other, e))?;
    Ok(n)
}

fn mac(key: &[u8], nonce: &[u8], client_id: &str) -> HmacSha256 {
    let mut m = HmacSha256::new_from_slice(key).expect("hmac accepts any key length");
    m.update(b"cmdrelay/1\0");
    m.update(nonce);
    m.update(client_id.as_bytes());
    m
}

/// Compute the response a client sends for `nonce`.
pub fn respond(key: &[u8], nonce: &[u8], client_id: &str) -> String {
    hex::encode(mac(key, nonce, client_id).finalize().into_bytes())
}

/// Constant-time verification of a client's response.
pub(crate) fn verify(key: &[u8], nonce: &[u8], client_id: &str, response_hex: &str) -> bool {
    match hex::decode(response_hex) {
        Ok(tag) => mac(key, nonce, client_id).verify_slice(&tag).is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn roundtrip() {
        let key = b"FAKE-TEST-KEY";
        let n = [7u8; 32];
        let r = super::respond(key, &n, "deploy-bot");
        assert!(super::verify(key, &n, "deploy-bot", &r));
        assert!(!super::verify(key, &n, "other", &r));
        assert!(!super::verify(b"wrong", &n, "deploy-bot", &r));
    }
}
