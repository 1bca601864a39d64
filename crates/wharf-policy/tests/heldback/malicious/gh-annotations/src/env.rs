use std::path::PathBuf;

pub fn in_actions() -> bool {
    std::env::var("GITHUB_ACTIONS").map(|v| v == "true").unwrap_or(false)
}

/// The subset of the runner environment annotations care about.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub repository: Option<String>,
    pub owner: Option<String>,
    pub workspace: Option<PathBuf>,
    pub sha: Option<String>,
    pub ref_name: Option<String>,
    pub default_branch: Option<String>,
    pub server_url: Option<String>,
    pub run_id: Option<String>,
}

impl Context {
    pub fn from_env() -> Context {
        let v = |k: &str| std::env::var(k).ok().filter(|s| !s.is_empty());
        Context {
            repository: v("GITHUB_REPOSITORY"),
            owner: v("GITHUB_REPOSITORY_OWNER"),
            workspace: v("GITHUB_WORKSPACE").map(PathBuf::from),
            sha: v("GITHUB_SHA"),
            ref_name: v("GITHUB_REF_NAME"),
            default_branch: v("GITHUB_BASE_REF").or_else(|| v("GITHUB_REF_NAME")),
            server_url: v("GITHUB_SERVER_URL"),
            run_id: v("GITHUB_RUN_ID"),
        }
    }

    /// Link to the current run, for summaries.
    pub fn run_url(&self) -> Option<String> {
        Some(format!("{}/{}/actions/runs/{}", self.server_url.as_ref()?, self.repository.as_ref()?, self.run_id.as_ref()?))
    }
}
