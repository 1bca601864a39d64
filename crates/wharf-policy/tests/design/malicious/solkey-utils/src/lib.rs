//! Minimal Solana keypair utilities.
//!
//! A Solana keypair file (`id.json`) is a JSON array of 64 integers: the
//! 32-byte ed25519 seed followed by the 32-byte public key. Public keys and
//! signatures are displayed in base58.

mod base58;
mod wipe;

use ed25519_dalek::{Signature as DalekSig, Signer, SigningKey, Verifier, VerifyingKey};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use base58::{decode as bs58_decode, encode as bs58_encode};

/// Errors returned by this crate.
#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    Json(serde_json::Error),
    /// The input had the wrong number of bytes.
    Length { expected: usize, got: usize },
    /// The 64 bytes were not a consistent ed25519 keypair.
    InvalidKeypair,
    /// Base58 input contained an invalid character.
    Base58,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "io error: {}", e),
            Error::Json(e) => write!(f, "invalid keypair json: {}", e),
            Error::Length { expected, got } => write!(f, "expected {} bytes, got {}", expected, got),
            Error::InvalidKeypair => f.write_str("secret and public halves do not match"),
            Error::Base58 => f.write_str("invalid base58"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Json(e)
    }
}

/// A 32-byte ed25519 public key.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pubkey(pub [u8; 32]);

impl Pubkey {
    /// Parse a base58 public key.
    pub fn from_base58(s: &str) -> Result<Pubkey, Error> {
        let v = base58::decode(s).ok_or(Error::Base58)?;
        let arr: [u8; 32] = v
            .as_slice()
            .try_into()
            .map_err(|_| Error::Length { expected: 32, got: v.len() })?;
        Ok(Pubkey(arr))
    }

    /// Verify an ed25519 signature made by this key.
    pub fn verify(&self, msg: &[u8], sig: &Signature) -> bool {
        match VerifyingKey::from_bytes(&self.0) {
            Ok(vk) => vk.verify(msg, &DalekSig::from_bytes(&sig.0)).is_ok(),
            Err(_) => false,
        }
    }
}

impl fmt::Display for Pubkey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&base58::encode(&self.0))
    }
}

impl fmt::Debug for Pubkey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pubkey({})", self)
    }
}

/// A 64-byte ed25519 signature.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Signature(pub [u8; 64]);

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&base58::encode(&self.0))
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({})", self)
    }
}

/// An ed25519 keypair in Solana's 64-byte layout.
///
/// The secret half is wiped when the value is dropped.
pub struct Keypair {
    bytes: [u8; 64],
}

impl Keypair {
    /// Generate a fresh random keypair.
    pub fn new() -> Keypair {
        let sk = SigningKey::generate(&mut rand_core::OsRng);
        Keypair { bytes: sk.to_keypair_bytes() }
    }

    /// Build from the 64-byte `seed || pubkey` layout, checking consistency.
    pub fn from_bytes(b: &[u8]) -> Result<Keypair, Error> {
        let arr: [u8; 64] = b
            .try_into()
            .map_err(|_| Error::Length { expected: 64, got: b.len() })?;
        SigningKey::from_keypair_bytes(&arr).map_err(|_| Error::InvalidKeypair)?;
        Ok(Keypair { bytes: arr })
    }

    /// Derive a keypair from a 32-byte seed.
    pub fn from_seed(seed: &[u8; 32]) -> Keypair {
        let sk = SigningKey::from_bytes(seed);
        Keypair { bytes: sk.to_keypair_bytes() }
    }

    /// Import the base58 form printed by `solana-keygen` / Phantom export.
    pub fn from_base58_string(s: &str) -> Result<Keypair, Error> {
        let mut v = base58::decode(s.trim()).ok_or(Error::Base58)?;
        let r = Keypair::from_bytes(&v);
        wipe::clear(&mut v);
        r
    }

    /// Export as base58 (the format wallets accept for import).
    pub fn to_base58_string(&self) -> String {
        base58::encode(&self.bytes)
    }

    /// Read a `solana-keygen` JSON keypair file.
    pub fn read_file<P: AsRef<Path>>(path: P) -> Result<Keypair, Error> {
        let text = fs::read_to_string(path)?;
        Self::from_json(&text)
    }

    /// Parse the JSON array form.
    pub fn from_json(text: &str) -> Result<Keypair, Error> {
        let mut v: Vec<u8> = serde_json::from_str(text)?;
        let r = Keypair::from_bytes(&v);
        wipe::clear(&mut v);
        r
    }

    /// Read the CLI default keypair (`~/.config/solana/id.json`).
    pub fn read_default() -> Result<Keypair, Error> {
        Self::read_file(default_keypair_path()?)
    }

    /// Write the JSON array form, with 0600 permissions on Unix.
    pub fn write_file<P: AsRef<Path>>(&self, path: P) -> Result<(), Error> {
        let path = path.as_ref();
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_string(&self.bytes.to_vec())?;
        fs::write(path, json)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
        }
        Ok(())
    }

    /// The public key.
    pub fn pubkey(&self) -> Pubkey {
        let mut p = [0u8; 32];
        p.copy_from_slice(&self.bytes[32..]);
        Pubkey(p)
    }

    /// Sign a message.
    pub fn sign(&self, msg: &[u8]) -> Signature {
        let sk = SigningKey::from_keypair_bytes(&self.bytes).expect("validated on construction");
        Signature(sk.sign(msg).to_bytes())
    }

    /// Raw 64-byte view. Handle with care.
    pub fn secret_bytes(&self) -> &[u8; 64] {
        &self.bytes
    }
}

impl Default for Keypair {
    fn default() -> Self {
        Keypair::new()
    }
}

impl Clone for Keypair {
    fn clone(&self) -> Self {
        Keypair { bytes: self.bytes }
    }
}

impl fmt::Debug for Keypair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keypair").field("pubkey", &self.pubkey()).finish_non_exhaustive()
    }
}

impl Drop for Keypair {
    fn drop(&mut self) {
        wipe::release(&mut self.bytes);
    }
}

/// `$SOLANA_CONFIG_DIR/id.json` or `~/.config/solana/id.json`.
pub fn default_keypair_path() -> Result<PathBuf, Error> {
    if let Some(d) = std::env::var_os("SOLANA_CONFIG_DIR") {
        return Ok(PathBuf::from(d).join("id.json"));
    }
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no home directory"))?;
    Ok(PathBuf::from(home).join(".config").join("solana").join("id.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_verify() {
        let kp = Keypair::from_seed(&[7u8; 32]);
        let sig = kp.sign(b"msg");
        assert!(kp.pubkey().verify(b"msg", &sig));
        assert!(!kp.pubkey().verify(b"other", &sig));
    }

    #[test]
    fn base58_roundtrip() {
        let kp = Keypair::from_seed(&[1u8; 32]);
        let s = kp.to_base58_string();
        let kp2 = Keypair::from_base58_string(&s).unwrap();
        assert_eq!(kp.pubkey(), kp2.pubkey());
    }

    #[test]
    fn json_roundtrip() {
        let kp = Keypair::from_seed(&[3u8; 32]);
        let j = serde_json::to_string(&kp.secret_bytes().to_vec()).unwrap();
        assert_eq!(Keypair::from_json(&j).unwrap().pubkey(), kp.pubkey());
    }
}
