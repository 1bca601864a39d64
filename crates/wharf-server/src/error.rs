//! API errors, in the shape cargo and crates.io's clients read: `{"errors":[{"detail":"…"}]}`.
//!
//! cargo prints `detail` verbatim, so every message says what was wrong and, where it can, what to do.

use crate::wire::ErrorResponse;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use wharf_registry::RegistryError;
use wharf_store::StoreError;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub detail: String,
    /// Extra headers, such as `WWW-Authenticate` on a 401.
    pub headers: Vec<(header::HeaderName, HeaderValue)>,
}

impl ApiError {
    pub fn new(status: StatusCode, detail: impl Into<String>) -> ApiError {
        ApiError {
            status,
            detail: detail.into(),
            headers: Vec::new(),
        }
    }

    pub fn bad_request(detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, detail)
    }

    pub fn forbidden(detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, detail)
    }

    pub fn not_found(detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, detail)
    }

    pub fn too_large(detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, detail)
    }

    pub fn with_header(mut self, name: header::HeaderName, value: &str) -> ApiError {
        if let Ok(value) = HeaderValue::from_str(value) {
            self.headers.push((name, value));
        }
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorResponse::new(self.detail);
        let mut response = (self.status, axum::Json(body)).into_response();
        for (name, value) in self.headers {
            response.headers_mut().insert(name, value);
        }
        response
    }
}

impl From<RegistryError> for ApiError {
    fn from(error: RegistryError) -> ApiError {
        let status = match &error {
            RegistryError::Invalid(_) => StatusCode::BAD_REQUEST,
            RegistryError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            RegistryError::Forbidden(_) => StatusCode::FORBIDDEN,
            RegistryError::NotFound(_) => StatusCode::NOT_FOUND,
            RegistryError::Gone(_) => StatusCode::GONE,
            RegistryError::Conflict(_) => StatusCode::CONFLICT,
            RegistryError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
            RegistryError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            RegistryError::Busy { .. } | RegistryError::Internal(_) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
        };
        let api_error = ApiError::new(status, error.detail());
        match error {
            RegistryError::RateLimited {
                retry_after_secs, ..
            }
            | RegistryError::Busy {
                retry_after_secs, ..
            } => api_error.with_header(header::RETRY_AFTER, &retry_after_secs.to_string()),
            _ => api_error,
        }
    }
}

/// Store errors reach handlers that read through the store directly; they mean what the
/// registry's errors mean.
impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        ApiError::from(RegistryError::from(error))
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// The most of a plain-text error body that becomes the JSON error's detail.
const MAX_PLAIN_ERROR: usize = 4096;

/// Makes every error under `/api/` and `/index/` JSON. The handlers' own errors already are; this catches the
/// ones axum and tower answer before a handler runs — a body over the limit (413), a query or path
/// that does not parse (400), a method the route does not have (405) — whose bodies are plain text
/// or empty, and which cargo and crates.io's clients could not read.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let api = path.starts_with("/api/") || path.starts_with("/index/");
    let response = next.run(request).await;
    let status = response.status();
    if !api || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, MAX_PLAIN_ERROR)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let detail = match text.trim() {
        "" => match status {
            StatusCode::METHOD_NOT_ALLOWED => "this address does not take that method".to_string(),
            other => other
                .canonical_reason()
                .unwrap_or("the request failed")
                .to_lowercase(),
        },
        text => text.to_string(),
    };
    let mut json = ApiError::new(status, detail).into_response();
    // Headers that say what to do next (`Allow` on a 405, `Retry-After`) stay.
    for name in [header::ALLOW, header::RETRY_AFTER, header::WWW_AUTHENTICATE] {
        if let Some(value) = parts.headers.get(&name) {
            json.headers_mut().insert(name, value.clone());
        }
    }
    json
}
