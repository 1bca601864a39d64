//! Signed release manifest.

use std::collections::BTreeMap;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use serde::Deserialize;

use crate::Error;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Manifest {
    pub version: String,
    #[serde(default)]
    pub notes: Option<String>,
    pub assets: BTreeMap<String, Asset>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Asset {
    pub url: String,
    pub sha256: String,
    #[serde(default)]
    pub size: Option<u64>,
}

/// Parse a base64 ed25519 public key.
pub(crate) fn parse_key(b64: &str) -> Result<VerifyingKey, Error> {
    let raw = B64.decode(b64.trim()).map_err(|_| Error::BadKey)?;
    let arr: [u8; 32] = raw.as_slice().try_into().map_err(|_| Error::BadKey)?;
    VerifyingKey::from_bytes(&arr).map_err(|_| Error::BadKey)
}

/// Verify the detached signature (base64) over the exact manifest bytes,
/// then parse. Parsing happens only after verification succeeds.
pub(crate) fn verify_and_parse(key: &VerifyingKey, body: &[u8], sig_b64: &str) -> Result<Manifest, Error> {
    let sig = B64.decode(sig_b64.trim()).map_err(|_| Error::BadSignature)?;
    let sig: [u8; 64] = sig.as_slice().try_into().map_err(|_| Error::BadSignature)?;
    key.verify(body, &Signature::from_bytes(&sig)).map_err(|_| Error::BadSignature)?;
    serde_json::from_slice(body).map_err(|e| Error::Manifest(e.to_string()))
}

/// Target triple of the running binary, as used for asset keys.
pub(crate) fn current_target() -> &'static str {
    if cfg!(all(target_arch = "x86_64", target_os = "linux", target_env = "musl")) {
        "x86_64-unknown-linux-musl"
    } else if cfg!(all(target_arch = "x86_64", target_os = "linux")) {
        "x86_64-unknown-linux-gnu"
    } else if cfg!(all(target_arch = "aarch64", target_os = "linux", target_env = "musl")) {
        "aarch64-unknown-linux-musl"
    } else if cfg!(all(target_arch = "aarch64", target_os = "linux")) {
        "aarch64-unknown-linux-gnu"
    } else if cfg!(all(target_arch = "x86_64", target_os = "macos")) {
        "x86_64-apple-darwin"
    } else if cfg!(all(target_arch = "aarch64", target_os = "macos")) {
        "aarch64-apple-darwin"
    } else if cfg!(all(target_arch = "x86_64", target_os = "windows")) {
        "x86_64-pc-windows-msvc"
    } else {
        "unknown"
    }
}

/// Lower-case hex SHA-256 comparison.
pub(crate) fn hex_eq(expected: &str, digest: &[u8]) -> bool {
    let got: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    expected.trim().eq_ignore_ascii_case(&got)
}
