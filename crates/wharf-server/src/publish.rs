//! `PUT /api/v1/crates/new`: cargo's publish request, split into its metadata and `.crate` file and
//! handed to [`wharf_registry::Registry::publish`], whose warnings go back in cargo's shape.

use crate::auth::{token_from_headers, Caller, ClientAddress};
use crate::error::{ApiError, ApiResult};
use crate::wire::{ErrorResponse, PublishResponse, PublishWarnings};
use crate::AppState;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use wharf_index::publish::{FrameLimits, PublishMetadata};

/// Splits cargo's frame (see [`wharf_index::publish`]) within the configured limits. The parts are
/// views into the body, not copies.
fn split_frame(body: &Bytes, state: &AppState) -> ApiResult<(Bytes, Bytes)> {
    let limits = FrameLimits {
        max_metadata_size: state.config.max_json_size,
        max_tarball_size: state.config.max_upload_size,
    };
    let frame = wharf_index::publish::split_frame(body, &limits).map_err(|e| {
        if e.is_too_large() {
            ApiError::too_large(e.to_string())
        } else {
            ApiError::bad_request(e.to_string())
        }
    })?;
    Ok((
        body.slice_ref(frame.metadata),
        body.slice_ref(frame.tarball),
    ))
}

/// Whether `E` is somewhere in the chain of `error`'s causes.
fn caused_by<E: std::error::Error + 'static>(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(error) = cause {
        if error.is::<E>() {
            return true;
        }
        cause = error.source();
    }
    false
}

/// Who publishes: an account with its API token, or a CI job with the token its JWT was exchanged
/// for (whose account and rights depend on the crate, known once the metadata is read).
pub enum Publisher {
    Account(Box<Caller>),
    CiJob { secret: String, ip: Option<String> },
}

impl axum::extract::FromRequestParts<AppState> for Publisher {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Publisher, ApiError> {
        if let Some(secret) = token_from_headers(&parts.headers)
            .filter(|secret| wharf_registry::is_trusted_publishing_token(secret))
        {
            // Checked before the upload is read, so a dead token does not wait for one.
            if !state.trusted_publishing_token_is_live(secret).await? {
                return Err(ApiError::forbidden(
                    "the trusted publishing token is invalid, expired or revoked: exchange a new \
                     JWT from the CI job",
                ));
            }
            let ip = parts.extensions.get::<ClientAddress>().and_then(|a| a.0);
            return Ok(Publisher::CiJob {
                secret: secret.to_string(),
                ip: ip.map(|ip| ip.to_string()),
            });
        }
        Caller::from_request_parts(parts, state)
            .await
            .map(|caller| Publisher::Account(Box::new(caller)))
    }
}

/// The most bytes a publish request may carry: the metadata, the `.crate` file and two lengths.
pub(crate) fn body_limit(state: &AppState) -> u64 {
    state.config.max_upload_size + state.config.max_json_size + 8
}

#[utoipa::path(
    put,
    path = "/api/v1/crates/new",
    tag = "publish",
    request_body(content = Vec<u8>, description = "cargo's publish frame: a 32-bit little-endian length and the JSON metadata, then a 32-bit length and the `.crate` file", content_type = "application/octet-stream"),
    responses((status = 200, description = "Published; `warnings` lists what cargo should print", body = PublishResponse), (status = 202, description = "Stored but held for review by the usage policy: not in the index until a moderator releases it (an error answer, so cargo stops and prints why)", body = ErrorResponse)),
    security(("cargo_token" = []))
)]
pub async fn publish(
    State(state): State<AppState>,
    publisher: Publisher,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<PublishResponse>> {
    let limit = body_limit(&state);
    let too_large = || {
        ApiError::too_large(format!(
            "the publish request is larger than this registry accepts ({limit} bytes)"
        ))
    };
    // A declared length over the limit is refused before anything is read or waited for.
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(too_large());
    }
    // The turn is taken before the body is read: uploads waiting for one stay in the client's
    // socket, not in this process's memory.
    let slot = state.publish_slot().await?;
    let upload_timeout = state.config.upload_timeout;
    let arriving = axum::body::to_bytes(body, limit as usize);
    let body = tokio::time::timeout(upload_timeout, arriving)
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the upload did not arrive within {} seconds; nothing was published",
                    upload_timeout.as_secs()
                ),
            )
        })?
        .map_err(|error| {
            if caused_by::<http_body_util::LengthLimitError>(&error) {
                too_large()
            } else if caused_by::<tower_http::timeout::TimeoutError>(&error) {
                ApiError::new(
                    StatusCode::REQUEST_TIMEOUT,
                    "the upload stalled; nothing was published",
                )
            } else {
                ApiError::bad_request(format!("the publish request could not be read: {error}"))
            }
        })?;
    let (json, tarball) = split_frame(&body, &state)?;
    let metadata = PublishMetadata::from_json(&json)
        .map_err(|e| ApiError::bad_request(format!("invalid publish metadata: {e}")))?;
    let principal = match publisher {
        Publisher::Account(caller) => caller.principal(),
        Publisher::CiJob { secret, ip } => {
            state.trusted_publisher(&secret, &metadata.name, ip).await?
        }
    };
    let published = state.publish(&slot, &principal, metadata, tarball).await?;
    if published.held {
        // cargo waits for a published version to reach the index, and a held one never does
        // until moderators release it: answering with an error (202: stored, not published) makes
        // cargo stop at once and print why.
        let mut reasons = published.warnings.other;
        reasons.rotate_right(1);
        return Err(ApiError::new(StatusCode::ACCEPTED, reasons.join("; ")));
    }
    // Findings that did not stop the publish are reported as warnings, which cargo prints.
    Ok(Json(PublishResponse {
        warnings: PublishWarnings {
            invalid_categories: published.warnings.invalid_categories,
            invalid_badges: [],
            other: published.warnings.other,
        },
    }))
}
