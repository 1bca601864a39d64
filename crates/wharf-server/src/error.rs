//! API errors, in the shape cargo and crates.io's clients read: `{"errors":[{"detail":"…"}]}`.
//!
//! cargo prints `detail` verbatim, so every message says what was wrong and, where it can, what to do.

use crate::wire::ErrorResponse;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
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

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match error {
            StoreError::NotFound(m) => ApiError::new(StatusCode::NOT_FOUND, m),
            StoreError::Conflict(m) => ApiError::new(StatusCode::CONFLICT, m),
            StoreError::Gone(m) => ApiError::new(StatusCode::GONE, m),
            StoreError::Refused(m) => ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, m),
            StoreError::Forbidden(m) => ApiError::new(StatusCode::FORBIDDEN, m),
            StoreError::Invalid(m) => ApiError::new(StatusCode::BAD_REQUEST, m),
            StoreError::RateLimited {
                message,
                retry_after_secs,
            } => ApiError::new(StatusCode::TOO_MANY_REQUESTS, message)
                .with_header(header::RETRY_AFTER, &retry_after_secs.to_string()),
            other => {
                // Internal details go to the log, not to the client.
                tracing::error!(error = %other, "internal error");
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the registry could not complete the request because of an internal error; try again shortly",
                )
            }
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
