//! Library half of `cargo depconf`.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::{Context, Result};
use cargo_metadata::{DependencyKind, Metadata, MetadataCommand};
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    WorkspaceMember,
    Path,
    Git(String),
    Registry(String),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::WorkspaceMember => f.write_str("workspace"),
            Source::Path => f.write_str("path"),
            Source::Git(u) => write!(f, "git:{u}"),
            Source::Registry(r) => write!(f, "registry:{r}"),
        }
    }
}

/// Collect every dependency name that does *not* come from the default public registry.
pub fn internal_names(manifest: Option<&std::path::Path>) -> Result<BTreeMap<String, Source>> {
    let mut cmd = MetadataCommand::new();
    if let Some(m) = manifest {
        cmd.manifest_path(m);
    }
    let md: Metadata = cmd.no_deps().exec().context("running cargo metadata")?;
    let mut out = BTreeMap::new();
    for pkg in md.workspace_packages() {
        // `publish = false` (empty list) or a private-registry-only list marks an internal crate.
        if pkg.publish.as_ref().map_or(false, |p| !p.iter().any(|r| r == "crates-io")) {
            out.insert(pkg.name.clone(), Source::WorkspaceMember);
        }
        for dep in &pkg.dependencies {
            if dep.kind == DependencyKind::Development && dep.path.is_none() && dep.registry.is_none() {
                continue;
            }
            let src = if dep.path.is_some() {
                Source::Path
            } else if let Some(r) = &dep.registry {
                Source::Registry(r.clone())
            } else if let Some(s) = dep.source.as_deref().filter(|s| s.starts_with("git+")) {
                Source::Git(s.trim_start_matches("git+").to_owned())
            } else {
                continue;
            };
            out.entry(dep.name.clone()).or_insert(src);
        }
    }
    Ok(out)
}

#[derive(Debug, Clone)]
pub enum Public {
    Free,
    Claimed { max_version: String, owners: Vec<String> },
    Unknown(String),
}

#[derive(Deserialize)]
struct CrateResp {
    #[serde(rename = "crate")]
    krate: CrateInfo,
}
#[derive(Deserialize)]
struct CrateInfo {
    max_version: String,
}
#[derive(Deserialize)]
struct OwnersResp {
    users: Vec<Owner>,
}
#[derive(Deserialize)]
struct Owner {
    login: String,
}

pub struct RegistryClient {
    api: String,
    agent: ureq::Agent,
}

impl RegistryClient {
    /// `api` is the base of a crates.io-compatible web API, e.g. `https://registry.example.com/api/v1`.
    pub fn new(api: &str) -> Self {
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(15))
            .user_agent(concat!("depconf-audit/", env!("CARGO_PKG_VERSION"), " (+https://git.example.org/depconf-audit)"))
            .build();
        Self { api: api.trim_end_matches('/').to_owned(), agent }
    }

    pub fn lookup(&self, name: &str) -> Public {
        let url = format!("{}/crates/{}", self.api, name);
        match self.agent.get(&url).call() {
            Ok(r) => match r.into_json::<CrateResp>() {
                Ok(c) => Public::Claimed { max_version: c.krate.max_version, owners: self.owners(name) },
                Err(e) => Public::Unknown(e.to_string()),
            },
            Err(ureq::Error::Status(404, _)) => Public::Free,
            Err(e) => Public::Unknown(e.to_string()),
        }
    }

    fn owners(&self, name: &str) -> Vec<String> {
        let url = format!("{}/crates/{}/owners", self.api, name);
        self.agent
            .get(&url)
            .call()
            .ok()
            .and_then(|r| r.into_json::<OwnersResp>().ok())
            .map(|o| o.users.into_iter().map(|u| u.login).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn source_display() {
        assert_eq!(Source::Registry("corp".into()).to_string(), "registry:corp");
    }
}
