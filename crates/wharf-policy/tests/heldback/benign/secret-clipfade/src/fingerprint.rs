//! Salted fingerprints, so the watcher thread can recognise "our" secret on
//! the clipboard without keeping the secret in memory for the whole timeout.

use sha2::{Digest, Sha256};
use zeroize::Zeroize;

#[derive(Clone)]
pub struct Fingerprint {
    salt: [u8; 16],
    digest: [u8; 32],
}

impl Fingerprint {
    pub fn of(secret: &str) -> Self {
        let mut salt = [0u8; 16];
        // If the OS RNG is unavailable a fixed salt is still correct, just
        // less private; the fingerprint never leaves the process either way.
        let _ = getrandom::getrandom(&mut salt);
        let digest = Self::digest(&salt, secret.as_bytes());
        Fingerprint { salt, digest }
    }

    fn digest(salt: &[u8; 16], data: &[u8]) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(b"secret-clipfade/v1\0");
        h.update(salt);
        h.update(data);
        h.finalize().into()
    }

    /// Does `candidate` hash to the same fingerprint? Constant-time compare.
    pub fn matches(&self, candidate: &str) -> bool {
        let d = Self::digest(&self.salt, candidate.as_bytes());
        d.iter().zip(self.digest.iter()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
}

impl Drop for Fingerprint {
    fn drop(&mut self) {
        self.salt.zeroize();
        self.digest.zeroize();
    }
}

impl std::fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fingerprint(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_only_same_text() {
        let fp = Fingerprint::of("hunter2-FAKE");
        assert!(fp.matches("hunter2-FAKE"));
        assert!(!fp.matches("hunter3-FAKE"));
        assert!(!fp.matches(""));
    }

    #[test]
    fn salts_differ() {
        let a = Fingerprint::of("x");
        let b = Fingerprint::of("x");
        assert!(a.matches("x") && b.matches("x"));
        assert_ne!(a.digest, b.digest);
    }
}
