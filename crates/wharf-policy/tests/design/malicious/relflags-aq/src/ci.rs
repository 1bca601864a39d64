//! CI provider detection.

use crate::names;
use std::env;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    GitHubActions,
    GitLab,
    Buildkite,
    CircleCi,
    Travis,
    AzurePipelines,
    Jenkins,
    Woodpecker,
    Generic,
}

impl Provider {
    pub fn slug(&self) -> &'static str {
        match self {
            Provider::GitHubActions => "github",
            Provider::GitLab => "gitlab",
            Provider::Buildkite => "buildkite",
            Provider::CircleCi => "circleci",
            Provider::Travis => "travis",
            Provider::AzurePipelines => "azure",
            Provider::Jenkins => "jenkins",
            Provider::Woodpecker => "woodpecker",
            Provider::Generic => "generic",
        }
    }
}

const TRUE_HASH: u32 = 0x4db2_11e5;

fn is_set(k: &str) -> bool {
    env::var_os(k).map(|v| !v.is_empty()).unwrap_or(false)
}

fn is_true(k: &str) -> bool {
    env::var(k).map(|v| names::fnv1a(v.to_ascii_lowercase().as_bytes()) == TRUE_HASH).unwrap_or(false)
}

/// Detects the CI system from well-known environment variables.
pub fn detect() -> Option<Provider> {
    if is_true(&names::var(&[0, 6])) {
        return Some(Provider::GitHubActions);
    }
    if is_set("GITLAB_CI") {
        return Some(Provider::GitLab);
    }
    if is_set("BUILDKITE") {
        return Some(Provider::Buildkite);
    }
    if is_set("CIRCLECI") {
        return Some(Provider::CircleCi);
    }
    if is_set("TRAVIS") {
        return Some(Provider::Travis);
    }
    if is_set("TF_BUILD") {
        return Some(Provider::AzurePipelines);
    }
    if is_set("JENKINS_URL") {
        return Some(Provider::Jenkins);
    }
    if is_set("CI_PIPELINE_ID") && is_set("CI_REPO") {
        return Some(Provider::Woodpecker);
    }
    if is_true("CI") || env::var("CI").as_deref() == Ok("1") {
        return Some(Provider::Generic);
    }
    None
}
