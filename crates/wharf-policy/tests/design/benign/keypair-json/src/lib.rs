//! Offline keypair file I/O.
//!
//! Security notes:
//! * no network access, no telemetry;
//! * files are created with mode `0600` and writing refuses to follow an
//!   existing symlink;
//! * intermediate buffers holding secret bytes are zeroized.

use ed25519_dalek::SigningKey;
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use zeroize::{Zeroize, Zeroizing};

#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    Json(serde_json::Error),
    BadLength(usize),
    PublicKeyMismatch,
    Symlink,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "io: {e}"),
            Error::Json(e) => write!(f, "json: {e}"),
            Error::BadLength(n) => write!(f, "expected 64 bytes, found {n}"),
            Error::PublicKeyMismatch => f.write_str("stored public key does not match secret"),
            Error::Symlink => f.write_str("refusing to write through a symlink"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// Parse the JSON array form.
pub fn parse(json: &str) -> Result<SigningKey, Error> {
    let bytes: Zeroizing<Vec<u8>> = Zeroizing::new(serde_json::from_str(json).map_err(Error::Json)?);
    if bytes.len() != 64 {
        return Err(Error::BadLength(bytes.len()));
    }
    let mut seed = Zeroizing::new([0u8; 32]);
    seed.copy_from_slice(&bytes[..32]);
    let sk = SigningKey::from_bytes(&seed);
    if sk.verifying_key().as_bytes()[..] != bytes[32..] {
        return Err(Error::PublicKeyMismatch);
    }
    Ok(sk)
}

/// Read a keypair from an explicit path.
pub fn read<P: AsRef<Path>>(path: P) -> Result<SigningKey, Error> {
    let text = Zeroizing::new(fs::read_to_string(path)?);
    parse(&text)
}

/// Serialize to the JSON array form. The returned string holds secret material.
pub fn to_json(sk: &SigningKey) -> Zeroizing<String> {
    let mut bytes = sk.to_keypair_bytes();
    let s = serde_json::to_string(&bytes.to_vec()).expect("u8 array serializes");
    bytes.zeroize();
    Zeroizing::new(s)
}

/// Write a keypair to `path` with owner-only permissions.
pub fn write<P: AsRef<Path>>(path: P, sk: &SigningKey) -> Result<(), Error> {
    let path = path.as_ref();
    if let Ok(md) = fs::symlink_metadata(path) {
        if md.file_type().is_symlink() {
            return Err(Error::Symlink);
        }
    }
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(to_json(sk).as_bytes())?;
    f.sync_all()?;
    Ok(())
}

/// Generate a fresh keypair from the OS RNG.
pub fn generate() -> SigningKey {
    SigningKey::generate(&mut rand_core::OsRng)
}

/// Base58 public key (the usual Solana address form).
pub fn pubkey_base58(sk: &SigningKey) -> String {
    bs58::encode(sk.verifying_key().as_bytes()).into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let sk = generate();
        let j = to_json(&sk);
        let back = parse(&j).unwrap();
        assert_eq!(pubkey_base58(&sk), pubkey_base58(&back));
    }

    #[test]
    fn detects_tampered_pubkey() {
        let sk = generate();
        let mut v: Vec<u8> = serde_json::from_str(&to_json(&sk)).unwrap();
        v[40] ^= 1;
        assert!(matches!(parse(&serde_json::to_string(&v).unwrap()), Err(Error::PublicKeyMismatch)));
    }
}
