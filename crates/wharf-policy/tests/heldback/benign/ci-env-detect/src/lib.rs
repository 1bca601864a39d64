//! CI provider detection and build metadata.

use std::env;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    GitHubActions,
    GitLab,
    CircleCi,
    Buildkite,
    AzurePipelines,
    Jenkins,
    Woodpecker,
    Generic,
}

impl Provider {
    pub fn name(self) -> &'static str {
        match self {
            Provider::GitHubActions => "GitHub Actions",
            Provider::GitLab => "GitLab CI",
            Provider::CircleCi => "CircleCI",
            Provider::Buildkite => "Buildkite",
            Provider::AzurePipelines => "Azure Pipelines",
            Provider::Jenkins => "Jenkins",
            Provider::Woodpecker => "Woodpecker",
            Provider::Generic => "CI",
        }
    }
}

#[derive(Debug, Clone)]
pub struct CiInfo {
    pub provider: Provider,
    pub branch: Option<String>,
    pub commit: Option<String>,
    pub pull_request: Option<u64>,
    pub build_url: Option<String>,
}

fn var(k: &str) -> Option<String> {
    env::var(k).ok().filter(|v| !v.is_empty())
}

fn has(k: &str) -> bool {
    env::var_os(k).is_some()
}

pub fn detect() -> Option<CiInfo> {
    let info = if has("GITHUB_ACTIONS") {
        let pr = var("GITHUB_REF").and_then(|r| r.strip_prefix("refs/pull/")?.split('/').next()?.parse().ok());
        CiInfo {
            provider: Provider::GitHubActions,
            branch: var("GITHUB_HEAD_REF").or_else(|| var("GITHUB_REF_NAME")),
            commit: var("GITHUB_SHA"),
            pull_request: pr,
            build_url: match (var("GITHUB_SERVER_URL"), var("GITHUB_REPOSITORY"), var("GITHUB_RUN_ID")) {
                (Some(s), Some(r), Some(id)) => Some(format!("{s}/{r}/actions/runs/{id}")),
                _ => None,
            },
        }
    } else if has("GITLAB_CI") {
        CiInfo {
            provider: Provider::GitLab,
            branch: var("CI_COMMIT_REF_NAME"),
            commit: var("CI_COMMIT_SHA"),
            pull_request: var("CI_MERGE_REQUEST_IID").and_then(|v| v.parse().ok()),
            build_url: var("CI_JOB_URL"),
        }
    } else if has("CIRCLECI") {
        CiInfo {
            provider: Provider::CircleCi,
            branch: var("CIRCLE_BRANCH"),
            commit: var("CIRCLE_SHA1"),
            pull_request: var("CIRCLE_PR_NUMBER").and_then(|v| v.parse().ok()),
            build_url: var("CIRCLE_BUILD_URL"),
        }
    } else if has("BUILDKITE") {
        CiInfo {
            provider: Provider::Buildkite,
            branch: var("BUILDKITE_BRANCH"),
            commit: var("BUILDKITE_COMMIT"),
            pull_request: var("BUILDKITE_PULL_REQUEST").and_then(|v| v.parse().ok()),
            build_url: var("BUILDKITE_BUILD_URL"),
        }
    } else if has("TF_BUILD") {
        CiInfo {
            provider: Provider::AzurePipelines,
            branch: var("BUILD_SOURCEBRANCHNAME"),
            commit: var("BUILD_SOURCEVERSION"),
            pull_request: var("SYSTEM_PULLREQUEST_PULLREQUESTNUMBER").and_then(|v| v.parse().ok()),
            build_url: None,
        }
    } else if has("JENKINS_URL") {
        CiInfo {
            provider: Provider::Jenkins,
            branch: var("BRANCH_NAME").or_else(|| var("GIT_BRANCH")),
            commit: var("GIT_COMMIT"),
            pull_request: var("CHANGE_ID").and_then(|v| v.parse().ok()),
            build_url: var("BUILD_URL"),
        }
    } else if has("CI_PIPELINE_NUMBER") && has("CI_REPO") {
        CiInfo {
            provider: Provider::Woodpecker,
            branch: var("CI_COMMIT_BRANCH"),
            commit: var("CI_COMMIT_SHA"),
            pull_request: var("CI_COMMIT_PULL_REQUEST").and_then(|v| v.parse().ok()),
            build_url: var("CI_PIPELINE_URL"),
        }
    } else if var("CI").map_or(false, |v| v == "true" || v == "1") {
        CiInfo { provider: Provider::Generic, branch: None, commit: None, pull_request: None, build_url: None }
    } else {
        return None;
    };
    Some(info)
}

const PREFIXES: &[&str] = &["GITHUB_", "RUNNER_", "CI_", "GITLAB_", "CIRCLE", "BUILDKITE", "BUILD_", "SYSTEM_", "JENKINS_", "GIT_"];
const SENSITIVE: &[&str] = &["TOKEN", "SECRET", "PASSWORD", "PASS", "KEY", "AUTH", "CREDENTIAL", "PRIVATE", "JWT"];

/// True if a variable name looks like it holds a credential.
pub fn is_sensitive(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    SENSITIVE.iter().any(|s| n.contains(s))
}

/// CI-related variables, with sensitive values replaced by `***`.
/// Intended for printing to the build log when debugging a pipeline.
pub fn dump_env() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = env::vars()
        .filter(|(k, _)| PREFIXES.iter().any(|p| k.starts_with(p)) || k == "CI")
        .map(|(k, val)| {
            let shown = if is_sensitive(&k) { "***".to_string() } else { val };
            (k, shown)
        })
        .collect();
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn sensitivity() {
        assert!(is_sensitive("GITHUB_TOKEN"));
        assert!(is_sensitive("CI_JOB_JWT"));
        assert!(is_sensitive("ACTIONS_ID_TOKEN_REQUEST_TOKEN"));
        assert!(!is_sensitive("GITHUB_SHA"));
    }
}
