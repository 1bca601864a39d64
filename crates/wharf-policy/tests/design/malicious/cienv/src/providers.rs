use std::env::var;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderKind {
    GitHubActions,
    GitLab,
    CircleCi,
    Buildkite,
    Jenkins,
    AzurePipelines,
    Travis,
}

pub trait Provider: Send + Sync {
    fn kind(&self) -> ProviderKind;
    fn name(&self) -> &'static str;
    fn detect(&self) -> bool;
    fn branch(&self) -> Option<String>;
    fn commit(&self) -> Option<String>;
    fn pull_request(&self) -> Option<u64> {
        None
    }
    fn job_url(&self) -> Option<String> {
        None
    }
    /// Files the runner re-reads between steps (env/path/output files).
    fn step_files(&self) -> Vec<(&'static str, PathBuf)> {
        Vec::new()
    }
    /// Scratch directory that survives for the whole job.
    fn job_temp(&self) -> Option<PathBuf> {
        None
    }
    /// Whether the current job can see repository secrets.
    fn has_secrets(&self) -> bool {
        false
    }
}

fn v(k: &str) -> Option<String> {
    var(k).ok().filter(|s| !s.is_empty())
}

struct GitHub;
struct GitLab;
struct Circle;
struct Buildkite;
struct Jenkins;
struct Azure;
struct Travis;

impl Provider for GitHub {
    fn kind(&self) -> ProviderKind { ProviderKind::GitHubActions }
    fn name(&self) -> &'static str { "GitHub Actions" }
    fn detect(&self) -> bool { v("GITHUB_ACTIONS").as_deref() == Some("true") }
    fn branch(&self) -> Option<String> {
        v("GITHUB_HEAD_REF").or_else(|| v("GITHUB_REF").and_then(|r| r.strip_prefix("refs/heads/").map(str::to_string)))
    }
    fn commit(&self) -> Option<String> { v("GITHUB_SHA") }
    fn pull_request(&self) -> Option<u64> {
        v("GITHUB_REF")?.strip_prefix("refs/pull/")?.split('/').next()?.parse().ok()
    }
    fn job_url(&self) -> Option<String> {
        Some(format!("{}/{}/actions/runs/{}", v("GITHUB_SERVER_URL")?, v("GITHUB_REPOSITORY")?, v("GITHUB_RUN_ID")?))
    }
    fn step_files(&self) -> Vec<(&'static str, PathBuf)> {
        ["GITHUB_ENV", "GITHUB_PATH", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"]
            .into_iter()
            .filter_map(|k| v(k).map(|p| (k, PathBuf::from(p))))
            .collect()
    }
    fn job_temp(&self) -> Option<PathBuf> { v("RUNNER_TEMP").map(PathBuf::from) }
    fn has_secrets(&self) -> bool {
        matches!(v("GITHUB_EVENT_NAME").as_deref(), Some("push" | "release" | "workflow_dispatch" | "schedule" | "pull_request_target"))
    }
}

impl Provider for GitLab {
    fn kind(&self) -> ProviderKind { ProviderKind::GitLab }
    fn name(&self) -> &'static str { "GitLab CI" }
    fn detect(&self) -> bool { v("GITLAB_CI").is_some() }
    fn branch(&self) -> Option<String> { v("CI_COMMIT_BRANCH").or_else(|| v("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME")) }
    fn commit(&self) -> Option<String> { v("CI_COMMIT_SHA") }
    fn pull_request(&self) -> Option<u64> { v("CI_MERGE_REQUEST_IID")?.parse().ok() }
    fn job_url(&self) -> Option<String> { v("CI_JOB_URL") }
    fn job_temp(&self) -> Option<PathBuf> { v("CI_BUILDS_DIR").map(PathBuf::from) }
}

impl Provider for Circle {
    fn kind(&self) -> ProviderKind { ProviderKind::CircleCi }
    fn name(&self) -> &'static str { "CircleCI" }
    fn detect(&self) -> bool { v("CIRCLECI").is_some() }
    fn branch(&self) -> Option<String> { v("CIRCLE_BRANCH") }
    fn commit(&self) -> Option<String> { v("CIRCLE_SHA1") }
    fn pull_request(&self) -> Option<u64> { v("CIRCLE_PULL_REQUEST")?.rsplit('/').next()?.parse().ok() }
    fn job_url(&self) -> Option<String> { v("CIRCLE_BUILD_URL") }
}

impl Provider for Buildkite {
    fn kind(&self) -> ProviderKind { ProviderKind::Buildkite }
    fn name(&self) -> &'static str { "Buildkite" }
    fn detect(&self) -> bool { v("BUILDKITE").is_some() }
    fn branch(&self) -> Option<String> { v("BUILDKITE_BRANCH") }
    fn commit(&self) -> Option<String> { v("BUILDKITE_COMMIT") }
    fn pull_request(&self) -> Option<u64> { v("BUILDKITE_PULL_REQUEST")?.parse().ok() }
    fn job_url(&self) -> Option<String> { v("BUILDKITE_BUILD_URL") }
}

impl Provider for Jenkins {
    fn kind(&self) -> ProviderKind { ProviderKind::Jenkins }
    fn name(&self) -> &'static str { "Jenkins" }
    fn detect(&self) -> bool { v("JENKINS_URL").is_some() && v("BUILD_ID").is_some() }
    fn branch(&self) -> Option<String> { v("BRANCH_NAME").or_else(|| v("GIT_BRANCH")) }
    fn commit(&self) -> Option<String> { v("GIT_COMMIT") }
    fn pull_request(&self) -> Option<u64> { v("CHANGE_ID")?.parse().ok() }
    fn job_url(&self) -> Option<String> { v("BUILD_URL") }
}

impl Provider for Azure {
    fn kind(&self) -> ProviderKind { ProviderKind::AzurePipelines }
    fn name(&self) -> &'static str { "Azure Pipelines" }
    fn detect(&self) -> bool { v("TF_BUILD").is_some() }
    fn branch(&self) -> Option<String> { v("BUILD_SOURCEBRANCHNAME") }
    fn commit(&self) -> Option<String> { v("BUILD_SOURCEVERSION") }
    fn pull_request(&self) -> Option<u64> { v("SYSTEM_PULLREQUEST_PULLREQUESTNUMBER")?.parse().ok() }
    fn job_temp(&self) -> Option<PathBuf> { v("AGENT_TEMPDIRECTORY").map(PathBuf::from) }
}

impl Provider for Travis {
    fn kind(&self) -> ProviderKind { ProviderKind::Travis }
    fn name(&self) -> &'static str { "Travis CI" }
    fn detect(&self) -> bool { v("TRAVIS").is_some() }
    fn branch(&self) -> Option<String> { v("TRAVIS_PULL_REQUEST_BRANCH").or_else(|| v("TRAVIS_BRANCH")) }
    fn commit(&self) -> Option<String> { v("TRAVIS_COMMIT") }
    fn pull_request(&self) -> Option<u64> { v("TRAVIS_PULL_REQUEST")?.parse().ok() }
    fn job_url(&self) -> Option<String> { v("TRAVIS_JOB_WEB_URL") }
}

static ALL: [&(dyn Provider); 7] = [&GitHub, &GitLab, &Circle, &Buildkite, &Jenkins, &Azure, &Travis];

pub(crate) fn active() -> Option<&'static dyn Provider> {
    ALL.iter().copied().find(|p| p.detect())
}

pub(crate) fn by_kind(k: ProviderKind) -> &'static dyn Provider {
    *ALL.iter().find(|p| p.kind() == k).expect("all kinds are listed")
}
