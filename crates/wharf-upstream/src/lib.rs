//! The client side of Wharf's pull-through proxy: another registry's sparse index files and
//! `.crate` files, fetched as cargo would fetch them.
//!
//! This crate only talks to the upstream and checks what comes back (the `.crate` against the
//! checksum of its index line, the size against a limit). What to keep, what to serve and what the
//! policy thinks of it is the use-case layer's business (`wharf-registry`'s `upstream` module).

mod lines;

pub use lines::{dependencies, entries, filter_index_file, index_entry, IndexEntry};

use bytes::Bytes;
use sha2::{Digest, Sha256};
use std::time::Duration;
use tokio::sync::OnceCell;

/// How long a request to the upstream may take, connection included. A proxy that waits longer
/// keeps cargo waiting too; the cached copy is served instead.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The largest index file accepted from the upstream (crates.io's largest are a few MiB).
const MAX_INDEX_FILE: u64 = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum UpstreamError {
    /// The upstream could not be reached or did not answer in time; a cached copy may do.
    #[error("the upstream registry could not be reached: {0}")]
    Unreachable(String),
    /// It answered, but not as a registry does.
    #[error("the upstream registry answered unexpectedly: {0}")]
    Unexpected(String),
    /// The `.crate` is not the file its index line describes.
    #[error("the upstream's `.crate` file does not match its index (sha256 {actual}, the index says {expected})")]
    ChecksumMismatch { expected: String, actual: String },
    /// The `.crate` is larger than this registry accepts.
    #[error("the upstream's `.crate` file is larger than {limit} bytes")]
    TooLarge { limit: u64 },
}

/// What asking the upstream for an index file found.
#[derive(Debug, PartialEq, Eq)]
pub enum IndexFetch {
    /// The copy whose entity tag was sent is current.
    NotModified,
    /// The file, and its entity tag when the upstream sent one.
    Found { body: String, etag: Option<String> },
    /// The upstream has no crate of that name.
    Missing,
}

/// An upstream registry with a sparse index (`sparse+https://index.crates.io/`, or another Wharf).
pub struct UpstreamRegistry {
    /// The index's base URL, ending in `/`.
    index_url: url::Url,
    /// The URL as configured, for messages.
    configured: String,
    client: reqwest::Client,
    /// The upstream's `config.json`, read once.
    config: OnceCell<IndexConfig>,
}

/// What the proxy reads of an upstream's `config.json`.
#[derive(Debug, Clone, serde::Deserialize)]
struct IndexConfig {
    /// The download URL template.
    dl: String,
    /// The web API's base URL, when the registry has one (crates.io's API shapes).
    api: Option<String>,
}

/// The upstream's owners of a crate, as `user:LOGIN` and `team:LOGIN`.
#[derive(Debug, serde::Deserialize)]
struct OwnersResponse {
    users: Vec<Owner>,
}

#[derive(Debug, serde::Deserialize)]
struct Owner {
    login: String,
    #[serde(default)]
    kind: Option<String>,
}

impl UpstreamRegistry {
    /// An upstream at `url`: a sparse index URL, with or without cargo's `sparse+` prefix.
    pub fn new(url: &str) -> Result<UpstreamRegistry, UpstreamError> {
        let bare = url.strip_prefix("sparse+").unwrap_or(url);
        let mut index_url = url::Url::parse(bare).map_err(|e| {
            UpstreamError::Unexpected(format!("`{url}` is not a sparse index URL: {e}"))
        })?;
        if !matches!(index_url.scheme(), "http" | "https") {
            return Err(UpstreamError::Unexpected(format!(
                "`{url}` is not a sparse index URL: only http and https upstreams can be proxied"
            )));
        }
        if !index_url.path().ends_with('/') {
            index_url.set_path(&format!("{}/", index_url.path()));
        }
        let client = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT)
            .user_agent(concat!(
                "wharf/",
                env!("CARGO_PKG_VERSION"),
                " (pull-through proxy)"
            ))
            .build()
            .map_err(|e| UpstreamError::Unexpected(e.to_string()))?;
        Ok(UpstreamRegistry {
            index_url,
            configured: url.to_string(),
            client,
            config: OnceCell::new(),
        })
    }

    /// The URL as configured.
    pub fn url(&self) -> &str {
        &self.configured
    }

    /// The index file of `name`; `etag` is the entity tag of the copy held, if any, so an
    /// unchanged file costs the upstream a 304.
    pub async fn index_file(
        &self,
        name: &str,
        etag: Option<&str>,
    ) -> Result<IndexFetch, UpstreamError> {
        let url = self
            .index_url
            .join(&wharf_index::index_path(&name.to_ascii_lowercase()))
            .map_err(|e| UpstreamError::Unexpected(e.to_string()))?;
        let mut request = self.client.get(url);
        if let Some(etag) = etag {
            request = request.header(reqwest::header::IF_NONE_MATCH, etag);
        }
        let response = request.send().await.map_err(unreachable)?;
        match response.status() {
            reqwest::StatusCode::NOT_MODIFIED => Ok(IndexFetch::NotModified),
            // A sparse index answers 404 for a name it does not have; crates.io's CDN may say
            // 403 or 410 for one that was deleted, and a private one 451.
            reqwest::StatusCode::NOT_FOUND
            | reqwest::StatusCode::GONE
            | reqwest::StatusCode::FORBIDDEN
            | reqwest::StatusCode::UNAVAILABLE_FOR_LEGAL_REASONS => Ok(IndexFetch::Missing),
            status if status.is_success() => {
                let etag = response
                    .headers()
                    .get(reqwest::header::ETAG)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string);
                let body = read_limited(response, MAX_INDEX_FILE).await?;
                let body = String::from_utf8(body.to_vec())
                    .ok()
                    // Index lines are JSON, which never holds a raw NUL; PostgreSQL's text cannot.
                    .filter(|body| !body.contains('\0'))
                    .ok_or_else(|| {
                        UpstreamError::Unexpected(format!(
                            "the index file of `{name}` is not UTF-8 text"
                        ))
                    })?;
                Ok(IndexFetch::Found { body, etag })
            }
            status if status.is_server_error() => Err(UpstreamError::Unreachable(format!(
                "{status} for the index file of `{name}`"
            ))),
            status => Err(UpstreamError::Unexpected(format!(
                "{status} for the index file of `{name}`"
            ))),
        }
    }

    /// The `.crate` file of `name` `version`, checked against `checksum` (the sha256 of its index
    /// line) and refused beyond `max_size` bytes.
    pub async fn download(
        &self,
        name: &str,
        version: &str,
        checksum: &str,
        max_size: u64,
    ) -> Result<Bytes, UpstreamError> {
        let config = self.config().await?;
        let url = download_url(&config.dl, name, version, checksum);
        let response = self.client.get(&url).send().await.map_err(unreachable)?;
        let status = response.status();
        if status.is_server_error() {
            return Err(UpstreamError::Unreachable(format!(
                "{status} for {name} {version}'s `.crate` file"
            )));
        }
        if !status.is_success() {
            return Err(UpstreamError::Unexpected(format!(
                "{status} for {name} {version}'s `.crate` file"
            )));
        }
        let bytes = read_limited(response, max_size).await?;
        let actual = hex::encode(Sha256::digest(&bytes));
        if !actual.eq_ignore_ascii_case(checksum) {
            return Err(UpstreamError::ChecksumMismatch {
                expected: checksum.to_string(),
                actual,
            });
        }
        Ok(bytes)
    }

    /// The owners of `name` on the upstream (`user:LOGIN`, `team:LOGIN`), from its web API in
    /// crates.io's shape; `None` when the upstream has no API or no such crate.
    pub async fn owners(&self, name: &str) -> Result<Option<Vec<String>>, UpstreamError> {
        let Some(api) = &self.config().await?.api else {
            return Ok(None);
        };
        let url = format!("{}/api/v1/crates/{name}/owners", api.trim_end_matches('/'));
        let response = self.client.get(&url).send().await.map_err(unreachable)?;
        let status = response.status();
        if status.is_server_error() {
            return Err(UpstreamError::Unreachable(format!(
                "{status} for the owners of `{name}`"
            )));
        }
        if !status.is_success() {
            return Ok(None);
        }
        let body = read_limited(response, 1024 * 1024).await?;
        let owners: OwnersResponse = serde_json::from_slice(&body)
            .map_err(|e| UpstreamError::Unexpected(format!("the owners of `{name}`: {e}")))?;
        let mut owners: Vec<String> = owners
            .users
            .into_iter()
            .map(|owner| {
                let kind = owner.kind.unwrap_or_else(|| "user".into());
                format!("{kind}:{}", owner.login.to_ascii_lowercase())
            })
            .collect();
        owners.sort();
        owners.dedup();
        Ok(Some(owners))
    }

    async fn config(&self) -> Result<&IndexConfig, UpstreamError> {
        self.config.get_or_try_init(|| self.read_config()).await
    }

    async fn read_config(&self) -> Result<IndexConfig, UpstreamError> {
        let url = self
            .index_url
            .join("config.json")
            .map_err(|e| UpstreamError::Unexpected(e.to_string()))?;
        let response = self.client.get(url).send().await.map_err(unreachable)?;
        let status = response.status();
        if status.is_server_error() {
            return Err(UpstreamError::Unreachable(format!(
                "{status} for config.json"
            )));
        }
        if !status.is_success() {
            return Err(UpstreamError::Unexpected(format!(
                "{status} for config.json"
            )));
        }
        // A `config.json` beyond a MiB is no registry's: said so, never taken for a large crate.
        let body = read_limited(response, 1024 * 1024)
            .await
            .map_err(|error| match error {
                UpstreamError::TooLarge { .. } => {
                    UpstreamError::Unexpected("its config.json is larger than 1 MiB".into())
                }
                other => other,
            })?;
        serde_json::from_slice(&body)
            .map_err(|e| UpstreamError::Unexpected(format!("its config.json: {e}")))
    }
}

fn unreachable(error: reqwest::Error) -> UpstreamError {
    UpstreamError::Unreachable(error.to_string())
}

/// The body of `response`, refused once it passes `limit` bytes (a declared length beyond it is
/// refused before anything is read).
async fn read_limited(mut response: reqwest::Response, limit: u64) -> Result<Bytes, UpstreamError> {
    if response
        .content_length()
        .is_some_and(|length| length > limit)
    {
        return Err(UpstreamError::TooLarge { limit });
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(unreachable)? {
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(UpstreamError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(body))
}

/// Where a version's `.crate` is, from the `dl` of the registry's `config.json`, as cargo reads
/// it: the markers `{crate}`, `{version}`, `{prefix}`, `{lowerprefix}` and `{sha256-checksum}`
/// are replaced; a template with none of them gets `/{crate}/{version}/download` appended.
pub fn download_url(template: &str, name: &str, version: &str, checksum: &str) -> String {
    const MARKERS: [&str; 5] = [
        "{crate}",
        "{version}",
        "{prefix}",
        "{lowerprefix}",
        "{sha256-checksum}",
    ];
    if !MARKERS.iter().any(|marker| template.contains(marker)) {
        return format!(
            "{}/{name}/{version}/download",
            template.trim_end_matches('/')
        );
    }
    let prefix = cargo_prefix(name);
    template
        .replace("{crate}", name)
        .replace("{version}", version)
        .replace("{lowerprefix}", &prefix.to_ascii_lowercase())
        .replace("{prefix}", &prefix)
        .replace("{sha256-checksum}", checksum)
}

/// cargo's `{prefix}`: the index file's directory for the name as spelt (`1`, `2`, `3/S`, `Se/rd`).
fn cargo_prefix(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "1".to_string(),
        2 => "2".to_string(),
        3 => format!("3/{}", chars[0]),
        _ => format!(
            "{}/{}",
            chars[..2].iter().collect::<String>(),
            chars[2..4].iter().collect::<String>()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_urls_follow_cargos_template_rules() {
        assert_eq!(
            download_url("https://static.crates.io/crates", "serde", "1.0.0", "ab"),
            "https://static.crates.io/crates/serde/1.0.0/download"
        );
        assert_eq!(
            download_url("http://127.0.0.1:1/api/v1/crates/", "a", "0.1.0", "ab"),
            "http://127.0.0.1:1/api/v1/crates/a/0.1.0/download"
        );
        assert_eq!(
            download_url(
                "https://x.test/{prefix}/{lowerprefix}/{crate}/{crate}-{version}.crate?s={sha256-checksum}",
                "Serde",
                "1.2.3",
                "ff"
            ),
            "https://x.test/Se/rd/se/rd/Serde/Serde-1.2.3.crate?s=ff"
        );
        assert_eq!(
            download_url("https://x.test/{prefix}/{crate}", "abc", "1.0.0", "ff"),
            "https://x.test/3/a/abc"
        );
    }

    #[test]
    fn upstream_urls_must_be_http() {
        assert!(UpstreamRegistry::new("sparse+https://index.crates.io/").is_ok());
        assert!(UpstreamRegistry::new("http://127.0.0.1:9/index").is_ok());
        assert!(UpstreamRegistry::new("file:///srv/index").is_err());
        assert!(UpstreamRegistry::new("not a url").is_err());
    }
}
