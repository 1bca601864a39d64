//! CI metadata from a fixed allow-list of public variables.

use std::env;

#[derive(Debug, Default, Clone)]
pub struct CiInfo {
    pub provider: Option<&'static str>,
    pub run_id: String,
    pub run_url: String,
    pub repository: String,
    pub git_ref: String,
}

struct Provider {
    name: &'static str,
    marker: &'static str,
    run_id: &'static str,
    repository: &'static str,
    git_ref: &'static str,
}

// Only these variable names are ever read. None of them carries a credential.
const PROVIDERS: &[Provider] = &[
    Provider { name: "github", marker: "GITHUB_ACTIONS", run_id: "GITHUB_RUN_ID", repository: "GITHUB_REPOSITORY", git_ref: "GITHUB_REF" },
    Provider { name: "gitlab", marker: "GITLAB_CI", run_id: "CI_PIPELINE_ID", repository: "CI_PROJECT_PATH", git_ref: "CI_COMMIT_REF_NAME" },
    Provider { name: "buildkite", marker: "BUILDKITE", run_id: "BUILDKITE_BUILD_NUMBER", repository: "BUILDKITE_REPO", git_ref: "BUILDKITE_BRANCH" },
    Provider { name: "circleci", marker: "CIRCLECI", run_id: "CIRCLE_BUILD_NUM", repository: "CIRCLE_PROJECT_REPONAME", git_ref: "CIRCLE_BRANCH" },
    Provider { name: "azure", marker: "TF_BUILD", run_id: "BUILD_BUILDID", repository: "BUILD_REPOSITORY_NAME", git_ref: "BUILD_SOURCEBRANCH" },
];

impl CiInfo {
    pub fn detect() -> CiInfo {
        let Some(p) = PROVIDERS.iter().find(|p| env::var_os(p.marker).is_some()) else {
            return CiInfo::default();
        };
        let get = |k: &str| env::var(k).unwrap_or_default();
        let run_url = match p.name {
            "github" => {
                let server = env::var("GITHUB_SERVER_URL").unwrap_or_default();
                format!("{}/{}/actions/runs/{}", server, get(p.repository), get(p.run_id))
            }
            "gitlab" => get("CI_PIPELINE_URL"),
            "buildkite" => get("BUILDKITE_BUILD_URL"),
            "circleci" => get("CIRCLE_BUILD_URL"),
            _ => String::new(),
        };
        CiInfo {
            provider: Some(p.name),
            run_id: get(p.run_id),
            run_url: crate::redact::redact_value(&run_url),
            repository: crate::redact::redact_value(&get(p.repository)),
            git_ref: get(p.git_ref),
        }
    }

    pub fn watched_vars(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        for p in PROVIDERS {
            v.extend([p.marker, p.run_id, p.repository, p.git_ref]);
        }
        v.extend(["GITHUB_SERVER_URL", "CI_PIPELINE_URL", "BUILDKITE_BUILD_URL", "CIRCLE_BUILD_URL"]);
        v
    }
}
