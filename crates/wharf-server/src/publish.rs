//! `PUT /api/v1/crates/new`: cargo's publish request, split into its metadata and `.crate` file and
//! handed to [`wharf_registry::Registry::publish`], whose warnings go back in cargo's shape.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::wire::{PublishResponse, PublishWarnings};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
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

pub async fn publish(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> ApiResult<Json<PublishResponse>> {
    let (json, tarball) = split_frame(&body, &state)?;
    let metadata = PublishMetadata::from_json(&json)
        .map_err(|e| ApiError::bad_request(format!("invalid publish metadata: {e}")))?;
    let published = state
        .publish(&caller.principal(), metadata, tarball)
        .await?;
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
