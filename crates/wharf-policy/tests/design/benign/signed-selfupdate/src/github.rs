use crate::Error;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Asset {
    pub name: String,
    pub size: u64,
    pub browser_download_url: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Release {
    pub tag_name: String,
    #[serde(default)]
    pub prerelease: bool,
    #[serde(default)]
    pub assets: Vec<Asset>,
}

impl Release {
    pub fn asset(&self, name: &str) -> Option<&Asset> {
        self.assets.iter().find(|a| a.name == name)
    }
}

pub(crate) fn latest(agent: &ureq::Agent, base: &str, owner: &str, repo: &str) -> Result<Release, Error> {
    let url = format!("{base}/repos/{owner}/{repo}/releases/latest");
    agent
        .get(&url)
        .set("Accept", "application/vnd.github+json")
        .set("User-Agent", concat!("signed-selfupdate/", env!("CARGO_PKG_VERSION")))
        .call()
        .map_err(|e| Error::Http(e.to_string()))?
        .into_json::<Release>()
        .map_err(|e| Error::Http(e.to_string()))
}
