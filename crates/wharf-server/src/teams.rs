//! Local teams over the API: who is in a team, and its maintainers adding and removing members.
//! Teams themselves are created by an operator (`wharf team add`).

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::params::TeamPath;
use crate::wire::{EncodableTeam, MessageResponse, TeamResponse};
use crate::AppState;
use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;

/// `GET /api/v1/teams/{name}`: the team as crates.io shapes it, with its members.
#[utoipa::path(
    get,
    path = "/api/v1/teams/{name}",
    tag = "teams",
    params(TeamPath),
    responses((status = 200, description = "OK", body = TeamResponse))
)]
pub async fn team(
    State(state): State<AppState>,
    Path(TeamPath { name }): Path<TeamPath>,
) -> ApiResult<Json<TeamResponse>> {
    let name = name.strip_prefix(wharf_store::TEAM_PREFIX).unwrap_or(&name);
    let team = state
        .db
        .team_by_name(name)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("there is no team `{name}`")))?;
    let members = state.db.team_members(team.id).await?;
    Ok(Json(TeamResponse {
        team: EncodableTeam::new(&team, &members, &state.config.public_url),
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct MembersChange {
    users: Vec<String>,
    /// Add as maintainers (or make existing members maintainers, or back with `false`).
    #[serde(default)]
    maintainer: bool,
}

async fn change_members(
    state: AppState,
    caller: Caller,
    name: String,
    body: &[u8],
    add: bool,
) -> ApiResult<Json<MessageResponse>> {
    let change: MembersChange = serde_json::from_slice(body).map_err(|e| {
        ApiError::bad_request(format!(
            "invalid request: expected {{\"users\": [\"login\", …], \"maintainer\": false}}: {e}"
        ))
    })?;
    let changed = state
        .change_team_members(
            &caller.principal(),
            &name,
            &change.users,
            add,
            change.maintainer,
        )
        .await?;
    let msg = if changed.is_empty() {
        "nothing changed".to_string()
    } else if add {
        format!("{} added to the team `{name}`", changed.join(", "))
    } else {
        format!("{} removed from the team `{name}`", changed.join(", "))
    };
    Ok(Json(MessageResponse::ok(msg)))
}

#[utoipa::path(
    put,
    path = "/api/v1/teams/{name}/members",
    tag = "teams",
    params(TeamPath),
    request_body = MembersChange,
    responses((status = 200, description = "OK", body = MessageResponse)),
    security(("cargo_token" = []))
)]
pub async fn add_members(
    State(state): State<AppState>,
    caller: Caller,
    Path(TeamPath { name }): Path<TeamPath>,
    body: axum::body::Bytes,
) -> ApiResult<Json<MessageResponse>> {
    change_members(state, caller, name, &body, true).await
}

#[utoipa::path(
    delete,
    path = "/api/v1/teams/{name}/members",
    tag = "teams",
    params(TeamPath),
    request_body = MembersChange,
    responses((status = 200, description = "OK", body = MessageResponse)),
    security(("cargo_token" = []))
)]
pub async fn remove_members(
    State(state): State<AppState>,
    caller: Caller,
    Path(TeamPath { name }): Path<TeamPath>,
    body: axum::body::Bytes,
) -> ApiResult<Json<MessageResponse>> {
    change_members(state, caller, name, &body, false).await
}
