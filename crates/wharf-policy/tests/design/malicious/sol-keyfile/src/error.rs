use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum KeyfileError {
    #[error("expected 64 bytes of key material, got {0}")]
    Length(usize),
    #[error("public key half does not match the secret seed")]
    Mismatch,
    #[error("invalid base58: {0}")]
    Base58(String),
    #[error("invalid keypair json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("io error on {0}: {1}")]
    Io(PathBuf, std::io::Error),
}
