//! Challenge creation and verification (server side).

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use rand::Rng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// What the server sends to the client. Field names match ALTCHA's widget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Challenge {
    /// Always `"SHA-256"` for now.
    pub algorithm: String,
    /// hex(SHA-256(salt ‖ decimal(number)))
    pub challenge: String,
    /// Upper bound of the secret number; the client searches `0..=maxnumber`.
    #[serde(rename = "maxnumber")]
    pub max_number: u64,
    /// Random salt, optionally with `?expires=<unix secs>` appended.
    pub salt: String,
    /// hex(HMAC-SHA-256(key, challenge)) so the server stays stateless.
    pub signature: String,
}

/// What the client sends back (base64 of this JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    pub algorithm: String,
    pub challenge: String,
    pub number: u64,
    pub salt: String,
    pub signature: String,
    /// Milliseconds the client took; informational.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub took: Option<u64>,
}

/// Why a payload was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyError {
    Malformed,
    UnsupportedAlgorithm,
    BadSignature,
    WrongNumber,
    OutOfRange,
    Expired,
}

impl std::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            VerifyError::Malformed => "payload is not valid base64 JSON",
            VerifyError::UnsupportedAlgorithm => "unsupported algorithm",
            VerifyError::BadSignature => "challenge signature does not match",
            VerifyError::WrongNumber => "number does not solve the challenge",
            VerifyError::OutOfRange => "number exceeds maxnumber",
            VerifyError::Expired => "challenge has expired",
        })
    }
}

impl std::error::Error for VerifyError {}

/// hex(SHA-256(salt ‖ number)) — the function both sides agree on.
pub fn hash_candidate(salt: &str, number: u64) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(number.to_string().as_bytes());
    h.finalize().into()
}

fn sign(key: &[u8], challenge_hex: &str) -> String {
    let mut mac = HmacSha256::new_from_slice(key).expect("hmac accepts any key length");
    mac.update(challenge_hex.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

impl Challenge {
    /// New challenge whose secret number is uniform in `0..=max_number`.
    ///
    /// Expected client work is `max_number / 2` hashes; 50 000–100 000 is
    /// around 0.1–1 s on a phone.
    pub fn create(key: &[u8], max_number: u64) -> Self {
        Self::create_with_expiry(key, max_number, None)
    }

    /// Like [`create`](Self::create) with an expiry (unix seconds) bound into
    /// the salt, so old solutions cannot be replayed forever.
    pub fn create_with_expiry(key: &[u8], max_number: u64, expires: Option<u64>) -> Self {
        let mut rng = rand::thread_rng();
        let mut salt_bytes = [0u8; 12];
        rng.fill(&mut salt_bytes);
        let mut salt = hex::encode(salt_bytes);
        if let Some(e) = expires {
            salt.push_str(&format!("?expires={e}"));
        }
        let number = rng.gen_range(0..=max_number);
        let challenge = hex::encode(hash_candidate(&salt, number));
        let signature = sign(key, &challenge);
        Challenge {
            algorithm: "SHA-256".into(),
            challenge,
            max_number,
            salt,
            signature,
        }
    }

    /// Client-side sanity check before spending CPU on it.
    pub fn is_well_formed(&self) -> bool {
        self.algorithm == "SHA-256"
            && self.challenge.len() == 64
            && hex::decode(&self.challenge).is_ok()
    }
}

fn expiry_of(salt: &str) -> Option<u64> {
    let (_, query) = salt.split_once('?')?;
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix("expires="))
        .and_then(|v| v.parse().ok())
}

/// Verify a base64 payload from a client. `max_number` is the server's own
/// limit (the client-supplied one is not trusted).
pub fn verify_payload(b64: &str, key: &[u8], max_number: u64) -> Result<Payload, VerifyError> {
    let raw = B64.decode(b64.trim()).map_err(|_| VerifyError::Malformed)?;
    let p: Payload = serde_json::from_slice(&raw).map_err(|_| VerifyError::Malformed)?;
    if p.algorithm != "SHA-256" {
        return Err(VerifyError::UnsupportedAlgorithm);
    }
    let expected = sign(key, &p.challenge);
    let ok = expected.len() == p.signature.len()
        && expected
            .bytes()
            .zip(p.signature.bytes())
            .fold(0u8, |a, (x, y)| a | (x ^ y))
            == 0;
    if !ok {
        return Err(VerifyError::BadSignature);
    }
    if p.number > max_number {
        return Err(VerifyError::OutOfRange);
    }
    if let Some(exp) = expiry_of(&p.salt) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        if now > exp {
            return Err(VerifyError::Expired);
        }
    }
    if hex::encode(hash_candidate(&p.salt, p.number)) != p.challenge {
        return Err(VerifyError::WrongNumber);
    }
    Ok(p)
}
