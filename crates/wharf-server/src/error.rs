//! API errors, in the shape cargo and crates.io's clients read: `{"errors":[{"detail":"…"}]}`.
//!
//! cargo prints `detail` verbatim, so every message says what was wrong and, where it can, what to do.

use crate::wire::ErrorResponse;
use axum::http::{header, HeaderValue, StatusCode};
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
            RegistryError::Internal(_) => StatusCode::SERVICE_UNAVAILABLE,
        };
        let api_error = ApiError::new(status, error.detail());
        match error {
            RegistryError::RateLimited {
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
