//! The shapes cargo itself reads: the index's `config.json`, the publish answer, the bare
//! acknowledgements of yank and owner changes, and the error body.

use super::{is_false, AlwaysEmpty};
use serde::Serialize;
use utoipa::ToSchema;

/// `GET /index/config.json`: where cargo downloads from and where the API is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct IndexConfig {
    /// The download prefix; cargo appends `/{crate}/{version}/download`.
    pub dl: String,
    pub api: String,
    /// Private mode: cargo must send a token for the index too. Absent, not false, when off, as
    /// crates.io's own config has no such key.
    #[serde(rename = "auth-required", skip_serializing_if = "is_false")]
    pub auth_required: bool,
}

/// `PUT /api/v1/crates/new`: cargo prints each warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PublishResponse {
    pub warnings: PublishWarnings,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PublishWarnings {
    pub invalid_categories: Vec<String>,
    /// Wharf has no badges to check.
    #[schema(value_type = Vec<Object>, max_items = 0)]
    pub invalid_badges: AlwaysEmpty,
    pub other: Vec<String>,
}

/// A bare acknowledgement: yank and unyank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct OkResponse {
    pub ok: bool,
}

impl OkResponse {
    pub const OK: OkResponse = OkResponse { ok: true };
}

/// An acknowledgement with a sentence for the user: owner and team changes, answers to notices.
/// `cargo owner` prints `msg`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct MessageResponse {
    pub ok: bool,
    pub msg: String,
}

impl MessageResponse {
    pub fn ok(msg: impl Into<String>) -> MessageResponse {
        MessageResponse {
            ok: true,
            msg: msg.into(),
        }
    }
}

/// Every error, in the shape cargo reads: `{"errors":[{"detail":"…"}]}`. cargo prints `detail`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ErrorResponse {
    pub errors: Vec<ErrorDetail>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ErrorDetail {
    pub detail: String,
}

impl ErrorResponse {
    pub fn new(detail: impl Into<String>) -> ErrorResponse {
        ErrorResponse {
            errors: vec![ErrorDetail {
                detail: detail.into(),
            }],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn config_mentions_auth_only_when_required() {
        let public = IndexConfig {
            dl: "https://w.example/api/v1/crates".into(),
            api: "https://w.example".into(),
            auth_required: false,
        };
        assert_eq!(
            serde_json::to_value(&public).unwrap(),
            json!({ "dl": "https://w.example/api/v1/crates", "api": "https://w.example" })
        );
        let private = IndexConfig {
            auth_required: true,
            ..public
        };
        assert_eq!(
            serde_json::to_value(&private).unwrap()["auth-required"],
            true
        );
    }

    #[test]
    fn publish_warnings_have_cargos_three_lists() {
        let response = PublishResponse {
            warnings: PublishWarnings {
                invalid_categories: vec!["no-such".into()],
                invalid_badges: [],
                other: vec![],
            },
        };
        assert_eq!(
            serde_json::to_value(response).unwrap(),
            json!({ "warnings": {
                "invalid_categories": ["no-such"], "invalid_badges": [], "other": [],
            }})
        );
    }

    #[test]
    fn acknowledgements_and_errors() {
        assert_eq!(
            serde_json::to_value(OkResponse::OK).unwrap(),
            json!({ "ok": true })
        );
        assert_eq!(
            serde_json::to_value(MessageResponse::ok("done")).unwrap(),
            json!({ "ok": true, "msg": "done" })
        );
        assert_eq!(
            serde_json::to_value(ErrorResponse::new("nope")).unwrap(),
            json!({ "errors": [{ "detail": "nope" }] })
        );
    }
}
