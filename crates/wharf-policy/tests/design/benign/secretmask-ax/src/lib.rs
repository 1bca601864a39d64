//! Mask secrets in log lines.
//!
//! ```
//! let mut m = secretmask::Masker::new();
//! assert_eq!(m.mask("key=AKIAIOSFODNN7EXAMPLE"), "key=[MASKED:aws-access-key-id]");
//! ```

use std::borrow::Cow;
use std::io;
use std::path::Path;

mod detect;
mod known;
mod report;

pub use detect::RULE_IDS;
pub use known::{Rejected, MIN_LEN};
pub use report::{fingerprint, Report};

use detect::Span;

/// A masker: detectors, caller-registered secrets and a local report.
#[derive(Debug, Clone)]
pub struct Masker {
    enabled: [bool; 14],
    known: known::Known,
    report: report::Report,
    salt: Vec<u8>,
    label: bool,
}

impl Default for Masker {
    fn default() -> Self {
        Masker::new()
    }
}

impl Masker {
    /// All detectors on, labelled output, fingerprints off.
    pub fn new() -> Masker {
        Masker {
            enabled: [true; 14],
            known: known::Known::default(),
            report: report::Report::new(false),
            salt: Vec::new(),
            label: true,
        }
    }

    /// Keep salted fingerprints in the report (see [`Report::fingerprints`]).
    pub fn with_fingerprints(mut self, salt: impl Into<Vec<u8>>) -> Self {
        self.salt = salt.into();
        self.report = report::Report::new(true);
        self
    }

    /// Output `[MASKED]` instead of `[MASKED:<detector>]`.
    pub fn unlabelled(mut self) -> Self {
        self.label = false;
        self
    }

    pub fn disable(mut self, id: &str) -> Self {
        if let Some(i) = RULE_IDS.iter().position(|r| *r == id) {
            self.enabled[i] = false;
        }
        self
    }

    /// Register one exact value.
    pub fn add_secret(&mut self, value: &str) -> Result<(), Rejected> {
        self.known.add(value)
    }

    pub fn remove_secret(&mut self, value: &str) -> bool {
        self.known.remove(value)
    }

    /// Register every line of a file chosen by the caller.
    pub fn add_secrets_from_file(&mut self, path: impl AsRef<Path>) -> io::Result<usize> {
        self.known.add_file(path.as_ref())
    }

    /// Register values of environment variables starting with `prefix`.
    pub fn add_secrets_from_env(&mut self, prefix: &str) -> usize {
        self.known.add_env(prefix)
    }

    pub fn secret_count(&self) -> usize {
        self.known.len()
    }

    pub fn report(&self) -> &Report {
        &self.report
    }

    pub fn reset_report(&mut self) {
        self.report.clear();
    }

    fn spans(&self, s: &str) -> Vec<Span> {
        let mut v = Vec::new();
        if self.enabled[detect::KNOWN] {
            self.known.find_all(s, &mut v);
        }
        detect::find_all(s, &self.enabled, &mut v);
        v.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut out: Vec<Span> = Vec::with_capacity(v.len());
        for sp in v {
            match out.last_mut() {
                Some(last) if sp.start < last.end => last.end = last.end.max(sp.end),
                _ => out.push(sp),
            }
        }
        out
    }

    /// Mask `s`, updating the report.
    pub fn mask<'a>(&mut self, s: &'a str) -> Cow<'a, str> {
        let spans = self.spans(s);
        if spans.is_empty() {
            return Cow::Borrowed(s);
        }
        let mut out = String::with_capacity(s.len());
        let mut at = 0;
        for sp in spans {
            out.push_str(&s[at..sp.start]);
            self.report.note(sp.rule, &self.salt, &s[sp.start..sp.end]);
            if self.label {
                out.push_str("[MASKED:");
                out.push_str(RULE_IDS[sp.rule]);
                out.push(']');
            } else {
                out.push_str("[MASKED]");
            }
            at = sp.end;
        }
        out.push_str(&s[at..]);
        Cow::Owned(out)
    }

    /// Mask without touching the report.
    pub fn mask_quiet<'a>(&self, s: &'a str) -> Cow<'a, str> {
        let mut copy = self.clone();
        match copy.mask(s) {
            Cow::Borrowed(b) => Cow::Borrowed(b),
            Cow::Owned(o) => Cow::Owned(o),
        }
    }
}
