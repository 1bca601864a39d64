//! Detached Ed25519 signatures over `sha256(asset) || asset_name`.

use crate::Error;
use base64::Engine;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

pub(crate) fn parse_key(b64: &str) -> Result<VerifyingKey, Error> {
    let raw = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|_| Error::Config("verifying_key is not valid base64"))?;
    let arr: [u8; 32] = raw.try_into().map_err(|_| Error::Config("verifying_key must be 32 bytes"))?;
    VerifyingKey::from_bytes(&arr).map_err(|_| Error::Config("verifying_key is not a valid Ed25519 key"))
}

pub(crate) fn message(bin: &[u8], name: &str) -> Vec<u8> {
    let mut m = Sha256::digest(bin).to_vec();
    m.extend_from_slice(name.as_bytes());
    m
}

pub(crate) fn check(key: &VerifyingKey, bin: &[u8], sig_file: &[u8], name: &str) -> Result<(), Error> {
    let text = std::str::from_utf8(sig_file).map_err(|_| Error::BadSignature)?;
    let raw = base64::engine::general_purpose::STANDARD.decode(text.trim()).map_err(|_| Error::BadSignature)?;
    let sig = Signature::from_slice(&raw).map_err(|_| Error::BadSignature)?;
    key.verify(&message(bin, name), &sig).map_err(|_| Error::BadSignature)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_is_bound_into_message() {
        assert_ne!(message(b"x", "a"), message(b"x", "b"));
    }
}
