//! Signature, pin and rollback checks.

use crate::FeedConfig;
use base64::Engine as _;
use ed25519_dalek::{Signature, VerifyingKey};
use sha2::{Digest, Sha256};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyError {
    BadPublicKey,
    MalformedSignature,
    SignatureMismatch,
    PinMismatch { expected: String, actual: String },
    MissingVersion,
    Rollback { current: u64, offered: u64 },
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::BadPublicKey => f.write_str("configured public key is invalid"),
            VerifyError::MalformedSignature => f.write_str("signature is not 64 bytes of base64"),
            VerifyError::SignatureMismatch => f.write_str("signature does not match the script"),
            VerifyError::PinMismatch { expected, actual } => {
                write!(f, "sha256 {actual} does not match pinned {expected}")
            }
            VerifyError::MissingVersion => f.write_str("script lacks a `// @version N` header"),
            VerifyError::Rollback { current, offered } => {
                write!(f, "version {offered} is older than running version {current}")
            }
        }
    }
}

impl std::error::Error for VerifyError {}

pub(crate) struct Verified {
    pub version: u64,
    pub sha256_hex: String,
}

/// Reads `// @version N` from the first 10 lines.
pub fn parse_version(script: &str) -> Option<u64> {
    script
        .lines()
        .take(10)
        .find_map(|l| l.trim().strip_prefix("// @version")?.trim().parse().ok())
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

pub(crate) fn verify(
    cfg: &FeedConfig,
    script: &[u8],
    sig_b64: &[u8],
    running: Option<u64>,
) -> Result<Verified, VerifyError> {
    let key = VerifyingKey::from_bytes(&cfg.public_key).map_err(|_| VerifyError::BadPublicKey)?;
    let sig_text: Vec<u8> = sig_b64.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
    let raw = base64::engine::general_purpose::STANDARD
        .decode(&sig_text)
        .map_err(|_| VerifyError::MalformedSignature)?;
    let raw: [u8; 64] = raw.try_into().map_err(|_| VerifyError::MalformedSignature)?;
    let sig = Signature::from_bytes(&raw);
    key.verify_strict(script, &sig).map_err(|_| VerifyError::SignatureMismatch)?;

    let digest = Sha256::digest(script);
    let actual = hex(&digest);
    if let Some(pin) = cfg.pin_sha256 {
        if pin[..] != digest[..] {
            return Err(VerifyError::PinMismatch { expected: hex(&pin), actual });
        }
    }
    let text = std::str::from_utf8(script).map_err(|_| VerifyError::MissingVersion)?;
    let version = parse_version(text).ok_or(VerifyError::MissingVersion)?;
    if let Some(cur) = running {
        if version < cur {
            return Err(VerifyError::Rollback { current: cur, offered: version });
        }
    }
    Ok(Verified { version, sha256_hex: actual })
}
