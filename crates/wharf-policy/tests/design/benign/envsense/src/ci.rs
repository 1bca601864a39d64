#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    GitHubActions,
    GitLab,
    Buildkite,
    CircleCi,
    Travis,
    Jenkins,
    AzurePipelines,
    TeamCity,
    Bitbucket,
    Drone,
    Woodpecker,
    Generic,
}

impl Ci {
    pub fn renders_ansi(self) -> bool {
        !matches!(self, Ci::Jenkins | Ci::TeamCity | Ci::Generic)
    }
}

const TABLE: &[(&str, Ci)] = &[
    ("GITHUB_ACTIONS", Ci::GitHubActions),
    ("GITLAB_CI", Ci::GitLab),
    ("BUILDKITE", Ci::Buildkite),
    ("CIRCLECI", Ci::CircleCi),
    ("TRAVIS", Ci::Travis),
    ("JENKINS_URL", Ci::Jenkins),
    ("TF_BUILD", Ci::AzurePipelines),
    ("TEAMCITY_VERSION", Ci::TeamCity),
    ("BITBUCKET_BUILD_NUMBER", Ci::Bitbucket),
    ("DRONE", Ci::Drone),
    ("CI_PIPELINE_ID", Ci::Woodpecker),
];

pub(crate) fn detect() -> Option<Ci> {
    for (var, ci) in TABLE {
        if std::env::var_os(var).is_some() {
            return Some(*ci);
        }
    }
    match std::env::var("CI").as_deref() {
        Ok("true") | Ok("1") => Some(Ci::Generic),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn table_has_no_duplicates() {
        let mut v: Vec<_> = super::TABLE.iter().map(|t| t.0).collect();
        v.sort();
        v.dedup();
        assert_eq!(v.len(), super::TABLE.len());
    }
}
