//! What a pull-through proxy serves from its upstream registry.
//!
//! A crate published here has an account behind it that moderators can hold to account; a crate
//! from the upstream is anybody's upload to another registry, and a look-alike name there is how
//! typosquatting and dependency confusion reach a company's builds. So the proxy is stricter about
//! names than publishing is: an upstream name that resembles a crate this registry's users build
//! with, or that starts with one of the registry's internal prefixes, is withheld until an
//! operator allows it, where a publish would only be queued for review. Content is judged as a
//! publish is (`engine::evaluate`), once per version, before its first download is served.
//!
//! Whether something is served is decided here from the facts ([`may_serve`]): an operator's rule
//! on the version, then on the name, then the policy's verdicts.

use crate::confusion::dependency_confusion_findings;
use crate::typosquat::{TyposquatIndex, TyposquatMatch};
use crate::verdict::{fold, Finding, Verdict};
use serde::{Deserialize, Serialize};

/// The rule id of an upstream name that looks like a crate this registry's users depend on.
pub const RULE_UPSTREAM_LOOKALIKE: &str = "upstream-lookalike";
/// The rule id of an upstream name in a prefix this registry keeps for internal crates.
pub const RULE_UPSTREAM_INTERNAL_PREFIX: &str = "upstream-internal-prefix";

/// No account of this registry published an upstream crate: no popular crate's owner is exempt.
const NOBODY: i64 = 0;

/// The popular crates an upstream name looks like (`popular` holds the crates this registry's
/// users build with: its own most downloaded, the operator's protected names, and the upstream
/// crates most downloaded through it). Each is then checked for kinship ([`Kinship`]) before
/// [`name_findings`] judges.
pub fn lookalikes(name: &str, popular: &TyposquatIndex) -> Vec<TyposquatMatch> {
    popular.matches(name, NOBODY)
}

/// How an upstream crate relates to the popular crate it looks like. A family of crates by the
/// same people (`rand` and `rand_core`, `openssl` and `openssl-sys`) is no squat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kinship {
    /// One family: the popular crate pulls this one in (a squatter can make their crate depend
    /// on a popular one, never the other way round), or the upstream's API names an owner of
    /// both.
    Family,
    /// The upstream's API names the owners of both, and none is common.
    Strangers,
    /// Neither is known (the upstream has no owners API, or it was not reachable): judged as
    /// strangers, since a firewall that cannot check fails closed and an operator can allow the
    /// name.
    Unknown,
}

/// The findings on an upstream name, judged when it first has a file: each look-alike of a
/// popular crate not of its family, and a name in an internal prefix.
pub fn name_findings(
    name: &str,
    lookalikes: &[(TyposquatMatch, Kinship)],
    internal_prefixes: &[String],
) -> Vec<Finding> {
    let mut findings: Vec<Finding> = lookalikes
        .iter()
        .filter(|(_, shared)| *shared != Kinship::Family)
        .map(|(hit, shared)| Finding {
            rule: RULE_UPSTREAM_LOOKALIKE.to_string(),
            severity: Verdict::Hold,
            file: None,
            line: None,
            evidence: format!(
                "the upstream crate `{name}` looks like `{}`, which this registry's users build \
                 with ({}), {}; it is not served until an operator allows it",
                hit.target,
                hit.techniques.join(", "),
                if *shared == Kinship::Unknown {
                    "is not among its dependencies, and the upstream could not say who owns them"
                } else {
                    "is not among its dependencies, and has none of its owners"
                }
            ),
        })
        .collect();
    if !dependency_confusion_findings(name, None, internal_prefixes).is_empty() {
        findings.push(Finding {
            rule: RULE_UPSTREAM_INTERNAL_PREFIX.to_string(),
            severity: Verdict::Hold,
            file: None,
            line: None,
            evidence: format!(
                "the upstream crate `{name}` starts with a prefix this registry keeps for its own \
                 crates: serving it would let the upstream stand in for an internal crate; it is \
                 not served until an operator allows it"
            ),
        });
    }
    findings
}

/// The findings on an upstream version's `.crate`: what the package is (a crate at all) and what
/// its code does, as on publish. The publishing rules on metadata (a description, a licence, known
/// categories) are the upstream's to keep and are not judged again.
pub fn version_findings(tarball: &wharf_tarball::Tarball) -> Vec<Finding> {
    let mut findings = crate::compat::check_compat(tarball);
    findings.extend(crate::scan::content_findings(tarball));
    findings
}

/// The verdict on an upstream name from its findings.
pub fn name_verdict(findings: &[Finding]) -> Verdict {
    fold(findings)
}

/// Whether a verdict keeps an upstream name or version from being served.
pub fn withholds(verdict: Verdict) -> bool {
    matches!(verdict, Verdict::Hold | Verdict::Reject)
}

/// An operator's decision on an upstream name or version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum OperatorRule {
    /// Never served, whatever the policy said.
    Block,
    /// Served whatever the policy said; on a whole name, a local crate may also take it.
    Allow,
}

impl OperatorRule {
    pub fn as_str(self) -> &'static str {
        match self {
            OperatorRule::Block => "block",
            OperatorRule::Allow => "allow",
        }
    }

    pub fn parse(text: &str) -> Option<OperatorRule> {
        match text {
            "block" => Some(OperatorRule::Block),
            "allow" => Some(OperatorRule::Allow),
            _ => None,
        }
    }
}

/// What is known about one upstream version when deciding whether to serve it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UpstreamFacts {
    /// An operator's rule on this version.
    pub version_rule: Option<OperatorRule>,
    /// An operator's rule on the whole name.
    pub name_rule: Option<OperatorRule>,
    /// The verdict on the name from its first fetch.
    pub name_verdict: Option<Verdict>,
    /// The verdict of the version's scan, once it was fetched and scanned.
    pub scan_verdict: Option<Verdict>,
}

/// Why an upstream version is not served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withheld {
    /// An operator blocked the version or the name.
    Blocked,
    /// The name was withheld on its first fetch.
    Name,
    /// The version's scan withheld it.
    Content,
}

/// Whether an upstream version may be served (listed in the index file served, downloaded). The
/// most specific operator's rule decides first; then the policy's verdicts. A version not yet
/// scanned may be listed: it is scanned before its first download is served.
pub fn may_serve(facts: &UpstreamFacts) -> Result<(), Withheld> {
    match facts.version_rule.or(facts.name_rule) {
        Some(OperatorRule::Block) => return Err(Withheld::Blocked),
        Some(OperatorRule::Allow) => return Ok(()),
        None => {}
    }
    if facts.name_verdict.is_some_and(withholds) {
        return Err(Withheld::Name);
    }
    if facts.scan_verdict.is_some_and(withholds) {
        return Err(Withheld::Content);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typosquat::PopularCrate;

    fn popular(names: &[&str]) -> TyposquatIndex {
        TyposquatIndex::new(
            names
                .iter()
                .map(|name| PopularCrate {
                    name: name.to_string(),
                    owner_ids: Vec::new(),
                })
                .collect(),
        )
    }

    /// The findings on `name` when its look-alikes' owners relate as `shared`.
    fn judged(name: &str, index: &TyposquatIndex, shared: Kinship) -> Vec<Finding> {
        let hits: Vec<_> = lookalikes(name, index)
            .into_iter()
            .map(|hit| (hit, shared))
            .collect();
        name_findings(name, &hits, &[])
    }

    #[test]
    fn lookalike_names_are_withheld_and_the_popular_ones_are_not() {
        let index = popular(&["serde", "tokio", "rand"]);
        let findings = judged("serdde", &index, Kinship::Strangers);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].rule, RULE_UPSTREAM_LOOKALIKE);
        assert!(findings[0].evidence.contains("`serde`"));
        assert_eq!(name_verdict(&findings), Verdict::Hold);
        assert_eq!(judged("serdde", &index, Kinship::Unknown).len(), 1);
        for name in ["serde", "Serde", "unrelated-library"] {
            assert!(lookalikes(name, &index).is_empty(), "{name}");
        }
        // The shape the end-to-end test of the proxy uses.
        let index = popular(&["ferris-parsekit", "ferris-util"]);
        assert_eq!(
            judged("ferris-parsekti", &index, Kinship::Strangers).len(),
            1
        );
    }

    #[test]
    fn families_are_served() {
        let index = popular(&["rand", "openssl"]);
        for name in ["rand_core", "openssl-sys"] {
            assert!(!lookalikes(name, &index).is_empty(), "{name}");
            assert!(judged(name, &index, Kinship::Family).is_empty(), "{name}");
            assert_eq!(judged(name, &index, Kinship::Strangers).len(), 1, "{name}");
        }
    }

    #[test]
    fn internal_prefixes_are_withheld() {
        let prefixes = vec!["acme-".to_string()];
        let findings = name_findings("Acme_billing", &[], &prefixes);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule, RULE_UPSTREAM_INTERNAL_PREFIX);
        assert_eq!(findings[0].severity, Verdict::Hold);
        assert!(name_findings("acmeish", &[], &prefixes).is_empty());
    }

    #[test]
    fn operators_decide_before_the_policy_and_versions_before_names() {
        let held = UpstreamFacts {
            name_verdict: Some(Verdict::Hold),
            scan_verdict: Some(Verdict::Reject),
            ..UpstreamFacts::default()
        };
        assert_eq!(may_serve(&held), Err(Withheld::Name));
        let allowed_name = UpstreamFacts {
            name_rule: Some(OperatorRule::Allow),
            ..held
        };
        assert_eq!(may_serve(&allowed_name), Ok(()));
        let blocked_version = UpstreamFacts {
            version_rule: Some(OperatorRule::Block),
            ..allowed_name
        };
        assert_eq!(may_serve(&blocked_version), Err(Withheld::Blocked));
        let allowed_version = UpstreamFacts {
            version_rule: Some(OperatorRule::Allow),
            name_rule: Some(OperatorRule::Block),
            ..held
        };
        assert_eq!(may_serve(&allowed_version), Ok(()));
    }

    #[test]
    fn verdicts_withhold_from_hold_up() {
        assert_eq!(may_serve(&UpstreamFacts::default()), Ok(()));
        for (verdict, served) in [
            (Verdict::Allow, true),
            (Verdict::Flag, true),
            (Verdict::Hold, false),
            (Verdict::Reject, false),
        ] {
            let facts = UpstreamFacts {
                scan_verdict: Some(verdict),
                ..UpstreamFacts::default()
            };
            assert_eq!(may_serve(&facts).is_ok(), served, "{verdict:?}");
            let facts = UpstreamFacts {
                name_verdict: Some(verdict),
                ..UpstreamFacts::default()
            };
            assert_eq!(may_serve(&facts).is_ok(), served, "{verdict:?}");
        }
    }
}
