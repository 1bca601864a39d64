//! Pinned keys and artefact verification.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::Error;

/// Domain separator of the signed message.
pub const CONTEXT: &[u8] = b"plugfetch-v1";

/// Set of public keys the application trusts.
#[derive(Debug, Clone, Default)]
pub struct TrustedKeys {
    keys: Vec<VerifyingKey>,
}

impl TrustedKeys {
    /// From raw 32-byte Ed25519 public keys.
    pub fn new(keys: Vec<VerifyingKey>) -> Self {
        TrustedKeys { keys }
    }

    /// From base64-encoded 32-byte public keys.
    pub fn from_base64(encoded: &[&str]) -> Result<Self, Error> {
        let mut keys = Vec::with_capacity(encoded.len());
        for e in encoded {
            let raw = B64.decode(e.trim()).map_err(|_| Error::BadKey)?;
            let arr: [u8; 32] = raw.try_into().map_err(|_| Error::BadKey)?;
            keys.push(VerifyingKey::from_bytes(&arr).map_err(|_| Error::BadKey)?);
        }
        if keys.is_empty() {
            return Err(Error::BadKey);
        }
        Ok(TrustedKeys { keys })
    }

    /// Short identifier of a key: hex of the first 8 bytes of SHA-256(key).
    pub fn key_id(key: &VerifyingKey) -> String {
        hex(&Sha256::digest(key.as_bytes())[..8])
    }

    fn by_id(&self, id: &str) -> Option<&VerifyingKey> {
        self.keys.iter().find(|k| Self::key_id(k) == id)
    }

    /// Number of pinned keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// `true` if no key is pinned (every verification fails).
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// Lowercase hex.
pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// SHA-256 of `data` as lowercase hex.
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// The exact bytes that are signed for an artefact.
pub fn signed_message(name: &str, version: &str, target: &str, sha256_hex: &str) -> Vec<u8> {
    let mut m = Vec::with_capacity(CONTEXT.len() + name.len() + version.len() + target.len() + 68);
    for part in [CONTEXT, name.as_bytes(), version.as_bytes(), target.as_bytes(), sha256_hex.as_bytes()] {
        m.extend_from_slice(part);
        m.push(0);
    }
    m
}

/// What an artefact claims to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim<'a> {
    /// Plugin name.
    pub name: &'a str,
    /// Exact version.
    pub version: &'a str,
    /// Platform key.
    pub target: &'a str,
    /// Expected SHA-256 (hex).
    pub sha256: &'a str,
    /// Base64 signature.
    pub signature: &'a str,
    /// Key id the signature claims.
    pub key_id: &'a str,
}

/// Verifies `bytes` against `claim` with `keys`.
pub fn verify(bytes: &[u8], claim: &Claim<'_>, keys: &TrustedKeys) -> Result<(), Error> {
    let actual = sha256_hex(bytes);
    if !actual.eq_ignore_ascii_case(claim.sha256) {
        return Err(Error::DigestMismatch { expected: claim.sha256.to_owned(), actual });
    }
    let key = keys.by_id(claim.key_id).ok_or_else(|| Error::UntrustedKey(claim.key_id.to_owned()))?;
    let sig_raw = B64.decode(claim.signature).map_err(|_| Error::BadSignature)?;
    let sig = Signature::from_slice(&sig_raw).map_err(|_| Error::BadSignature)?;
    let msg = signed_message(claim.name, claim.version, claim.target, &actual);
    key.verify(&msg, &sig).map_err(|_| Error::BadSignature)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_layout() {
        let m = signed_message("a", "1.0.0", "x86_64-linux", "00");
        assert_eq!(m, b"plugfetch-v1\0a\01.0.0\0x86_64-linux\000\0".to_vec());
    }

    #[test]
    fn empty_keys_rejected() {
        assert!(TrustedKeys::from_base64(&[]).is_err());
        assert!(TrustedKeys::from_base64(&["not base64!"]).is_err());
    }
}
