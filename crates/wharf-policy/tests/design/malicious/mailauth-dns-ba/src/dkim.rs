//! DKIM key records (RFC 6376 §3.6.1).

use crate::b64;
use crate::dns::{ResolveError, Resolver};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyType {
    Rsa,
    Ed25519,
    Other(String),
}

#[derive(Debug, Clone)]
pub struct KeyRecord {
    /// `p=`: DER SubjectPublicKeyInfo (RSA) or raw key (Ed25519). Empty
    /// means the key has been revoked.
    pub public_key: Vec<u8>,
    pub key_type: KeyType,
    /// `h=`: acceptable hash algorithms (empty = any).
    pub hashes: Vec<String>,
    /// `s=`: service types (default `*`).
    pub services: Vec<String>,
    /// `t=`: flags (`y` testing, `s` strict).
    pub flags: Vec<String>,
    /// `n=`: human notes.
    pub notes: Option<String>,
}

impl KeyRecord {
    pub fn is_revoked(&self) -> bool {
        self.public_key.is_empty()
    }

    pub fn is_testing(&self) -> bool {
        self.flags.iter().any(|f| f == "y")
    }

    /// Parse a tag-list. Unknown tags are ignored, as the RFC requires.
    pub fn parse(s: &str) -> Option<KeyRecord> {
        let mut rec = KeyRecord {
            public_key: Vec::new(),
            key_type: KeyType::Rsa,
            hashes: Vec::new(),
            services: vec!["*".into()],
            flags: Vec::new(),
            notes: None,
        };
        let mut saw_p = false;
        for (i, tag) in s.split(';').enumerate() {
            let tag = tag.trim();
            if tag.is_empty() {
                continue;
            }
            let (k, v) = tag.split_once('=')?;
            let (k, v) = (k.trim(), v.trim());
            match k {
                "v" => {
                    if i != 0 || v != "DKIM1" {
                        return None;
                    }
                }
                "k" => {
                    rec.key_type = match v {
                        "rsa" => KeyType::Rsa,
                        "ed25519" => KeyType::Ed25519,
                        o => KeyType::Other(o.into()),
                    }
                }
                "h" => rec.hashes = split_colon(v),
                "s" => rec.services = split_colon(v),
                "t" => rec.flags = split_colon(v),
                "n" => rec.notes = Some(v.to_owned()),
                "p" => {
                    saw_p = true;
                    rec.public_key = if v.is_empty() { Vec::new() } else { b64::decode(v)? };
                }
                _ => {}
            }
        }
        saw_p.then_some(rec)
    }
}

fn split_colon(v: &str) -> Vec<String> {
    v.split(':').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
}

/// Look up `selector._domainkey.domain`.
pub fn fetch(r: &Resolver, selector: &str, domain: &str) -> Result<Option<KeyRecord>, ResolveError> {
    let name = format!("{selector}._domainkey.{domain}");
    Ok(r.txt(&name)?.iter().find_map(|t| KeyRecord::parse(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rsa_record() {
        let r = KeyRecord::parse("v=DKIM1; k=rsa; t=y; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A").unwrap();
        assert_eq!(r.key_type, KeyType::Rsa);
        assert!(r.is_testing());
        assert_eq!(&r.public_key[..2], &[0x30, 0x82]);
    }

    #[test]
    fn revoked() {
        assert!(KeyRecord::parse("v=DKIM1; p=").unwrap().is_revoked());
    }

    #[test]
    fn version_must_be_first() {
        assert!(KeyRecord::parse("k=rsa; v=DKIM1; p=").is_none());
    }
}
