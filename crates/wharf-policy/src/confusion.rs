//! Dependency-confusion signals.
//!
//! A dependency-confusion attack publishes, on a registry a build also reads, a crate under the name
//! of someone's private crate, with a version number higher than any real one so that resolution
//! prefers it. Two signals are cheap to see at publish time: a crate whose first version is absurdly
//! high, and a name in a namespace that an organisation keeps for its internal crates. Neither proves
//! anything, so both only flag the upload for review.

use semver::Version;

use crate::names::canonical_name;
use crate::verdict::{Finding, Verdict};

/// The rule name of [`dependency_confusion_findings`].
pub const RULE_DEPENDENCY_CONFUSION: &str = "dependency-confusion";

/// The lowest major version that is suspicious as a crate's first version.
pub const SUSPICIOUS_FIRST_MAJOR: u64 = 99;

/// Flags the two dependency-confusion signals, each as one `dependency-confusion` finding with
/// severity [`Verdict::Flag`]:
///
/// - `first_version` (given when this publish creates the crate) has a major version of 99 or more:
///   `99.0.0`, `100.1.0` and `99.0.0-alpha` are flagged, `98.9.9` is not;
/// - the name starts with one of the admin-configured `internal_prefixes`, compared in canonical
///   form (so `acme-` covers `Acme_tools`); a trailing `*` on an entry is allowed and ignored, and
///   blank entries match nothing.
pub fn dependency_confusion_findings(
    name: &str,
    first_version: Option<&Version>,
    internal_prefixes: &[String],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let Some(version) = first_version {
        if version.major >= SUSPICIOUS_FIRST_MAJOR {
            findings.push(flag(format!(
                "the first version of `{name}` is {version}: a first version of \
                 {SUSPICIOUS_FIRST_MAJOR}.0.0 or more is how dependency-confusion attacks outrank \
                 a private crate; it is published, and queued for review"
            )));
        }
    }
    let canonical = canonical_name(name);
    if let Some(prefix) = internal_prefixes.iter().find(|prefix| {
        let prefix = canonical_name(prefix.trim().trim_end_matches('*'));
        !prefix.is_empty() && canonical.starts_with(&prefix)
    }) {
        findings.push(flag(format!(
            "the crate name `{name}` starts with `{}`, a prefix this registry keeps for internal \
             crates; it is published, and queued for review",
            prefix.trim().trim_end_matches('*')
        )));
    }
    findings
}

fn flag(evidence: String) -> Finding {
    Finding {
        rule: RULE_DEPENDENCY_CONFUSION.to_string(),
        severity: Verdict::Flag,
        file: None,
        line: None,
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn high_first_versions_are_flagged() {
        for version in ["99.0.0", "100.1.0", "99.0.0-alpha.1", "4294967296.0.0"] {
            let findings = dependency_confusion_findings("acme-auth", Some(&v(version)), &[]);
            assert_eq!(findings.len(), 1, "{version}");
            assert_eq!(findings[0].rule, "dependency-confusion");
            assert_eq!(findings[0].severity, Verdict::Flag);
            assert!(findings[0].evidence.contains(version), "{findings:?}");
        }
    }

    #[test]
    fn ordinary_first_versions_and_later_publishes_are_not() {
        for version in ["98.9.9", "0.1.0", "1.0.0", "98.999.999-rc.1"] {
            assert!(
                dependency_confusion_findings("acme-auth", Some(&v(version)), &[]).is_empty(),
                "{version}"
            );
        }
        // Not a first publish: the version is not a signal.
        assert!(dependency_confusion_findings("acme-auth", None, &[]).is_empty());
    }

    #[test]
    fn internal_prefixes_are_flagged_in_canonical_form() {
        let prefixes = vec![
            "acme-".to_string(),
            "Globex_*".to_string(),
            "  ".to_string(),
        ];
        for name in ["acme-auth", "Acme_Billing", "globex-db", "GLOBEX_X"] {
            let findings = dependency_confusion_findings(name, None, &prefixes);
            assert_eq!(findings.len(), 1, "{name}");
            assert_eq!(findings[0].severity, Verdict::Flag);
            assert!(findings[0].evidence.contains("internal"), "{findings:?}");
        }
        for name in ["acmeauth", "serde", "my-acme-auth", "globex"] {
            assert!(
                dependency_confusion_findings(name, None, &prefixes).is_empty(),
                "{name}"
            );
        }
        assert!(dependency_confusion_findings("acme-auth", None, &[]).is_empty());
    }

    #[test]
    fn both_signals_give_two_findings() {
        let prefixes = vec!["acme-".to_string()];
        let findings = dependency_confusion_findings("acme-auth", Some(&v("99.0.0")), &prefixes);
        assert_eq!(findings.len(), 2);
        assert!(findings.iter().all(|f| f.severity == Verdict::Flag));
    }
}
