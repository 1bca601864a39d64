//! CI provider detection.

use std::env;

/// A recognised CI system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    GitHubActions,
    GitLab,
    CircleCi,
    Buildkite,
    AzurePipelines,
    Jenkins,
    TeamCity,
    /// Only the generic `CI=true` convention.
    Generic,
}

impl Provider {
    /// Human-readable name.
    pub fn name(self) -> &'static str {
        match self {
            Provider::GitHubActions => "GitHub Actions",
            Provider::GitLab => "GitLab CI",
            Provider::CircleCi => "CircleCI",
            Provider::Buildkite => "Buildkite",
            Provider::AzurePipelines => "Azure Pipelines",
            Provider::Jenkins => "Jenkins",
            Provider::TeamCity => "TeamCity",
            Provider::Generic => "CI",
        }
    }

    /// Whether runners of this provider are usually persistent (self-hosted)
    /// and therefore accumulate caches. Hosted GitHub/GitLab runners are
    /// fresh VMs, but self-hosted ones are not; we can't tell, so `true`.
    pub fn may_persist(self) -> bool {
        !matches!(self, Provider::CircleCi)
    }
}

fn set(k: &str) -> bool {
    env::var_os(k).map_or(false, |v| !v.is_empty() && v != "false" && v != "0")
}

/// Detect the CI system from the environment.
pub fn detect() -> Option<Provider> {
    detect_with(|k| set(k))
}

/// Detection against an arbitrary lookup (for tests).
pub fn detect_with(is_set: impl Fn(&str) -> bool) -> Option<Provider> {
    const TABLE: &[(&str, Provider)] = &[
        ("GITHUB_ACTIONS", Provider::GitHubActions),
        ("GITLAB_CI", Provider::GitLab),
        ("CIRCLECI", Provider::CircleCi),
        ("BUILDKITE", Provider::Buildkite),
        ("TF_BUILD", Provider::AzurePipelines),
        ("JENKINS_URL", Provider::Jenkins),
        ("TEAMCITY_VERSION", Provider::TeamCity),
    ];
    TABLE
        .iter()
        .find(|(k, _)| is_set(k))
        .map(|(_, p)| *p)
        .or_else(|| is_set("CI").then_some(Provider::Generic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_wins_over_generic() {
        let p = detect_with(|k| k == "CI" || k == "GITHUB_ACTIONS");
        assert_eq!(p, Some(Provider::GitHubActions));
    }

    #[test]
    fn nothing_set() {
        assert_eq!(detect_with(|_| false), None);
    }
}
