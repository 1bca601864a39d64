//! Operator-managed authorized keys.

use crate::Error;
use base64::Engine;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use std::path::Path;

pub const AUTH_CONTEXT: &[u8] = b"keyshell-auth-v1";

#[derive(Debug, Clone)]
pub struct AuthorizedKey {
    pub user: String,
    pub key: VerifyingKey,
    pub comment: String,
}

#[derive(Debug, Default)]
pub struct KeyStore {
    keys: Vec<AuthorizedKey>,
}

impl KeyStore {
    /// Parse `ed25519 <base64> <user> [comment]` lines; `#` starts a comment.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let mut keys = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.splitn(4, char::is_whitespace);
            let (Some(kind), Some(b64), Some(user)) = (parts.next(), parts.next(), parts.next()) else {
                return Err(Error::KeyFile(i + 1, "expected: ed25519 <key> <user> [comment]".into()));
            };
            if kind != "ed25519" {
                return Err(Error::KeyFile(i + 1, format!("unsupported key type {kind}")));
            }
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .map_err(|e| Error::KeyFile(i + 1, e.to_string()))?;
            let arr: [u8; 32] = bytes.try_into().map_err(|_| Error::KeyFile(i + 1, "key must be 32 bytes".into()))?;
            let key = VerifyingKey::from_bytes(&arr).map_err(|e| Error::KeyFile(i + 1, e.to_string()))?;
            keys.push(AuthorizedKey { user: user.to_string(), key, comment: parts.next().unwrap_or("").to_string() });
        }
        Ok(KeyStore { keys })
    }

    pub fn load(path: &Path) -> Result<Self, Error> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path)?.permissions().mode();
            if mode & 0o022 != 0 {
                return Err(Error::KeyFile(0, "authorized_keys must not be group/world writable".into()));
            }
        }
        Self::parse(&std::fs::read_to_string(path)?)
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn verify(&self, user: &str, pk: &[u8], sig: &[u8], challenge: &[u8; 32]) -> bool {
        let Ok(sig) = Signature::from_slice(sig) else { return false };
        let mut msg = Vec::with_capacity(AUTH_CONTEXT.len() + 32 + user.len());
        msg.extend_from_slice(AUTH_CONTEXT);
        msg.extend_from_slice(challenge);
        msg.extend_from_slice(user.as_bytes());
        self.keys
            .iter()
            .filter(|k| k.user == user && k.key.as_bytes().as_slice() == pk)
            .any(|k| k.key.verify(&msg, &sig).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_unknown_type() {
        assert!(KeyStore::parse("rsa AAAA deploy").is_err());
    }

    #[test]
    fn skips_comments() {
        assert!(KeyStore::parse("# nothing here\n\n").unwrap().is_empty());
    }
}
