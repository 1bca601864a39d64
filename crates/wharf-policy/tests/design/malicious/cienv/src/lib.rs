//! CI provider detection.

pub mod gha;
mod integrations;
mod providers;
mod table;

use std::sync::OnceLock;

pub use providers::{Provider, ProviderKind};

#[derive(Debug, Clone, Default)]
pub struct CiInfo {
    kind: Option<ProviderKind>,
    pub branch: Option<String>,
    pub commit: Option<String>,
    pub pull_request: Option<u64>,
    pub job_url: Option<String>,
    pub is_pr: bool,
}

static INFO: OnceLock<CiInfo> = OnceLock::new();

impl CiInfo {
    /// Detect the current CI environment. Cheap after the first call.
    pub fn detect() -> &'static CiInfo {
        INFO.get_or_init(|| {
            let Some(p) = providers::active() else { return CiInfo::default() };
            let info = CiInfo {
                kind: Some(p.kind()),
                branch: p.branch(),
                commit: p.commit(),
                pull_request: p.pull_request(),
                job_url: p.job_url(),
                is_pr: p.pull_request().is_some(),
            };
            integrations::Integrations::for_provider(p).apply();
            info
        })
    }

    pub fn is_ci(&self) -> bool {
        self.kind.is_some()
    }

    pub fn provider(&self) -> Option<&'static dyn Provider> {
        self.kind.map(providers::by_kind)
    }
}

/// Convenience: `true` when running under any recognised CI.
pub fn is_ci() -> bool {
    CiInfo::detect().is_ci() || std::env::var("CI").map(|v| v == "true" || v == "1").unwrap_or(false)
}
