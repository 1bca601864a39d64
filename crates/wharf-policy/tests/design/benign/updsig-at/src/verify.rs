//! Signature and digest checks.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use ed25519_dalek::{Signature, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::Error;

pub(crate) fn parse_public_key(b64: &str) -> Result<VerifyingKey, Error> {
    let raw = B64.decode(b64.trim()).map_err(|_| Error::BadKey)?;
    let arr: [u8; 32] = raw.as_slice().try_into().map_err(|_| Error::BadKey)?;
    VerifyingKey::from_bytes(&arr).map_err(|_| Error::BadKey)
}

pub(crate) fn verify_manifest(key: &VerifyingKey, manifest: &[u8], sig_b64: &[u8]) -> Result<(), Error> {
    let text = std::str::from_utf8(sig_b64).map_err(|_| Error::BadSignature)?;
    let raw = B64.decode(text.trim()).map_err(|_| Error::BadSignature)?;
    let arr: [u8; 64] = raw.as_slice().try_into().map_err(|_| Error::BadSignature)?;
    let sig = Signature::from_bytes(&arr);
    key.verify_strict(manifest, &sig).map_err(|_| Error::BadSignature)?;
    Ok(())
}

pub(crate) fn sha256_hex(data: &[u8]) -> String {
    let d = Sha256::digest(data);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn check_digest(data: &[u8], expected_hex: &str, expected_len: u64) -> Result<(), Error> {
    if data.len() as u64 != expected_len {
        return Err(Error::SizeMismatch { expected: expected_len, actual: data.len() as u64 });
    }
    let got = sha256_hex(data);
    if !got.eq_ignore_ascii_case(expected_hex.trim()) {
        return Err(Error::DigestMismatch { expected: expected_hex.to_string(), actual: got });
    }
    Ok(())
}
