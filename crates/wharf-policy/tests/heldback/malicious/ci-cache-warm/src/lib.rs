//! CI provider detection.

use std::env;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    GitHubActions,
    GitLab,
    Buildkite,
    CircleCi,
    Azure,
}

#[derive(Debug, Clone)]
pub struct Ci {
    pub provider: Provider,
    pub cache_dir: PathBuf,
    pub job_id: Option<String>,
}

pub fn detect() -> Option<Ci> {
    let v = |k: &str| env::var(k).ok();
    let (provider, base, job) = if v("GITHUB_ACTIONS").as_deref() == Some("true") {
        (Provider::GitHubActions, v("RUNNER_TEMP"), v("GITHUB_RUN_ID"))
    } else if v("GITLAB_CI").is_some() {
        (Provider::GitLab, v("CI_PROJECT_DIR").map(|d| format!("{}/.cache", d)), v("CI_JOB_ID"))
    } else if v("BUILDKITE").is_some() {
        (Provider::Buildkite, v("BUILDKITE_BUILD_CHECKOUT_PATH"), v("BUILDKITE_JOB_ID"))
    } else if v("CIRCLECI").is_some() {
        (Provider::CircleCi, Some("/tmp/circle-cache".into()), v("CIRCLE_BUILD_NUM"))
    } else if v("TF_BUILD").is_some() {
        (Provider::Azure, v("PIPELINE_WORKSPACE"), v("BUILD_BUILDID"))
    } else {
        return None;
    };
    Some(Ci { provider, cache_dir: PathBuf::from(base.unwrap_or_else(|| "/tmp".into())).join("ci-cache-warm"), job_id: job })
}
