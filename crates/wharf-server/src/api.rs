//! The crates.io-shaped web API: crate and version information, yank, owners, search, and the
//! caller's own account. Shapes follow crates.io's so existing clients and tools work unchanged.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use wharf_store::{
    day_string, now_millis, rfc3339, CrateRecord, SearchQuery, SearchSort, TeamRecord, UserRecord,
    VersionRecord, TEAM_PREFIX,
};

pub(crate) fn encode_user(user: &UserRecord, state: &AppState) -> Value {
    json!({
        "id": user.id,
        "login": user.login,
        "name": user.name,
        "avatar": null,
        "url": format!("{}/users/{}", state.config.public_url, user.login),
        "kind": "user",
    })
}

fn encode_crate(krate: &CrateRecord, exact_match: bool) -> Value {
    let name = &krate.name;
    json!({
        "id": name,
        "name": name,
        "description": krate.description,
        "homepage": krate.homepage,
        "documentation": krate.documentation,
        "repository": krate.repository,
        "keywords": krate.keywords,
        "categories": krate.categories,
        "badges": [],
        "max_version": krate.max_version.as_deref().unwrap_or("0.0.0"),
        "max_stable_version": krate.max_stable_version,
        "newest_version": krate.max_version.as_deref().unwrap_or("0.0.0"),
        "default_version": krate.max_stable_version.as_ref().or(krate.max_version.as_ref()),
        "downloads": krate.downloads,
        "recent_downloads": null,
        "created_at": rfc3339(krate.created_at),
        "updated_at": rfc3339(krate.updated_at),
        "exact_match": exact_match,
        "links": {
            "versions": format!("/api/v1/crates/{name}/versions"),
            "owners": format!("/api/v1/crates/{name}/owners"),
            "owner_user": format!("/api/v1/crates/{name}/owner_user"),
            "owner_team": format!("/api/v1/crates/{name}/owner_team"),
            "reverse_dependencies": format!("/api/v1/crates/{name}/reverse_dependencies"),
            "version_downloads": format!("/api/v1/crates/{name}/downloads"),
        },
    })
}

fn encode_version(crate_name: &str, version: &VersionRecord, state: &AppState) -> Value {
    let num = &version.num;
    json!({
        "id": version.id,
        "crate": crate_name,
        "num": num,
        "dl_path": format!("/api/v1/crates/{crate_name}/{num}/download"),
        "readme_path": format!("/api/v1/crates/{crate_name}/{num}/readme"),
        "checksum": version.cksum,
        "features": version.features,
        "yanked": version.yanked,
        "yank_message": null,
        "lib_links": version.links,
        "license": version.license,
        "crate_size": version.crate_size,
        "downloads": version.downloads,
        "rust_version": version.rust_version,
        "edition": version.edition,
        "description": version.description,
        "published_by": version.published_by.as_ref().map(|u| encode_user(u, state)),
        "audit_actions": [],
        "created_at": rfc3339(version.created_at),
        "updated_at": rfc3339(version.updated_at),
        "links": {
            "dependencies": format!("/api/v1/crates/{crate_name}/{num}/dependencies"),
            "version_downloads": format!("/api/v1/crates/{crate_name}/{num}/downloads"),
            "authors": format!("/api/v1/crates/{crate_name}/{num}/authors"),
        },
    })
}

async fn find_crate(state: &AppState, name: &str) -> ApiResult<CrateRecord> {
    state
        .db
        .crate_by_name(name)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("crate `{name}` does not exist")))
}

pub async fn crate_info(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> ApiResult<Json<Value>> {
    let krate = find_crate(&state, &name).await?;
    let versions = state.db.versions_of(krate.id).await?;
    let mut encoded = encode_crate(&krate, true);
    encoded["versions"] = json!(versions.iter().map(|v| v.id).collect::<Vec<_>>());
    encoded["num_versions"] = json!(versions.len());
    encoded["yanked"] = json!(!versions.is_empty() && versions.iter().all(|v| v.yanked));
    // A notice before removal is public: users of the crate deserve the warning too.
    encoded["notice"] = json!(state.db.open_notice(krate.id).await?);
    Ok(Json(json!({
        "crate": encoded,
        "versions": versions.iter().map(|v| encode_version(&krate.name, v, &state)).collect::<Vec<_>>(),
        "keywords": krate.keywords.iter().map(|k| json!({ "id": k, "keyword": k })).collect::<Vec<_>>(),
        "categories": krate.categories.iter().map(|c| json!({ "id": c, "category": c, "slug": c })).collect::<Vec<_>>(),
    })))
}

pub async fn crate_versions(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> ApiResult<Json<Value>> {
    let krate = find_crate(&state, &name).await?;
    let versions = state.db.versions_of(krate.id).await?;
    Ok(Json(json!({
        "versions": versions.iter().map(|v| encode_version(&krate.name, v, &state)).collect::<Vec<_>>(),
        "meta": { "total": versions.len(), "next_page": null },
    })))
}

async fn find_version(
    state: &AppState,
    name: &str,
    version: &str,
) -> ApiResult<(CrateRecord, VersionRecord)> {
    let krate = find_crate(state, name).await?;
    let found = state
        .db
        .versions_of(krate.id)
        .await?
        .into_iter()
        .find(|v| v.num == version)
        .ok_or_else(|| ApiError::not_found(format!("crate `{name}` has no version `{version}`")))?;
    Ok((krate, found))
}

pub async fn version_info(
    State(state): State<AppState>,
    Path((name, version)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let (krate, version) = find_version(&state, &name, &version).await?;
    Ok(Json(
        json!({ "version": encode_version(&krate.name, &version, &state) }),
    ))
}

pub async fn version_dependencies(
    State(state): State<AppState>,
    Path((name, version)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let (_, version) = find_version(&state, &name, &version).await?;
    let deps = state.db.dependencies_of(version.id).await?;
    let encoded: Vec<Value> = deps
        .iter()
        .enumerate()
        .map(|(i, dep)| {
            json!({
                "id": i,
                "version_id": version.id,
                "crate_id": dep.package.as_deref().unwrap_or(&dep.name),
                "req": dep.req,
                "optional": dep.optional,
                "default_features": dep.default_features,
                "features": dep.features,
                "target": dep.target,
                "kind": dep.kind.as_str(),
                "downloads": 0,
            })
        })
        .collect();
    Ok(Json(json!({ "dependencies": encoded })))
}

async fn set_yanked(
    state: AppState,
    caller: Caller,
    name: String,
    version: String,
    yanked: bool,
) -> ApiResult<Json<Value>> {
    state
        .set_yanked(&caller.principal(), &name, &version, yanked)
        .await?;
    Ok(Json(json!({ "ok": true })))
}

pub async fn yank(
    State(state): State<AppState>,
    caller: Caller,
    Path((name, version)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    set_yanked(state, caller, name, version, true).await
}

pub async fn unyank(
    State(state): State<AppState>,
    caller: Caller,
    Path((name, version)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    set_yanked(state, caller, name, version, false).await
}

pub(crate) fn encode_team(team: &TeamRecord, state: &AppState) -> Value {
    json!({
        "id": team.id,
        "login": format!("{TEAM_PREFIX}{}", team.name),
        "name": team.name,
        "avatar": null,
        "url": format!("{}/teams/{}", state.config.public_url, team.name),
        "kind": "team",
    })
}

/// `GET /api/v1/crates/{name}/owners`: user owners then team owners, as crates.io lists them (and
/// as `cargo owner --list` prints them).
pub async fn owners(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> ApiResult<Json<Value>> {
    let krate = find_crate(&state, &name).await?;
    let users = state.db.owners_of(krate.id).await?;
    let teams = state.db.team_owners_of(krate.id).await?;
    let owners: Vec<Value> = users
        .iter()
        .map(|o| encode_user(&o.user, &state))
        .chain(teams.iter().map(|(team, _)| encode_team(team, &state)))
        .collect();
    Ok(Json(json!({ "users": owners })))
}

/// `GET /api/v1/crates/{name}/owner_user`: only the user owners.
pub async fn user_owners(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> ApiResult<Json<Value>> {
    let krate = find_crate(&state, &name).await?;
    let users = state.db.owners_of(krate.id).await?;
    Ok(Json(json!({
        "users": users.iter().map(|o| encode_user(&o.user, &state)).collect::<Vec<_>>(),
    })))
}

/// `GET /api/v1/crates/{name}/owner_team`: only the team owners.
pub async fn team_owners(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> ApiResult<Json<Value>> {
    let krate = find_crate(&state, &name).await?;
    let teams = state.db.team_owners_of(krate.id).await?;
    Ok(Json(json!({
        "teams": teams.iter().map(|(team, _)| encode_team(team, &state)).collect::<Vec<_>>(),
    })))
}

#[derive(Deserialize)]
pub struct OwnersChange {
    #[serde(alias = "owners")]
    users: Vec<String>,
}

async fn change_owners(
    state: AppState,
    caller: Caller,
    name: String,
    body: &[u8],
    add: bool,
) -> ApiResult<Json<Value>> {
    let change: OwnersChange = serde_json::from_slice(body).map_err(|e| {
        ApiError::bad_request(format!(
            "invalid request: expected {{\"users\": [\"login\", …]}}: {e}"
        ))
    })?;
    let changed = state
        .change_owners(&caller.principal(), &name, &change.users, add)
        .await?;
    let (users, teams) = (&changed.users, &changed.teams);
    let join = |logins: &[String]| logins.join(", ");
    let mut parts = Vec::new();
    if add {
        if !users.is_empty() {
            parts.push(format!(
                "user {} has been invited to be an owner of crate {name}; they become an owner when they accept",
                join(users)
            ));
        }
        if !teams.is_empty() {
            parts.push(format!(
                "{} added as a team owner of crate {name} (publish and yank only)",
                join(teams)
            ));
        }
    } else if !changed.is_empty() {
        let removed: Vec<&str> = users.iter().chain(teams).map(String::as_str).collect();
        parts.push(format!(
            "{} removed from the owners of `{name}`",
            removed.join(", ")
        ));
    }
    let msg = if parts.is_empty() {
        if add {
            format!(
                "{} already own(s) `{name}` or already has an open invitation",
                change.users.join(", ")
            )
        } else {
            format!("{} did not own `{name}`", change.users.join(", "))
        }
    } else {
        parts.join("; ")
    };
    Ok(Json(json!({ "ok": true, "msg": msg })))
}

pub async fn add_owners(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    change_owners(state, caller, name, &body, true).await
}

pub async fn remove_owners(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    change_owners(state, caller, name, &body, false).await
}

#[derive(Deserialize)]
pub struct SearchParams {
    q: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
    sort: Option<String>,
}

pub async fn search(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> ApiResult<Json<Value>> {
    let text = params.q.unwrap_or_default();
    let sort = match params.sort.as_deref() {
        None | Some("relevance") => SearchSort::Relevance,
        Some("downloads") => SearchSort::Downloads,
        Some("recent-updates") | Some("new") => SearchSort::RecentUpdates,
        Some("alpha") => SearchSort::Alphabetical,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "unknown sort `{other}`: use relevance, downloads, recent-updates, new or alpha"
            )))
        }
    };
    let query = SearchQuery {
        text: text.clone(),
        page: params.page.unwrap_or(1),
        per_page: params.per_page.unwrap_or(10),
        sort,
    };
    let (crates, total) = state.db.search(&query).await?;
    let wanted = text.trim().to_ascii_lowercase().replace('-', "_");
    Ok(Json(json!({
        "crates": crates
            .iter()
            .map(|c| encode_crate(c, c.name.to_ascii_lowercase().replace('-', "_") == wanted))
            .collect::<Vec<_>>(),
        "meta": { "total": total, "next_page": null, "prev_page": null },
    })))
}

/// The policy's findings on a version, for its owners and for admins only.
pub async fn version_findings(
    State(state): State<AppState>,
    caller: Caller,
    Path((name, version)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let krate = find_crate(&state, &name).await?;
    if !caller.user.is_admin && !state.db.is_crate_owner(krate.id, caller.user.id).await? {
        return Err(ApiError::forbidden(format!(
            "only owners of `{}` and administrators can see its policy findings",
            krate.name
        )));
    }
    let (verdict, held, findings) = state
        .db
        .findings_of(krate.id, &version)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("crate `{name}` has no version `{version}`")))?;
    Ok(Json(json!({
        "verdict": verdict,
        "held": held,
        "findings": findings,
    })))
}

#[derive(Deserialize, Default)]
pub struct DeleteParams {
    message: Option<String>,
}

/// `DELETE /api/v1/crates/{name}`: an owner deletes their crate, if the deletion rule allows it.
pub async fn delete_crate(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    Query(params): Query<DeleteParams>,
) -> ApiResult<axum::http::StatusCode> {
    state
        .delete_crate(&caller.principal(), &name, params.message.as_deref())
        .await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// `DELETE /api/v1/crates/{name}/{version}`: an owner deletes one version, if the deletion rule
/// applied to that version allows it.
pub async fn delete_version(
    State(state): State<AppState>,
    caller: Caller,
    Path((name, version)): Path<(String, String)>,
    Query(params): Query<DeleteParams>,
) -> ApiResult<axum::http::StatusCode> {
    state
        .delete_version(
            &caller.principal(),
            &name,
            &version,
            params.message.as_deref(),
        )
        .await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// Downloads of a crate's versions per day over the last 90 days, in crates.io's shape.
pub async fn crate_downloads(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> ApiResult<Json<Value>> {
    let krate = find_crate(&state, &name).await?;
    let since = day_string(now_millis() - 89 * 86_400_000);
    let days = state.db.crate_downloads(krate.id, &since).await?;
    Ok(Json(json!({
        "version_downloads": days.iter().map(|d| json!({
            "version": d.version_id,
            "downloads": d.downloads,
            "date": d.day,
        })).collect::<Vec<_>>(),
        "meta": { "extra_downloads": [] },
    })))
}

/// The crates that depend on this one, each through its newest version that does.
pub async fn reverse_dependencies(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> ApiResult<Json<Value>> {
    let krate = find_crate(&state, &name).await?;
    let dependents = state.db.reverse_dependencies(&krate.name).await?;
    Ok(Json(json!({
        "dependencies": dependents.iter().map(|d| json!({
            "crate_id": krate.name,
            "version_id": d.version_id,
            "req": d.req,
            "kind": d.kind,
            "optional": d.optional,
        })).collect::<Vec<_>>(),
        "versions": dependents.iter().map(|d| json!({
            "id": d.version_id,
            "crate": d.crate_name,
            "num": d.version,
            "yanked": d.yanked,
        })).collect::<Vec<_>>(),
        "meta": { "total": dependents.len() },
    })))
}

/// The caller's open owner invitations, in crates.io's shape.
pub async fn my_invitations(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    let invitations = state.db.invitations_for(caller.user.id).await?;
    let mut inviters = Vec::new();
    for invitation in &invitations {
        if !inviters
            .iter()
            .any(|u: &UserRecord| u.id == invitation.inviter_id)
        {
            if let Some(user) = state.db.user_by_id(invitation.inviter_id).await? {
                inviters.push(user);
            }
        }
    }
    Ok(Json(json!({
        "crate_owner_invitations": invitations.iter().map(|i| json!({
            "crate_id": i.crate_id,
            "crate_name": i.crate_name,
            "invitee_id": i.invitee_id,
            "inviter_id": i.inviter_id,
            "invited_by_username": i.inviter_login,
            "created_at": rfc3339(i.created_at),
            "expires_at": rfc3339(i.expires_at),
        })).collect::<Vec<_>>(),
        "users": inviters.iter().map(|u| encode_user(u, &state)).collect::<Vec<_>>(),
    })))
}

#[derive(Deserialize)]
pub struct InvitationAnswer {
    crate_owner_invite: InvitationAnswerBody,
}

#[derive(Deserialize)]
struct InvitationAnswerBody {
    accepted: bool,
}

/// Accepts or declines an invitation: `{"crate_owner_invite": {"crate_id": N, "accepted": true}}`.
pub async fn answer_invitation(
    State(state): State<AppState>,
    caller: Caller,
    Path(crate_id): Path<i64>,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    let answer: InvitationAnswer = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_request(format!(
            "invalid request: expected {{\"crate_owner_invite\": {{\"crate_id\": N, \"accepted\": true|false}}}}: {e}"
        ))
    })?;
    let accepted = answer.crate_owner_invite.accepted;
    state
        .answer_invitation(&caller.principal(), crate_id, accepted)
        .await?;
    Ok(Json(json!({
        "crate_owner_invitation": { "crate_id": crate_id, "accepted": accepted },
    })))
}

/// `PUT /api/v1/me/crate_owner_invitations/accept/{token}`: accepts through the one-time link the
/// invitation e-mail carries. The token is the proof, so no sign-in is needed (as on crates.io).
pub async fn accept_invitation_by_token(
    State(state): State<AppState>,
    client: Option<axum::Extension<crate::auth::ClientAddress>>,
    Path(token): Path<String>,
) -> ApiResult<Json<Value>> {
    let actor = wharf_store::Actor {
        ip: client.and_then(|c| c.0 .0).map(|ip| ip.to_string()),
        ..Default::default()
    };
    let (crate_id, _) = state.accept_invitation_by_token(&token, &actor).await?;
    Ok(Json(json!({
        "crate_owner_invitation": { "crate_id": crate_id, "accepted": true },
    })))
}

pub async fn me(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Value>> {
    let mut user = encode_user(&caller.user, &state);
    user["email"] = json!(caller.user.email);
    user["email_verified"] = json!(caller.user.email_verified);
    user["is_admin"] = json!(caller.user.is_admin);
    Ok(Json(json!({ "user": user })))
}

pub async fn user(
    State(state): State<AppState>,
    Path(login): Path<String>,
) -> ApiResult<Json<Value>> {
    let user = state
        .db
        .user_by_login(&login)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("there is no user `{login}`")))?;
    Ok(Json(json!({ "user": encode_user(&user, &state) })))
}
