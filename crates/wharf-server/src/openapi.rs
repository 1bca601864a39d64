//! The API's OpenAPI description, generated from the handlers' own annotations and the wire types'
//! schemas (utoipa), and served at `/api/openapi.json`.
//!
//! What is written by hand is only what no handler can say about itself: the security schemes
//! and the error answer every operation can give. A test checks that the document and the router
//! list the same operations, so a route cannot be added without being described; CI runs
//! schemathesis against a live server to check that the answers match the description.

use crate::wire::{ErrorDetail, ErrorResponse};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::sync::LazyLock;
use utoipa::openapi::path::Operation;
use utoipa::openapi::schema::{Object, Schema};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};
use wharf_policy::reports::REPORT_CATEGORIES;
use wharf_registry::ACTION_NAMES;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Wharf",
        description = "A Cargo registry that enforces its usage policy. The web API follows \
            crates.io's (same paths, parameters and shapes); the sparse index is cargo's protocol. \
            Send an API token in `Authorization` (as cargo does, without a scheme) where an \
            operation needs one; a registry in private mode needs one everywhere."
    ),
    paths(
        crate::health,
        crate::metrics::metrics,
        openapi_json,
        crate::index::config_json,
        crate::index::index_file,
        crate::publish::publish,
        crate::api::search,
        crate::catalog::summary,
        crate::download::database_dump,
        crate::feeds::new_crates,
        crate::feeds::updates,
        crate::feeds::crate_updates,
        crate::catalog::keywords,
        crate::catalog::keyword,
        crate::catalog::categories,
        crate::catalog::category,
        crate::catalog::category_slugs,
        crate::api::crate_info,
        crate::api::delete_crate,
        crate::api::crate_versions,
        crate::api::owners,
        crate::api::add_owners,
        crate::api::remove_owners,
        crate::api::user_owners,
        crate::api::team_owners,
        crate::api::crate_downloads,
        crate::api::reverse_dependencies,
        crate::api::version_info,
        crate::api::delete_version,
        crate::download::download,
        crate::api::version_dependencies,
        crate::api::version_downloads,
        crate::api::version_readme,
        crate::api::version_authors,
        crate::api::version_findings,
        crate::api::yank,
        crate::api::unyank,
        crate::api::me,
        crate::api::my_invitations,
        crate::api::answer_invitation,
        crate::api::accept_invitation_by_token,
        crate::github::secret_scanning_verify,
        crate::api::user,
        crate::moderation::file_report,
        crate::moderation::report_categories,
        crate::moderation::my_reports,
        crate::moderation::queue,
        crate::moderation::upstream,
        crate::moderation::queue_item,
        crate::moderation::act,
        crate::moderation::act_in_bulk,
        crate::moderation::reply_to_notice,
        crate::moderation::audit,
        crate::teams::team,
        crate::teams::add_members,
        crate::teams::remove_members,
        crate::trusted_publishing::patch_crate,
        crate::trusted_publishing::github_configs,
        crate::trusted_publishing::add_github_config,
        crate::trusted_publishing::remove_github_config,
        crate::trusted_publishing::gitlab_configs,
        crate::trusted_publishing::add_gitlab_config,
        crate::trusted_publishing::remove_gitlab_config,
        crate::trusted_publishing::exchange_token,
        crate::trusted_publishing::revoke_token,
    ),
    components(schemas(ErrorResponse, ErrorDetail)),
    modifiers(&SecurityAndErrors, &Vocabulary),
    tags(
        (name = "index", description = "The sparse index cargo resolves from"),
        (name = "publish", description = "`cargo publish`"),
        (name = "crates", description = "Crates: information, downloads, deletion"),
        (name = "versions", description = "Versions: information, files, yank"),
        (name = "owners", description = "Who may publish a crate"),
        (name = "catalog", description = "Search, keywords, categories, the summary"),
        (name = "account", description = "The caller's account and invitations; users"),
        (name = "teams", description = "Local teams, which can own crates"),
        (name = "trusted_publishing", description = "CI jobs (GitHub Actions, GitLab CI) that publish with a short-lived token exchanged for their OpenID token"),
        (name = "moderation", description = "Reports, the review queue and moderators' actions"),
        (name = "data", description = "Feeds and the database dump"),
        (name = "operations", description = "Health and metrics"),
    )
)]
struct ApiDoc;

/// The security schemes, the default (a token is optional unless an operation says otherwise),
/// and the error every operation can answer with.
struct SecurityAndErrors;

impl Modify for SecurityAndErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "cargo_token",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "An API token as cargo sends it: the token alone, no scheme",
            ))),
        );
        components.add_security_scheme(
            "metrics_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The operator's metrics token, when the registry sets one",
                    ))
                    .build(),
            ),
        );
        // Anonymous callers are welcome unless an operation (or private mode) says otherwise.
        openapi.security = Some(vec![
            Default::default(),
            utoipa::openapi::security::SecurityRequirement::new("cargo_token", [""; 0]),
        ]);
        let error = ResponseBuilder::new()
            .description(
                "The request was refused: `detail` says why (bad input, no token or not \
                 allowed, not found, a conflict, too large, too many requests)",
            )
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                        "ErrorResponse",
                    ))))
                    .build(),
            )
            .build();
        for item in openapi.paths.paths.values_mut() {
            let operations: [&mut Option<Operation>; 5] = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                operation
                    .responses
                    .responses
                    .entry("4XX".to_string())
                    .or_insert_with(|| RefOr::T(error.clone()));
            }
        }
    }
}

/// The values a request field takes from the registry's own vocabularies, read from the lists
/// the server checks them against, so the document cannot fall behind them.
struct Vocabulary;

impl Modify for Vocabulary {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let categories: Vec<&str> = REPORT_CATEGORIES.iter().map(|c| c.slug).collect();
        for (schema, field, values) in [
            ("ActionBody", "action", ACTION_NAMES),
            ("BulkBody", "action", ACTION_NAMES),
            ("ReportBody", "category", categories.as_slice()),
        ] {
            let property = openapi
                .components
                .as_mut()
                .and_then(|components| components.schemas.get_mut(schema))
                .and_then(|schema| property_mut(schema, field));
            let Some(property) = property else {
                panic!("the OpenAPI document has no {schema}.{field} to list the values of");
            };
            property.enum_values = Some(values.iter().map(|v| (*v).into()).collect());
        }
    }
}

/// A string property of an object schema, also when the object is one part of an `allOf` (what a
/// `#[serde(flatten)]` field makes).
fn property_mut<'a>(schema: &'a mut RefOr<Schema>, field: &str) -> Option<&'a mut Object> {
    match schema {
        RefOr::T(Schema::Object(object)) => match object.properties.get_mut(field) {
            Some(RefOr::T(Schema::Object(property))) => Some(property),
            _ => None,
        },
        RefOr::T(Schema::AllOf(all)) => all
            .items
            .iter_mut()
            .find_map(|part| property_mut(part, field)),
        _ => None,
    }
}

/// The document, rendered once.
static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    ApiDoc::openapi()
        .to_json()
        .expect("the OpenAPI document serialises")
});

#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "operations",
    responses((status = 200, description = "This document (OpenAPI 3.1)", body = Object))
)]
pub async fn openapi_json() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOCUMENT.as_str(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Method;
    use std::collections::BTreeSet;

    fn document() -> utoipa::openapi::OpenApi {
        ApiDoc::openapi()
    }

    /// Every operation the document describes, as `METHOD /path` in OpenAPI's templating.
    fn documented() -> BTreeSet<String> {
        let document = document();
        let mut operations = BTreeSet::new();
        for (path, item) in &document.paths.paths {
            for (method, operation) in [
                ("GET", &item.get),
                ("PUT", &item.put),
                ("POST", &item.post),
                ("DELETE", &item.delete),
                ("PATCH", &item.patch),
                ("HEAD", &item.head),
            ] {
                if operation.is_some() {
                    operations.insert(format!("{method} {path}"));
                }
            }
        }
        operations
    }

    #[test]
    fn the_document_describes_exactly_the_routes_the_server_serves() {
        let routed: BTreeSet<String> = crate::api_routes()
            .into_iter()
            .map(|(method, path)| {
                // axum's catch-all `{*path}` is OpenAPI's `{path}`.
                format!("{method} {}", path.replace("{*", "{"))
            })
            .collect();
        let documented = documented();
        let undocumented: Vec<_> = routed.difference(&documented).collect();
        let unrouted: Vec<_> = documented.difference(&routed).collect();
        assert!(
            undocumented.is_empty() && unrouted.is_empty(),
            "routes without a description: {undocumented:?}; descriptions without a route: {unrouted:?}"
        );
        assert!(routed.contains(&format!("{} /api/openapi.json", Method::GET)));
    }

    #[test]
    fn every_operation_can_answer_with_the_error_shape_and_needs_a_token_only_where_it_says() {
        let document = document();
        let mut checked = 0;
        for item in document.paths.paths.values() {
            for operation in [&item.get, &item.put, &item.post, &item.delete]
                .into_iter()
                .flatten()
            {
                assert!(operation.responses.responses.contains_key("4XX"));
                assert!(operation.operation_id.is_some());
                checked += 1;
            }
        }
        assert!(checked > 50);
        let json: serde_json::Value = serde_json::from_str(&DOCUMENT).unwrap();
        assert_eq!(json["openapi"], "3.1.0");
        // Publishing needs a token; reading a crate does not.
        assert_eq!(
            json["paths"]["/api/v1/crates/new"]["put"]["security"],
            serde_json::json!([{ "cargo_token": [] }])
        );
        assert!(json["paths"]["/api/v1/crates/{name}"]["get"]["security"].is_null());
    }

    #[test]
    fn fields_with_a_vocabulary_list_its_values() {
        let json: serde_json::Value = serde_json::from_str(&DOCUMENT).unwrap();
        // The values of a property of a schema, or of one of its `allOf` parts.
        let values = |schema: &str, field: &str| -> serde_json::Value {
            let schema = &json["components"]["schemas"][schema];
            std::iter::once(schema)
                .chain(schema["allOf"].as_array().into_iter().flatten())
                .map(|part| part["properties"][field]["enum"].clone())
                .find(|values| values.is_array())
                .unwrap_or_else(|| panic!("no values for {field}"))
        };
        let actions = values("ActionBody", "action");
        assert_eq!(actions.as_array().unwrap().len(), ACTION_NAMES.len());
        assert!(actions
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("remove-crate")));
        assert_eq!(values("BulkBody", "action"), actions);
        let categories = values("ReportBody", "category");
        assert!(categories
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(wharf_policy::reports::MALICIOUS_CODE)));
    }

    #[test]
    fn every_schema_the_document_refers_to_is_in_it() {
        let text = DOCUMENT.as_str();
        let json: serde_json::Value = serde_json::from_str(text).unwrap();
        let schemas = json["components"]["schemas"].as_object().unwrap();
        let prefix = "\"#/components/schemas/";
        for (start, _) in text.match_indices(prefix) {
            let rest = &text[start + prefix.len()..];
            let name = &rest[..rest.find('"').unwrap()];
            assert!(schemas.contains_key(name), "no schema `{name}`");
        }
    }
}
