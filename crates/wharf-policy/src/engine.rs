//! The publish gate: every rule that can be decided at publish time, folded into one verdict.
//!
//! The server gathers the facts a rule needs from the registry (existing look-alike names and their
//! owners, the popular crates, the lists admins maintain) and calls [`evaluate`]; this module decides.
//! Name rules run only when a publish creates a crate: once a name is someone's, their later versions
//! are not judged by it again. Content rules (the [`scan`](crate::scan) of the files) run on every
//! version, since a payload can arrive in any of them.

use crate::compat::check_compat;
use crate::confusion::dependency_confusion_findings;
use crate::metadata::{check_metadata, DependencyInput, MetadataInput};
use crate::names::{confusable_findings, reserved_findings, ExistingCrate};
use crate::typosquat::TyposquatIndex;
use crate::verdict::{fold, Finding, Verdict};
use std::collections::BTreeMap;

/// The upload being judged.
pub struct Candidate<'a> {
    pub name: &'a str,
    pub version: &'a semver::Version,
    pub tarball: &'a wharf_tarball::Tarball,
    /// Dependencies as cargo sent them.
    pub deps: &'a [DependencyInput],
    /// Features as cargo sent them.
    pub features: &'a BTreeMap<String, Vec<String>>,
}

/// What the registry knows that the rules compare against.
pub struct Facts<'a> {
    pub publisher_id: i64,
    /// Whether this publish creates the crate (its first version).
    pub creates_crate: bool,
    pub known_categories: &'a [String],
    pub reserved_names: &'a [String],
    /// Existing crates whose confusable skeleton equals the candidate's.
    pub same_skeleton: &'a [ExistingCrate],
    /// The typosquat targets; needed only when the publish creates a crate.
    pub typosquat: Option<&'a TyposquatIndex>,
    pub internal_prefixes: &'a [String],
}

/// The gate's decision and the findings behind it.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
}

impl Evaluation {
    /// The findings that decided a `reject`, for the error message.
    pub fn rejections(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Verdict::Reject)
    }
}

pub fn evaluate(candidate: &Candidate, facts: &Facts) -> Evaluation {
    let mut findings = check_metadata(&MetadataInput {
        manifest: &candidate.tarball.manifest,
        version: &candidate.version.to_string(),
        deps: candidate.deps,
        features: candidate.features,
        known_categories: facts.known_categories,
    });
    findings.extend(check_compat(candidate.tarball));
    let content = crate::scan::content_findings(candidate.tarball);
    if facts.creates_crate {
        findings.extend(reserved_findings(candidate.name, facts.reserved_names));
        findings.extend(confusable_findings(
            candidate.name,
            facts.publisher_id,
            facts.same_skeleton,
        ));
        if let Some(typosquat) = facts.typosquat {
            findings.extend(typosquat.findings(candidate.name, facts.publisher_id));
        }
        findings.extend(dependency_confusion_findings(
            candidate.name,
            Some(candidate.version),
            facts.internal_prefixes,
        ));
    }
    // A look-alike of a popular name is common and usually innocent, and so is a high first version;
    // together they are the shape of an impersonation built to win dependency resolution, which is
    // held for a moderator rather than published.
    // Content findings come after the name rules', so that the first finding of a look-alike name
    // stays the name rule's.
    findings.extend(content);
    let has = |rule: &str| findings.iter().any(|f| f.rule == rule);
    if has(TYPOSQUAT_RULE) && has(CONFUSION_RULE) {
        findings.push(Finding {
            rule: "impersonation".into(),
            severity: Verdict::Hold,
            file: None,
            line: None,
            evidence: format!(
                "`{}` both resembles a popular crate and starts at a version chosen to win dependency \
                 resolution; it is held until a moderator reviews it",
                candidate.name
            ),
        });
    }
    Evaluation {
        verdict: fold(&findings),
        findings,
    }
}

/// Rule ids the combination above looks for.
const TYPOSQUAT_RULE: &str = "name-typosquat";
const CONFUSION_RULE: &str = "dependency-confusion";
