//! Findings and verdicts: the vocabulary every rule speaks.
//!
//! A rule reports findings; the engine folds them into one verdict. The verdict decides what the
//! registry does with an upload: refuse it, keep it out of sight until a moderator looks, publish it and
//! queue it for review, or simply publish it.

use serde::{Deserialize, Serialize};

/// What the registry does with an upload, from mildest to strictest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Published.
    Allow,
    /// Published, and queued for a moderator to look at.
    Flag,
    /// Stored, but neither indexed nor downloadable until a moderator releases it.
    Hold,
    /// Refused with a 4xx; nothing is stored.
    Reject,
}

impl Verdict {
    /// Whether an upload with this verdict is kept out of sight (the index, downloads, the API)
    /// until a moderator releases it. A rejected upload is never stored at all.
    pub fn withholds(self) -> bool {
        self == Verdict::Hold
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Allow => "allow",
            Verdict::Flag => "flag",
            Verdict::Hold => "hold",
            Verdict::Reject => "reject",
        }
    }
}

/// How serious one finding is; the severity a finding carries is the verdict it asks for on its own.
pub type Severity = Verdict;

/// One observation by one rule, with the evidence a moderator needs to judge it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub file: Option<String>,
    pub line: Option<u32>,
    pub evidence: String,
}

/// The verdict a set of findings asks for: the strictest severity among them.
pub fn fold(findings: &[Finding]) -> Verdict {
    findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Verdict::Allow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strictest_finding_wins() {
        let finding = |severity| Finding {
            rule: "r".into(),
            severity,
            file: None,
            line: None,
            evidence: String::new(),
        };
        assert_eq!(fold(&[]), Verdict::Allow);
        assert_eq!(
            fold(&[finding(Verdict::Flag), finding(Verdict::Allow)]),
            Verdict::Flag
        );
        assert_eq!(
            fold(&[finding(Verdict::Flag), finding(Verdict::Reject)]),
            Verdict::Reject
        );
    }
}
