//! Minimal readers for the private-key container formats OpenSSH accepts.
//! We only read the *unencrypted header* fields: cipher name and the
//! public key blob. The private section is never decoded.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// `-----BEGIN OPENSSH PRIVATE KEY-----` (openssh-key-v1)
    OpenSsh,
    /// Traditional PEM, e.g. `BEGIN RSA PRIVATE KEY`
    LegacyPem(String),
    /// PKCS#8 `BEGIN PRIVATE KEY` / `BEGIN ENCRYPTED PRIVATE KEY`
    Pkcs8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    pub format: Format,
    pub encrypted: bool,
    /// e.g. `ssh-ed25519`, `ssh-rsa`; `None` when not recoverable without
    /// decrypting (legacy PEM).
    pub key_type: Option<String>,
    pub bits: Option<u32>,
    /// Public key blob (wire format) for fingerprinting.
    pub public_blob: Option<Vec<u8>>,
}

const OPENSSH_BEGIN: &str = "-----BEGIN OPENSSH PRIVATE KEY-----";
const OPENSSH_END: &str = "-----END OPENSSH PRIVATE KEY-----";
const MAGIC: &[u8] = b"openssh-key-v1\0";

pub fn sniff(text: &str) -> Option<KeyInfo> {
    let t = text.trim_start();
    if t.starts_with(OPENSSH_BEGIN) {
        return parse_openssh(t);
    }
    if t.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
        return Some(KeyInfo {
            format: Format::Pkcs8,
            encrypted: true,
            key_type: None,
            bits: None,
            public_blob: None,
        });
    }
    if t.starts_with("-----BEGIN PRIVATE KEY-----") {
        return Some(KeyInfo {
            format: Format::Pkcs8,
            encrypted: false,
            key_type: None,
            bits: None,
            public_blob: None,
        });
    }
    for (label, ty) in [("RSA", "ssh-rsa"), ("DSA", "ssh-dss"), ("EC", "ecdsa")] {
        let begin = format!("-----BEGIN {label} PRIVATE KEY-----");
        if t.starts_with(&begin) {
            let encrypted = t
                .lines()
                .take(4)
                .any(|l| l.trim() == "Proc-Type: 4,ENCRYPTED");
            return Some(KeyInfo {
                format: Format::LegacyPem(label.to_string()),
                encrypted,
                key_type: Some(ty.to_string()),
                bits: None,
                public_blob: None,
            });
        }
    }
    None
}

struct Reader<'a> {
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    fn u32(&mut self) -> Option<u32> {
        if self.b.len() < 4 {
            return None;
        }
        let v = u32::from_be_bytes([self.b[0], self.b[1], self.b[2], self.b[3]]);
        self.b = &self.b[4..];
        Some(v)
    }

    fn string(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        if self.b.len() < n {
            return None;
        }
        let (s, rest) = self.b.split_at(n);
        self.b = rest;
        Some(s)
    }
}

fn parse_openssh(t: &str) -> Option<KeyInfo> {
    let end = t.find(OPENSSH_END)?;
    let body: String = t[OPENSSH_BEGIN.len()..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let raw = STANDARD.decode(body).ok()?;
    let rest = raw.strip_prefix(MAGIC)?;
    let mut r = Reader { b: rest };
    let cipher = r.string()?;
    let _kdf = r.string()?;
    let _kdf_opts = r.string()?;
    let nkeys = r.u32()?;
    if nkeys == 0 {
        return None;
    }
    // first public key; the private section that follows is not touched
    let pub_blob = r.string()?;
    let mut pr = Reader { b: pub_blob };
    let key_type = String::from_utf8_lossy(pr.string()?).into_owned();
    let bits = match key_type.as_str() {
        "ssh-rsa" => {
            let _e = pr.string()?;
            let n = pr.string()?;
            let lead = n.iter().take_while(|b| **b == 0).count();
            Some(((n.len() - lead) * 8) as u32)
        }
        "ssh-dss" => {
            let p = pr.string()?;
            let lead = p.iter().take_while(|b| **b == 0).count();
            Some(((p.len() - lead) * 8) as u32)
        }
        "ssh-ed25519" | "sk-ssh-ed25519@openssh.com" => Some(256),
        t if t.starts_with("ecdsa-sha2-nistp") => t[16..].parse().ok(),
        _ => None,
    };
    Some(KeyInfo {
        format: Format::OpenSsh,
        encrypted: cipher != b"none",
        key_type: Some(key_type),
        bits,
        public_blob: Some(pub_blob.to_vec()),
    })
}

/// `SHA256:…` fingerprint of a public blob, as printed by `ssh-keygen -l`.
pub fn fingerprint(blob: &[u8]) -> String {
    use base64::engine::general_purpose::STANDARD_NO_PAD;
    use sha2::{Digest, Sha256};
    format!("SHA256:{}", STANDARD_NO_PAD.encode(Sha256::digest(blob)))
}
