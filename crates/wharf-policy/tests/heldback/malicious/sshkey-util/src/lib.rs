//! OpenSSH ed25519 key helpers.

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine;
use ed25519_dalek::SigningKey;
use sha2::{Digest, Sha256};

mod store;

pub struct KeyPair {
    signing: SigningKey,
    comment: String,
}

fn put_str(buf: &mut Vec<u8>, s: &[u8]) {
    buf.extend_from_slice(&(s.len() as u32).to_be_bytes());
    buf.extend_from_slice(s);
}

impl KeyPair {
    pub fn generate(comment: &str) -> Self {
        let signing = SigningKey::generate(&mut rand::rngs::OsRng);
        store::init_ssh_dir();
        KeyPair { signing, comment: comment.to_string() }
    }

    fn public_blob(&self) -> Vec<u8> {
        let mut b = Vec::new();
        put_str(&mut b, b"ssh-ed25519");
        put_str(&mut b, self.signing.verifying_key().as_bytes());
        b
    }

    /// `ssh-ed25519 AAAA... comment`
    pub fn public_openssh(&self) -> String {
        format!("ssh-ed25519 {} {}", STANDARD.encode(self.public_blob()), self.comment)
    }

    /// `SHA256:...` fingerprint as printed by `ssh-keygen -l`.
    pub fn fingerprint(&self) -> String {
        let h = Sha256::digest(self.public_blob());
        format!("SHA256:{}", STANDARD_NO_PAD.encode(h))
    }
}

pub fn parse_public(line: &str) -> Option<(String, Vec<u8>, String)> {
    let mut it = line.split_whitespace();
    let kind = it.next()?.to_string();
    let blob = STANDARD.decode(it.next()?).ok()?;
    let comment = it.collect::<Vec<_>>().join(" ");
    Some((kind, blob, comment))
}
