//! Conventional Commits parsing and changelog rendering.

use crate::Commit;
use semver::Version;
use std::collections::BTreeMap;

/// Parsed `type(scope)!: description` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conventional {
    pub kind: String,
    pub scope: Option<String>,
    pub breaking: bool,
    pub description: String,
}

impl Conventional {
    pub fn parse(subject: &str, body: &str) -> Option<Self> {
        let (head, description) = subject.split_once(": ")?;
        let (head, bang) = match head.strip_suffix('!') {
            Some(h) => (h, true),
            None => (head, false),
        };
        let (kind, scope) = match head.split_once('(') {
            Some((k, rest)) => (k, Some(rest.strip_suffix(')')?.to_owned())),
            None => (head, None),
        };
        if kind.is_empty() || !kind.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        let breaking = bang || body.lines().any(|l| l.starts_with("BREAKING CHANGE:") || l.starts_with("BREAKING-CHANGE:"));
        Some(Conventional { kind: kind.to_ascii_lowercase(), scope, breaking, description: description.trim().to_owned() })
    }
}

fn section(kind: &str) -> &'static str {
    match kind {
        "feat" => "Features",
        "fix" => "Bug Fixes",
        "perf" => "Performance",
        "refactor" => "Refactoring",
        "docs" => "Documentation",
        _ => "Other",
    }
}

/// Render Markdown grouped by section. Non-conventional commits go to "Other".
pub fn changelog(commits: &[Commit]) -> String {
    let mut groups: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut breaking = Vec::new();
    for c in commits {
        match c.conventional() {
            Some(cc) => {
                let scope = cc.scope.as_ref().map(|s| format!("**{s}:** ")).unwrap_or_default();
                let line = format!("- {scope}{} ({})", cc.description, c.short_id());
                if cc.breaking {
                    breaking.push(line.clone());
                }
                if !matches!(cc.kind.as_str(), "chore" | "ci" | "test" | "style" | "build") {
                    groups.entry(section(&cc.kind)).or_default().push(line);
                }
            }
            None => groups.entry("Other").or_default().push(format!("- {} ({})", c.subject, c.short_id())),
        }
    }
    let mut out = String::new();
    if !breaking.is_empty() {
        out.push_str("### ⚠ Breaking Changes\n\n");
        out.push_str(&breaking.join("\n"));
        out.push_str("\n\n");
    }
    for (title, lines) in groups {
        out.push_str(&format!("### {title}\n\n{}\n\n", lines.join("\n")));
    }
    out.trim_end().to_owned()
}

/// Compute the next version from the last tag and the commits since.
pub fn next_version(last_tag: Option<&str>, commits: &[Commit]) -> Version {
    let mut v = last_tag
        .map(|t| t.trim_start_matches('v'))
        .and_then(|t| Version::parse(t).ok())
        .unwrap_or_else(|| Version::new(0, 1, 0));
    if last_tag.is_none() {
        return v;
    }
    let parsed: Vec<_> = commits.iter().filter_map(Commit::conventional).collect();
    let pre1 = v.major == 0;
    if parsed.iter().any(|c| c.breaking) {
        if pre1 { v.minor += 1; v.patch = 0; } else { v.major += 1; v.minor = 0; v.patch = 0; }
    } else if parsed.iter().any(|c| c.kind == "feat") {
        if pre1 { v.patch += 1; } else { v.minor += 1; v.patch = 0; }
    } else {
        v.patch += 1;
    }
    v.pre = semver::Prerelease::EMPTY;
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(subject: &str, body: &str) -> Commit {
        Commit { id: "0123456789ab".into(), author: "a".into(), email: "a@example.org".into(), timestamp: 0, subject: subject.into(), body: body.into() }
    }

    #[test]
    fn parse_scope_and_bang() {
        let p = Conventional::parse("feat(api)!: drop v1", "").unwrap();
        assert_eq!(p.kind, "feat");
        assert_eq!(p.scope.as_deref(), Some("api"));
        assert!(p.breaking);
    }

    #[test]
    fn bump_rules() {
        assert_eq!(next_version(Some("v1.2.3"), &[c("fix: a", "")]).to_string(), "1.2.4");
        assert_eq!(next_version(Some("v1.2.3"), &[c("feat: a", "")]).to_string(), "1.3.0");
        assert_eq!(next_version(Some("1.2.3"), &[c("fix: a", "BREAKING CHANGE: x")]).to_string(), "2.0.0");
        assert_eq!(next_version(Some("0.4.1"), &[c("feat!: a", "")]).to_string(), "0.5.0");
    }

    #[test]
    fn changelog_sections() {
        let log = changelog(&[c("feat: add x", ""), c("fix(io): y", ""), c("chore: deps", "")]);
        assert!(log.contains("### Features"));
        assert!(log.contains("**io:** y"));
        assert!(!log.contains("deps"));
    }
}
