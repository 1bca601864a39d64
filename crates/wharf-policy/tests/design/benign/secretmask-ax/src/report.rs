//! Local, in-memory report of masked values.
//!
//! Only counts and truncated SHA-256 fingerprints are kept: enough to tell
//! "the same value leaked 40 times from the same call site" apart from "40
//! different values", never enough to recover a value. Nothing here leaves
//! the process unless the caller serializes the report.

use std::collections::BTreeMap;
use std::fmt;

use sha2::{Digest, Sha256};

use crate::detect::RULE_IDS;

/// Truncated, salted SHA-256 of a value (16 hex chars).
pub fn fingerprint(salt: &[u8], value: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt);
    h.update([0u8]);
    h.update(value.as_bytes());
    let d = h.finalize();
    d[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// What a [`crate::Masker`] has masked so far.
#[derive(Debug, Clone, Default)]
pub struct Report {
    counts: [u64; 14],
    fingerprints: BTreeMap<String, (usize, u64)>,
    keep_fingerprints: bool,
}

impl Report {
    pub(crate) fn new(keep_fingerprints: bool) -> Report {
        Report { keep_fingerprints, ..Report::default() }
    }

    pub(crate) fn note(&mut self, rule: usize, salt: &[u8], value: &str) {
        self.counts[rule] += 1;
        if self.keep_fingerprints {
            let e = self.fingerprints.entry(fingerprint(salt, value)).or_insert((rule, 0));
            e.1 += 1;
        }
    }

    /// `(detector id, count)` for detectors that fired at least once.
    pub fn counts(&self) -> Vec<(&'static str, u64)> {
        RULE_IDS.iter().zip(self.counts.iter()).filter(|(_, &c)| c > 0).map(|(id, &c)| (*id, c)).collect()
    }

    /// `(fingerprint, detector id, count)`, most frequent first.
    pub fn fingerprints(&self) -> Vec<(&str, &'static str, u64)> {
        let mut v: Vec<_> = self.fingerprints.iter().map(|(fp, &(r, c))| (fp.as_str(), RULE_IDS[r], c)).collect();
        v.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
        v
    }

    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    pub fn clear(&mut self) {
        *self = Report::new(self.keep_fingerprints);
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "masked {} value(s)", self.total())?;
        for (id, c) in self.counts() {
            writeln!(f, "  {id:<24} {c}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_salted_and_short() {
        let a = fingerprint(b"s1", "value");
        assert_eq!(a.len(), 16);
        assert_ne!(a, fingerprint(b"s2", "value"));
        assert_eq!(a, fingerprint(b"s1", "value"));
    }
}
