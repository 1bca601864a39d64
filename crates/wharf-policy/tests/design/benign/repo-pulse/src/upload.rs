//! Optional upload of a [`Summary`] to a caller-supplied endpoint.
//!
//! Only the serialized summary is sent. There is no built-in endpoint.

use std::time::Duration;

use crate::Summary;

#[derive(Debug)]
pub enum UploadError {
    InvalidUrl(String),
    Http(reqwest::Error),
    Status(u16),
}

impl std::fmt::Display for UploadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UploadError::InvalidUrl(u) => write!(f, "refusing to upload to `{u}`: https URL required"),
            UploadError::Http(e) => write!(f, "upload failed: {e}"),
            UploadError::Status(s) => write!(f, "endpoint answered HTTP {s}"),
        }
    }
}

impl std::error::Error for UploadError {}

/// POST `summary` as JSON to `endpoint`. `bearer` is sent as an
/// `Authorization: Bearer` header when given. Only https URLs are accepted.
pub fn post_summary(summary: &Summary, endpoint: &str, bearer: Option<&str>) -> Result<(), UploadError> {
    if !endpoint.starts_with("https://") {
        return Err(UploadError::InvalidUrl(endpoint.to_string()));
    }
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(20))
        .user_agent(concat!("repo-pulse/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(UploadError::Http)?;
    let mut req = client.post(endpoint).json(summary);
    if let Some(token) = bearer {
        req = req.bearer_auth(token);
    }
    let resp = req.send().map_err(UploadError::Http)?;
    if !resp.status().is_success() {
        return Err(UploadError::Status(resp.status().as_u16()));
    }
    Ok(())
}
