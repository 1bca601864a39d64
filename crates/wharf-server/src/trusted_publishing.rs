//! Trusted publishing over HTTP, in crates.io's shapes: owners' configurations at
//! `/api/v1/trusted_publishing/{github,gitlab}_configs`, the exchange of a CI job's JWT at
//! `POST /api/v1/trusted_publishing/tokens` and its revocation at `DELETE` on the same path, and
//! the crate's `trustpub_only` switch at `PATCH /api/v1/crates/{name}`.

use crate::auth::{Caller, ClientAddress};
use crate::error::{ApiError, ApiResult};
use crate::params::CratePath;
use crate::wire::CrateResponse;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use wharf_policy::trusted_publishing::{ConfigSpec, Provider};
use wharf_store::TrustedConfig;

fn parse<T: serde::de::DeserializeOwned>(body: &[u8], shape: &str) -> ApiResult<T> {
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("invalid request: expected {shape}: {e}")))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConfigsQuery {
    /// The crate whose configurations to list.
    #[serde(rename = "crate")]
    krate: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ConfigPath {
    id: i64,
}

/// A GitHub Actions configuration, as crates.io writes it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct GitHubConfig {
    id: i64,
    #[serde(rename = "crate")]
    krate: String,
    repository_owner: String,
    /// The owner's numeric id, pinned by the first job that used the configuration.
    repository_owner_id: Option<i64>,
    repository_name: String,
    workflow_filename: String,
    environment: Option<String>,
    created_at: String,
}

impl From<TrustedConfig> for GitHubConfig {
    fn from(c: TrustedConfig) -> GitHubConfig {
        GitHubConfig {
            id: c.id,
            krate: c.crate_name,
            repository_owner: c.owner,
            repository_owner_id: c.owner_id.and_then(|id| id.parse().ok()),
            repository_name: c.project,
            workflow_filename: c.workflow,
            environment: c.environment,
            created_at: wharf_store::rfc3339(c.created_at),
        }
    }
}

/// A GitLab CI configuration, as crates.io writes it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct GitLabConfig {
    id: i64,
    #[serde(rename = "crate")]
    krate: String,
    namespace: String,
    /// The namespace's numeric id, pinned by the first job that used the configuration.
    namespace_id: Option<String>,
    project: String,
    workflow_filepath: String,
    environment: Option<String>,
    created_at: String,
}

impl From<TrustedConfig> for GitLabConfig {
    fn from(c: TrustedConfig) -> GitLabConfig {
        GitLabConfig {
            id: c.id,
            krate: c.crate_name,
            namespace: c.owner,
            namespace_id: c.owner_id,
            project: c.project,
            workflow_filepath: c.workflow,
            environment: c.environment,
            created_at: wharf_store::rfc3339(c.created_at),
        }
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewGitHubConfig {
    #[serde(rename = "crate")]
    krate: String,
    repository_owner: String,
    repository_name: String,
    workflow_filename: String,
    environment: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewGitLabConfig {
    #[serde(rename = "crate")]
    krate: String,
    namespace: String,
    project: String,
    workflow_filepath: String,
    environment: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct GitHubConfigRequest {
    github_config: NewGitHubConfig,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct GitLabConfigRequest {
    gitlab_config: NewGitLabConfig,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct GitHubConfigResponse {
    github_config: GitHubConfig,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct GitLabConfigResponse {
    gitlab_config: GitLabConfig,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct GitHubConfigsResponse {
    github_configs: Vec<GitHubConfig>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct GitLabConfigsResponse {
    gitlab_configs: Vec<GitLabConfig>,
}

#[utoipa::path(get, path = "/api/v1/trusted_publishing/github_configs", tag = "trusted_publishing",
    params(ConfigsQuery), responses((status = 200, description = "The crate's GitHub Actions configurations", body = GitHubConfigsResponse)),
    security(("cargo_token" = [])))]
pub async fn github_configs(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<ConfigsQuery>,
) -> ApiResult<Json<GitHubConfigsResponse>> {
    let configs = state
        .trusted_publishing_configs(&caller.principal(), &query.krate, Provider::GitHub)
        .await?;
    Ok(Json(GitHubConfigsResponse {
        github_configs: configs.into_iter().map(GitHubConfig::from).collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/trusted_publishing/gitlab_configs", tag = "trusted_publishing",
    params(ConfigsQuery), responses((status = 200, description = "The crate's GitLab CI configurations", body = GitLabConfigsResponse)),
    security(("cargo_token" = [])))]
pub async fn gitlab_configs(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<ConfigsQuery>,
) -> ApiResult<Json<GitLabConfigsResponse>> {
    let configs = state
        .trusted_publishing_configs(&caller.principal(), &query.krate, Provider::GitLab)
        .await?;
    Ok(Json(GitLabConfigsResponse {
        gitlab_configs: configs.into_iter().map(GitLabConfig::from).collect(),
    }))
}

#[utoipa::path(post, path = "/api/v1/trusted_publishing/github_configs", tag = "trusted_publishing",
    request_body = GitHubConfigRequest,
    responses((status = 200, description = "Added: the workflow may publish the crate", body = GitHubConfigResponse)),
    security(("cargo_token" = [])))]
pub async fn add_github_config(
    State(state): State<AppState>,
    caller: Caller,
    body: axum::body::Bytes,
) -> ApiResult<Json<GitHubConfigResponse>> {
    let request: GitHubConfigRequest = parse(
        &body,
        r#"{"github_config": {"crate", "repository_owner", "repository_name", "workflow_filename", "environment"}}"#,
    )?;
    let new = request.github_config;
    let spec = ConfigSpec {
        provider: Provider::GitHub,
        owner: new.repository_owner,
        project: new.repository_name,
        workflow: new.workflow_filename,
        environment: new.environment,
    };
    let config = state
        .add_trusted_publishing_config(&caller.principal(), &new.krate, spec)
        .await?;
    Ok(Json(GitHubConfigResponse {
        github_config: config.into(),
    }))
}

#[utoipa::path(post, path = "/api/v1/trusted_publishing/gitlab_configs", tag = "trusted_publishing",
    request_body = GitLabConfigRequest,
    responses((status = 200, description = "Added: the CI file may publish the crate", body = GitLabConfigResponse)),
    security(("cargo_token" = [])))]
pub async fn add_gitlab_config(
    State(state): State<AppState>,
    caller: Caller,
    body: axum::body::Bytes,
) -> ApiResult<Json<GitLabConfigResponse>> {
    let request: GitLabConfigRequest = parse(
        &body,
        r#"{"gitlab_config": {"crate", "namespace", "project", "workflow_filepath", "environment"}}"#,
    )?;
    let new = request.gitlab_config;
    let spec = ConfigSpec {
        provider: Provider::GitLab,
        owner: new.namespace,
        project: new.project,
        workflow: new.workflow_filepath,
        environment: new.environment,
    };
    let config = state
        .add_trusted_publishing_config(&caller.principal(), &new.krate, spec)
        .await?;
    Ok(Json(GitLabConfigResponse {
        gitlab_config: config.into(),
    }))
}

#[utoipa::path(delete, path = "/api/v1/trusted_publishing/github_configs/{id}", tag = "trusted_publishing",
    params(ConfigPath), responses((status = 204, description = "Removed; tokens issued through it stop publishing")),
    security(("cargo_token" = [])))]
pub async fn remove_github_config(
    State(state): State<AppState>,
    caller: Caller,
    Path(ConfigPath { id }): Path<ConfigPath>,
) -> ApiResult<StatusCode> {
    state
        .remove_trusted_publishing_config(&caller.principal(), Provider::GitHub, id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/trusted_publishing/gitlab_configs/{id}", tag = "trusted_publishing",
    params(ConfigPath), responses((status = 204, description = "Removed; tokens issued through it stop publishing")),
    security(("cargo_token" = [])))]
pub async fn remove_gitlab_config(
    State(state): State<AppState>,
    caller: Caller,
    Path(ConfigPath { id }): Path<ConfigPath>,
) -> ApiResult<StatusCode> {
    state
        .remove_trusted_publishing_config(&caller.principal(), Provider::GitLab, id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ExchangeRequest {
    /// The CI job's OpenID token, made out to this registry's audience.
    jwt: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ExchangeResponse {
    /// A publish token (`wharf_tp_…`) for the configured crates, valid for 30 minutes.
    token: String,
}

/// The JWT is the credential: no token is needed (or looked at) here.
#[utoipa::path(post, path = "/api/v1/trusted_publishing/tokens", tag = "trusted_publishing",
    request_body = ExchangeRequest,
    responses((status = 200, description = "A publish token valid for 30 minutes", body = ExchangeResponse),
              (status = 400, description = "The JWT is malformed, badly signed, expired or for another audience"),
              (status = 403, description = "The JWT was exchanged before, or no configuration matches the job")))]
pub async fn exchange_token(
    State(state): State<AppState>,
    address: Option<Extension<ClientAddress>>,
    body: axum::body::Bytes,
) -> ApiResult<Json<ExchangeResponse>> {
    let request: ExchangeRequest = parse(&body, r#"{"jwt": "…"}"#)?;
    let actor = crate::auth::anonymous_actor(address);
    let exchanged = state
        .exchange_trusted_publishing_token(&request.jwt, &actor)
        .await?;
    Ok(Json(ExchangeResponse {
        token: exchanged.secret,
    }))
}

/// The token to revoke is the credential, in `Authorization` as for a publish.
#[utoipa::path(delete, path = "/api/v1/trusted_publishing/tokens", tag = "trusted_publishing",
    responses((status = 204, description = "Revoked")), security(("cargo_token" = [])))]
pub async fn revoke_token(
    State(state): State<AppState>,
    address: Option<Extension<ClientAddress>>,
    headers: HeaderMap,
) -> ApiResult<StatusCode> {
    let Some(secret) = crate::auth::token_from_headers(&headers) else {
        return Err(crate::auth::unauthenticated(
            &state,
            "send the trusted publishing token to revoke in the Authorization header",
        ));
    };
    let actor = crate::auth::anonymous_actor(address);
    state
        .revoke_trusted_publishing_token(secret, &actor)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CratePatch {
    /// Accept new versions only from trusted publishing (a CI job's exchanged token).
    trustpub_only: Option<bool>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CratePatchRequest {
    #[serde(rename = "crate")]
    krate: CratePatch,
}

/// crates.io's crate settings; `trustpub_only` is the one it and Wharf take.
#[utoipa::path(patch, path = "/api/v1/crates/{name}", tag = "crates", params(CratePath),
    request_body = CratePatchRequest,
    responses((status = 200, description = "The crate, changed", body = CrateResponse)),
    security(("cargo_token" = [])))]
pub async fn patch_crate(
    State(state): State<AppState>,
    caller: Caller,
    Path(CratePath { name }): Path<CratePath>,
    body: axum::body::Bytes,
) -> ApiResult<Json<CrateResponse>> {
    let request: CratePatchRequest = parse(&body, r#"{"crate": {"trustpub_only": true}}"#)?;
    if let Some(only) = request.krate.trustpub_only {
        state
            .set_trusted_publishing_only(&caller.principal(), &name, only)
            .await?;
    }
    crate::api::crate_info(State(state), Path(CratePath { name })).await
}
