//! Trusted publishing: which CI job may publish which crate, decided from the claims of the job's
//! verified OpenID token and the configurations the crate's owners made.
//!
//! An owner names a GitHub repository and workflow file (or a GitLab project and CI file), and
//! optionally a deployment environment; a job whose token carries the same facts gets a
//! short-lived publish token for the crates so configured. Everything here is pure: the token was
//! verified before (`wharf-oidc`), the configurations were read before (the store), and the
//! decision is tested at its edges below.
//!
//! Two protections go beyond matching names:
//! - **resurrection**: the numeric id of the repository's owner (GitHub) or namespace (GitLab) is
//!   pinned on the first exchange, so a deleted account re-registered under the same name by
//!   someone else does not inherit the configuration;
//! - **accountability**: a publish is made in the name of the owner who set the configuration up,
//!   so a configuration stops working when its author stops owning the crate.

use serde_json::{Map, Value};

/// The longest name, workflow path or environment a configuration may hold.
pub const MAX_FIELD_LENGTH: usize = 255;
/// The most configurations of one kind one crate may have.
pub const MAX_CONFIGS_PER_CRATE: usize = 5;
/// How long a JWT id is remembered after the JWT expired: longer than the leeway its expiry is
/// judged with (a minute), so a JWT cannot be exchanged again in that window.
pub const JTI_KEPT_AFTER_EXPIRY_MS: i64 = 10 * 60 * 1000;
/// How long a token from an exchange may publish.
pub const TOKEN_LIFETIME_MS: i64 = 30 * 60 * 1000;

/// GitHub Actions events a trusted publish is never made from: they run with the base
/// repository's privileges on behalf of code from forks.
pub const REFUSED_GITHUB_EVENTS: [&str; 2] = ["pull_request_target", "workflow_run"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    GitHub,
    GitLab,
}

impl Provider {
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::GitHub => "github",
            Provider::GitLab => "gitlab",
        }
    }

    pub fn parse(value: &str) -> Option<Provider> {
        match value {
            "github" => Some(Provider::GitHub),
            "gitlab" => Some(Provider::GitLab),
            _ => None,
        }
    }
}

/// A configuration as owners write it: for GitHub, `owner` and `project` are the repository's
/// owner and name and `workflow` a file name in `.github/workflows/`; for GitLab, the project's
/// namespace (with subgroups) and name, and the CI file's path in the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigSpec {
    pub provider: Provider,
    pub owner: String,
    pub project: String,
    pub workflow: String,
    pub environment: Option<String>,
}

fn check_length(what: &str, value: &str) -> Result<(), String> {
    if value.is_empty() {
        Err(format!("the {what} may not be empty"))
    } else if value.len() > MAX_FIELD_LENGTH {
        Err(format!(
            "the {what} is too long (at most {MAX_FIELD_LENGTH} characters)"
        ))
    } else {
        Ok(())
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

fn is_yaml(path: &str) -> bool {
    let stem = |suffix| {
        path.strip_suffix(suffix)
            .filter(|s: &&str| !s.is_empty() && !s.ends_with('/'))
    };
    stem(".yml").or_else(|| stem(".yaml")).is_some()
}

impl ConfigSpec {
    /// Checks the fields' shapes, with a message that names the field.
    pub fn validate(&self) -> Result<(), String> {
        match self.provider {
            Provider::GitHub => {
                check_length("repository owner", &self.owner)?;
                if !self.owner.starts_with(|c: char| c.is_ascii_alphanumeric())
                    || !self
                        .owner
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-')
                {
                    return Err(format!(
                        "`{}` is not a GitHub user or organisation name",
                        self.owner
                    ));
                }
                check_length("repository name", &self.project)?;
                if !self.project.chars().all(is_name_char)
                    || matches!(self.project.as_str(), "." | "..")
                {
                    return Err(format!(
                        "`{}` is not a GitHub repository name",
                        self.project
                    ));
                }
                check_length("workflow file name", &self.workflow)?;
                if self.workflow.contains('/') {
                    return Err(
                        "the workflow is a file name in `.github/workflows/`, without directories"
                            .into(),
                    );
                }
            }
            Provider::GitLab => {
                check_length("namespace", &self.owner)?;
                let segments_ok = self.owner.split('/').all(|segment| {
                    !segment.is_empty()
                        && segment.chars().all(is_name_char)
                        && !matches!(segment, "." | "..")
                });
                if !segments_ok {
                    return Err(format!(
                        "`{}` is not a GitLab group or user path",
                        self.owner
                    ));
                }
                check_length("project name", &self.project)?;
                if !self.project.chars().all(is_name_char)
                    || matches!(self.project.as_str(), "." | "..")
                {
                    return Err(format!("`{}` is not a GitLab project name", self.project));
                }
                check_length("CI file path", &self.workflow)?;
                if self.workflow.starts_with('/')
                    || self.workflow.split('/').any(|s| s.is_empty() || s == "..")
                {
                    return Err("the CI file is a path relative to the repository's root, such as `.gitlab-ci.yml`".into());
                }
            }
        }
        if !is_yaml(&self.workflow) {
            return Err("the workflow file's name must end with `.yml` or `.yaml`".into());
        }
        if let Some(environment) = &self.environment {
            check_length(
                "environment name (leave it out for any environment)",
                environment,
            )?;
            if environment.trim() != environment {
                return Err("the environment name may not start or end with white space".into());
            }
            if environment
                .chars()
                .any(|c| c.is_control() || matches!(c, '\'' | '"' | '`' | ',' | ';' | '\\'))
            {
                return Err(
                    "the environment name may not hold control characters or any of ' \" ` , ; \\"
                        .into(),
                );
            }
        }
        Ok(())
    }
}

/// A stored configuration, with what the decision needs to know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigFacts {
    pub id: i64,
    pub crate_id: i64,
    pub crate_name: String,
    pub spec: ConfigSpec,
    /// The owner's or namespace's numeric id, pinned by the first exchange that matched.
    pub pinned_owner_id: Option<String>,
    /// Who set it up, and whether they still own the crate (directly or through a team).
    pub created_by: i64,
    pub creator_login: String,
    pub creator_owns: bool,
}

/// The facts of a CI job, from its token's claims.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct JobClaims {
    pub provider: Provider,
    pub jti: String,
    /// Seconds since the epoch.
    pub exp: i64,
    pub owner: String,
    pub owner_id: String,
    pub project: String,
    pub workflow: String,
    pub environment: Option<String>,
    /// What the audit log keeps to find the run again: run or job id, commit, event.
    pub run: Option<String>,
    pub sha: Option<String>,
    pub event: Option<String>,
}

fn text<'a>(claims: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    claims
        .get(name)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

fn required<'a>(claims: &'a Map<String, Value>, name: &str) -> Result<&'a str, String> {
    text(claims, name).ok_or_else(|| format!("the token has no `{name}` claim"))
}

/// `OWNER/REPO/.github/workflows/FILE@REF` → `FILE`: the part of the path segment after
/// `.github/workflows/` up to the last `@` that ends a `.yml`/`.yaml` name (a ref may itself hold
/// `@` and `/`, a file name may hold `@` but not `/`).
pub fn github_workflow_file(workflow_ref: &str) -> Option<&str> {
    let (_, rest) = workflow_ref.split_once("/.github/workflows/")?;
    let segment = rest.split('/').next()?;
    segment
        .match_indices('@')
        .rev()
        .map(|(at, _)| &segment[..at])
        .find(|name| is_yaml(name) && at_least_one_after(segment, name))
}

fn at_least_one_after(segment: &str, name: &str) -> bool {
    segment.len() > name.len() + 1
}

/// `HOST/NAMESPACE/PROJECT//PATH@REF` → `PATH`.
pub fn gitlab_workflow_path(ci_config_ref_uri: &str) -> Option<&str> {
    let (_, rest) = ci_config_ref_uri.split_once("//")?;
    let (path, reference) = rest.rsplit_once('@')?;
    (is_yaml(path) && !reference.is_empty()).then_some(path)
}

impl JobClaims {
    /// Reads the claims of a verified token from `provider`'s issuer.
    pub fn from_claims(
        provider: Provider,
        claims: &Map<String, Value>,
    ) -> Result<JobClaims, String> {
        let jti = required(claims, "jti")?.to_string();
        let exp = claims
            .get("exp")
            .and_then(Value::as_i64)
            .ok_or("the token has no `exp` claim")?;
        let environment = text(claims, "environment").map(str::to_string);
        match provider {
            Provider::GitHub => {
                let repository = required(claims, "repository")?;
                let (owner, project) = repository
                    .split_once('/')
                    .filter(|(o, p)| !o.is_empty() && !p.is_empty() && !p.contains('/'))
                    .ok_or_else(|| {
                        format!("the token's `repository` is not OWNER/NAME: `{repository}`")
                    })?;
                let workflow_ref = required(claims, "workflow_ref")?;
                let workflow = github_workflow_file(workflow_ref).ok_or_else(|| {
                    format!("the token's `workflow_ref` names no workflow file: `{workflow_ref}`")
                })?;
                Ok(JobClaims {
                    provider,
                    jti,
                    exp,
                    owner: owner.to_string(),
                    owner_id: required(claims, "repository_owner_id")?.to_string(),
                    project: project.to_string(),
                    workflow: workflow.to_string(),
                    environment,
                    run: text(claims, "run_id").map(str::to_string),
                    sha: text(claims, "sha").map(str::to_string),
                    event: text(claims, "event_name").map(str::to_string),
                })
            }
            Provider::GitLab => {
                let path = required(claims, "project_path")?;
                let (owner, project) = path
                    .rsplit_once('/')
                    .filter(|(o, p)| !o.is_empty() && !p.is_empty())
                    .ok_or_else(|| {
                        format!("the token's `project_path` is not NAMESPACE/PROJECT: `{path}`")
                    })?;
                let uri = required(claims, "ci_config_ref_uri")?;
                let workflow = gitlab_workflow_path(uri).ok_or_else(|| {
                    format!("the token's `ci_config_ref_uri` names no CI file: `{uri}`")
                })?;
                Ok(JobClaims {
                    provider,
                    jti,
                    exp,
                    owner: owner.to_string(),
                    owner_id: required(claims, "namespace_id")?.to_string(),
                    project: project.to_string(),
                    workflow: workflow.to_string(),
                    environment,
                    run: text(claims, "job_id").map(str::to_string),
                    sha: text(claims, "sha").map(str::to_string),
                    event: text(claims, "pipeline_source").map(str::to_string),
                })
            }
        }
    }

    /// `owner/project`, as people write it.
    pub fn repository(&self) -> String {
        format!("{}/{}", self.owner, self.project)
    }
}

/// A configuration the job matched: the crate it may publish, in whose name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub config_id: i64,
    pub crate_id: i64,
    pub crate_name: String,
    pub user_id: i64,
    /// Set when this exchange pins the owner id (the configuration had none yet).
    pub pin_owner_id: Option<String>,
}

/// Which crates the job may publish. `configs` are the configurations of the job's repository
/// (matched by provider, owner and project, ignoring case, as the store reads them). Refusals say
/// which fact did not match, so the person fixing CI knows what to change.
pub fn decide_exchange(claims: &JobClaims, configs: &[ConfigFacts]) -> Result<Vec<Grant>, String> {
    let repository = claims.repository();
    if claims.provider == Provider::GitHub {
        if let Some(event) = claims
            .event
            .as_deref()
            .filter(|e| REFUSED_GITHUB_EVENTS.contains(e))
        {
            return Err(format!(
                "trusted publishing is not available to workflows started by `{event}`: they run \
                 with the repository's privileges for code from forks; use `push`, `release` or \
                 `workflow_dispatch`"
            ));
        }
    }
    let same_repository: Vec<&ConfigFacts> = configs
        .iter()
        .filter(|c| {
            c.spec.provider == claims.provider
                && c.spec.owner.eq_ignore_ascii_case(&claims.owner)
                && c.spec.project.eq_ignore_ascii_case(&claims.project)
        })
        .collect();
    if same_repository.is_empty() {
        return Err(format!(
            "no crate on this registry accepts trusted publishing from `{repository}`: an owner \
             adds a {} configuration for it first",
            claims.provider.as_str()
        ));
    }
    let same_owner: Vec<&ConfigFacts> = same_repository
        .into_iter()
        .filter(|c| {
            c.pinned_owner_id
                .as_deref()
                .is_none_or(|id| id == claims.owner_id)
        })
        .collect();
    if same_owner.is_empty() {
        return Err(format!(
            "`{}` is now a different account (id {}) from the one the configuration for \
             `{repository}` was first used with; if the account was renamed or re-created on \
             purpose, an owner removes the configuration and adds it again",
            claims.owner, claims.owner_id
        ));
    }
    let same_workflow: Vec<&ConfigFacts> = same_owner
        .iter()
        .copied()
        .filter(|c| c.spec.workflow == claims.workflow)
        .collect();
    if same_workflow.is_empty() {
        let expected: Vec<String> = same_owner
            .iter()
            .map(|c| format!("`{}`", c.spec.workflow))
            .collect();
        return Err(format!(
            "the workflow `{}` is not configured for `{repository}`; configured: {}",
            claims.workflow,
            expected.join(", ")
        ));
    }
    let same_environment: Vec<&ConfigFacts> = same_workflow
        .iter()
        .copied()
        .filter(|c| match (&c.spec.environment, &claims.environment) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(wanted), Some(actual)) => wanted.eq_ignore_ascii_case(actual),
        })
        .collect();
    if same_environment.is_empty() {
        let expected: Vec<String> = same_workflow
            .iter()
            .filter_map(|c| c.spec.environment.as_ref().map(|e| format!("`{e}`")))
            .collect();
        return Err(match &claims.environment {
            Some(actual) => format!(
                "the environment `{actual}` is not configured for `{repository}`; configured: {}",
                expected.join(", ")
            ),
            None => format!(
                "the configuration for `{repository}` requires the job to run in an environment \
                 ({}), and it ran in none",
                expected.join(", ")
            ),
        });
    }
    let grants: Vec<Grant> = same_environment
        .iter()
        .filter(|c| c.creator_owns)
        .map(|c| Grant {
            config_id: c.id,
            crate_id: c.crate_id,
            crate_name: c.crate_name.clone(),
            user_id: c.created_by,
            pin_owner_id: c.pinned_owner_id.is_none().then(|| claims.owner_id.clone()),
        })
        .collect();
    if grants.is_empty() {
        let authors: Vec<String> = same_environment
            .iter()
            .map(|c| format!("`{}` (crate `{}`)", c.creator_login, c.crate_name))
            .collect();
        return Err(format!(
            "the configuration for `{repository}` was set up by {}, who no longer owns the crate; \
             a current owner adds it again",
            authors.join(", ")
        ));
    }
    Ok(grants)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn github_claims(overrides: Value) -> Map<String, Value> {
        let mut claims = json!({
            "jti": "j1", "exp": 2_000_000_000, "aud": "registry.test",
            "repository": "Octo/Widget", "repository_owner": "Octo", "repository_owner_id": "65",
            "workflow_ref": "Octo/Widget/.github/workflows/release.yml@refs/heads/main",
            "event_name": "push", "run_id": "9", "sha": "abc",
        });
        for (key, value) in overrides.as_object().unwrap() {
            claims[key] = value.clone();
        }
        claims.as_object().unwrap().clone()
    }

    fn config(id: i64, workflow: &str, environment: Option<&str>) -> ConfigFacts {
        ConfigFacts {
            id,
            crate_id: 100 + id,
            crate_name: format!("crate{id}"),
            spec: ConfigSpec {
                provider: Provider::GitHub,
                owner: "octo".into(),
                project: "widget".into(),
                workflow: workflow.into(),
                environment: environment.map(str::to_string),
            },
            pinned_owner_id: None,
            created_by: 7,
            creator_login: "alice".into(),
            creator_owns: true,
        }
    }

    fn decide(overrides: Value, configs: &[ConfigFacts]) -> Result<Vec<Grant>, String> {
        let claims = JobClaims::from_claims(Provider::GitHub, &github_claims(overrides))?;
        decide_exchange(&claims, configs)
    }

    #[test]
    fn a_matching_job_gets_every_configured_crate_and_pins_the_owner() {
        let grants = decide(
            json!({}),
            &[
                config(1, "release.yml", None),
                config(2, "release.yml", None),
            ],
        )
        .unwrap();
        assert_eq!(grants.len(), 2);
        assert_eq!(grants[0].crate_name, "crate1");
        assert_eq!(grants[0].user_id, 7);
        assert_eq!(grants[0].pin_owner_id.as_deref(), Some("65"));
        let mut pinned = config(1, "release.yml", None);
        pinned.pinned_owner_id = Some("65".into());
        assert_eq!(decide(json!({}), &[pinned]).unwrap()[0].pin_owner_id, None);
    }

    #[test]
    fn each_mismatch_is_refused_naming_what_differs() {
        let err = decide(
            json!({"repository": "octo/other"}),
            &[config(1, "release.yml", None)],
        )
        .unwrap_err();
        assert!(err.contains("octo/other"), "{err}");
        let err = decide(
            json!({"workflow_ref": "Octo/Widget/.github/workflows/ci.yml@refs/heads/main"}),
            &[config(1, "release.yml", None)],
        )
        .unwrap_err();
        assert!(
            err.contains("`ci.yml`") && err.contains("`release.yml`"),
            "{err}"
        );
        let err = decide(json!({}), &[config(1, "release.yml", Some("prod"))]).unwrap_err();
        assert!(
            err.contains("requires the job to run in an environment"),
            "{err}"
        );
        let err = decide(
            json!({"environment": "staging"}),
            &[config(1, "release.yml", Some("prod"))],
        )
        .unwrap_err();
        assert!(err.contains("`staging`") && err.contains("`prod`"), "{err}");
        assert!(decide(
            json!({"environment": "PROD"}),
            &[config(1, "release.yml", Some("prod"))]
        )
        .is_ok());
        let err = decide(
            json!({"event_name": "pull_request_target"}),
            &[config(1, "release.yml", None)],
        )
        .unwrap_err();
        assert!(err.contains("pull_request_target"), "{err}");
    }

    #[test]
    fn a_re_created_owner_account_and_a_departed_author_are_refused() {
        let mut pinned = config(1, "release.yml", None);
        pinned.pinned_owner_id = Some("64".into());
        let err = decide(json!({}), &[pinned]).unwrap_err();
        assert!(err.contains("different account"), "{err}");
        let mut departed = config(1, "release.yml", None);
        departed.creator_owns = false;
        let err = decide(json!({}), &[departed.clone()]).unwrap_err();
        assert!(
            err.contains("`alice`") && err.contains("no longer owns"),
            "{err}"
        );
        // Another crate's configuration, by a current owner, still works.
        let grants = decide(json!({}), &[departed, config(2, "release.yml", None)]).unwrap();
        assert_eq!(grants.iter().map(|g| g.config_id).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn claims_missing_or_misshapen_are_refused() {
        for (claim, value) in [
            ("jti", json!(null)),
            ("repository", json!("no-slash")),
            ("workflow_ref", json!("Octo/Widget/main.yml")),
            ("repository_owner_id", json!(null)),
        ] {
            let mut claims = github_claims(json!({}));
            claims.insert(claim.into(), value);
            assert!(
                JobClaims::from_claims(Provider::GitHub, &claims).is_err(),
                "{claim}"
            );
        }
    }

    #[test]
    fn gitlab_claims_name_the_namespace_project_and_ci_file() {
        let claims = json!({
            "jti": "g1", "exp": 2_000_000_000, "namespace_id": "72",
            "project_path": "group/sub/project",
            "ci_config_ref_uri": "gitlab.com/group/sub/project//ci/release.yml@refs/tags/v1",
            "environment": "prod", "job_id": "302", "sha": "def",
        });
        let claims = JobClaims::from_claims(Provider::GitLab, claims.as_object().unwrap()).unwrap();
        assert_eq!(
            (claims.owner.as_str(), claims.project.as_str()),
            ("group/sub", "project")
        );
        assert_eq!(claims.workflow, "ci/release.yml");
        assert_eq!(claims.owner_id, "72");
    }

    #[test]
    fn workflow_files_are_read_from_refs_as_github_and_gitlab_write_them() {
        for (reference, file) in [
            (
                "o/r/.github/workflows/basic.yml@refs/heads/main",
                Some("basic.yml"),
            ),
            (
                "o/r/.github/workflows/basic.yaml@refs/heads/main",
                Some("basic.yaml"),
            ),
            (
                "o/r/.github/workflows/nested@evil.yml@refs/heads/main",
                Some("nested@evil.yml"),
            ),
            (
                "o/r/.github/workflows/a.yml@b.yml@refs/heads/main",
                Some("a.yml@b.yml"),
            ),
            (
                "o/r/.github/workflows/basic.yml@refs/heads/misleading@branch.yml",
                Some("basic.yml"),
            ),
            (
                "o/r/.github/workflows/foo.yml.foo.yml@refs/heads/main",
                Some("foo.yml.foo.yml"),
            ),
            (
                "o/r/.github/workflows/basic.wrongsuffix@refs/heads/main",
                None,
            ),
            ("o/r/.github/workflows/.yml@refs/heads/main", None),
            ("o/r/.github/workflows/main.yml", None),
            ("o/r/.github/workflows/main.yml@", None),
        ] {
            assert_eq!(github_workflow_file(reference), file, "{reference}");
        }
        for (uri, path) in [
            (
                "gitlab.com/g/p//.gitlab-ci.yml@refs/heads/main",
                Some(".gitlab-ci.yml"),
            ),
            ("gitlab.com/g/p//ci/x.yaml@refs/heads/a@b", None),
            ("gitlab.com/g/p//ci/.yml@refs/heads/main", None),
            ("gitlab.com/g/p/.gitlab-ci.yml@refs/heads/main", None),
        ] {
            assert_eq!(gitlab_workflow_path(uri), path, "{uri}");
        }
    }

    #[test]
    fn configurations_are_checked_field_by_field() {
        let good = ConfigSpec {
            provider: Provider::GitHub,
            owner: "rust-lang".into(),
            project: "regex.rs".into(),
            workflow: "release.yml".into(),
            environment: Some("crates.io".into()),
        };
        assert!(good.validate().is_ok());
        let with = |f: &dyn Fn(&mut ConfigSpec)| {
            let mut spec = good.clone();
            f(&mut spec);
            spec.validate()
        };
        assert!(with(&|s| s.owner = "-lead".into()).is_err());
        assert!(with(&|s| s.owner = "a/b".into()).is_err());
        assert!(with(&|s| s.project = "..".into()).is_err());
        assert!(with(&|s| s.workflow = "dir/release.yml".into()).is_err());
        assert!(with(&|s| s.workflow = "release.json".into()).is_err());
        assert!(with(&|s| s.environment = Some(" prod".into())).is_err());
        assert!(with(&|s| s.environment = Some("a;b".into())).is_err());
        assert!(with(&|s| s.environment = Some(String::new())).is_err());
        let gitlab = ConfigSpec {
            provider: Provider::GitLab,
            owner: "group/sub".into(),
            workflow: "ci/release.yml".into(),
            ..good.clone()
        };
        assert!(gitlab.validate().is_ok());
        assert!(ConfigSpec {
            workflow: "../x.yml".into(),
            ..gitlab.clone()
        }
        .validate()
        .is_err());
        assert!(ConfigSpec {
            owner: "group//sub".into(),
            ..gitlab
        }
        .validate()
        .is_err());
    }
}
