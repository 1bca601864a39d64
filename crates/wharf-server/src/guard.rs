//! The API's front door: clients must say who they are (a User-Agent), and each client address gets
//! a bounded rate of API requests — the crawler policy. Index files and downloads are exempt: cargo
//! fetches many of them at once, and they are cheap to serve.

use crate::auth::{client_address, ClientAddress};
use crate::error::ApiError;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use wharf_registry::{AddressLimiter, ApiRate};

/// The per-address limit on API requests (see [`AddressLimiter`] for how it is shared).
pub fn api_limiter(rate: ApiRate, db: &wharf_store::Db) -> AddressLimiter {
    let per_second = rate.per_second.max(1);
    AddressLimiter::new("api", rate.burst, Duration::from_secs(1) / per_second, db)
}

/// Whether a path is part of the API the guard protects.
fn is_guarded(path: &str) -> bool {
    path.starts_with("/api/") && !path.ends_with("/download")
}

/// Whether the path or the query, decoded, holds a NUL: no name, login or parameter can, and
/// PostgreSQL refuses to compare text that does (SQLite would quietly find nothing).
fn holds_nul(uri: &axum::http::Uri) -> bool {
    let decoded_nul = |text: &str| {
        url::form_urlencoded::parse(text.as_bytes())
            .any(|(key, value)| key.contains('\0') || value.contains('\0'))
    };
    // The path is decoded the way the query is, `+` aside, which cannot make or hide a NUL.
    decoded_nul(uri.path()) || uri.query().is_some_and(decoded_nul)
}

pub async fn api_guard(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let address = client_address(&state, &request);
    request.extensions_mut().insert(ClientAddress(address));
    if !is_guarded(request.uri().path()) {
        return next.run(request).await;
    }
    if holds_nul(request.uri()) {
        return ApiError::bad_request(
            "the address holds a NUL character (%00), which no name or parameter can contain",
        )
        .into_response();
    }
    let has_user_agent = request
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| !v.trim().is_empty());
    if !has_user_agent {
        return ApiError::forbidden(
            "requests to the API must identify their client with a User-Agent header, such as \
             `my-tool/1.0 (contact@example.org)`, so that its operator can be reached",
        )
        .into_response();
    }
    if let Some(address) = address {
        if let Err(seconds) = state.serving.api_limiter.check(address).await {
            return ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "too many API requests from your address: at most {} per second are allowed; \
                     try again in {seconds} seconds",
                    state.config.api_rate.per_second
                ),
            )
            .with_header(header::RETRY_AFTER, &seconds.to_string())
            .into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_anywhere_in_the_address_is_found_and_nothing_else_is() {
        let nul = |uri: &str| holds_nul(&uri.parse().unwrap());
        assert!(nul("/api/v1/crates/a%00b"));
        assert!(nul("/api/v1/admin/audit?action=x%00y"));
        assert!(nul("/api/v1/crates?q%00=x"));
        assert!(!nul("/api/v1/crates?q=%2500&page=2"));
        assert!(!nul("/api/v1/crates/serde_json/1.0.0"));
        assert!(!nul("/api/v1/crates?q=caf%C3%A9"));
    }
}
