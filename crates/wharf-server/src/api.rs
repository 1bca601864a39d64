//! The crates.io-shaped web API: crate and version information, yank, owners, search, and the
//! caller's own account. Shapes follow crates.io's so existing clients and tools work unchanged.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::wire::{
    AuthorsResponse, CrateDownloadsResponse, CrateResponse, DependenciesResponse, DownloadsMeta,
    EncodableCategory, EncodableCrate, EncodableCrateDetail, EncodableCrateOwnerInvitation,
    EncodableDependency, EncodableKeyword, EncodableOwner, EncodablePrivateUser, EncodableVersion,
    FindingsResponse, InvitationAnswerResponse, InvitationsResponse, MeResponse, MessageResponse,
    OkResponse, OwnersResponse, ReverseDependenciesResponse, SearchMeta, SearchResponse,
    TeamOwnersResponse, UserResponse, VersionDownloadsResponse, VersionResponse, VersionsMeta,
    VersionsResponse,
};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use wharf_registry::VersionFindings;
use wharf_store::{
    day_string, now_millis, CrateRecord, SearchQuery, SearchSort, UserRecord, VersionRecord,
};

async fn find_crate(state: &AppState, name: &str) -> ApiResult<CrateRecord> {
    state
        .db
        .crate_by_name(name)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("crate `{name}` does not exist")))
}

/// The versions' wire shapes, newest first as the store lists them.
fn encode_versions(
    crate_name: &str,
    versions: &[VersionRecord],
    state: &AppState,
) -> Vec<EncodableVersion> {
    versions
        .iter()
        .map(|v| EncodableVersion::from_record(crate_name, v, &state.config.public_url))
        .collect()
}

pub async fn crate_info(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> ApiResult<Json<CrateResponse>> {
    let krate = find_crate(&state, &name).await?;
    let versions = state.db.versions_of(krate.id).await?;
    // A notice before removal is public: users of the crate deserve the warning too.
    let notice = state.db.open_notice(krate.id).await?;
    Ok(Json(CrateResponse {
        krate: EncodableCrateDetail::new(&krate, &versions, notice),
        versions: encode_versions(&krate.name, &versions, &state),
        keywords: krate
            .keywords
            .iter()
            .map(|k| EncodableKeyword::new(k))
            .collect(),
        categories: krate
            .categories
            .iter()
            .map(|c| EncodableCategory::new(c))
            .collect(),
    }))
}

pub async fn crate_versions(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> ApiResult<Json<VersionsResponse>> {
    let krate = find_crate(&state, &name).await?;
    let versions = state.db.versions_of(krate.id).await?;
    Ok(Json(VersionsResponse {
        versions: encode_versions(&krate.name, &versions, &state),
        meta: VersionsMeta {
            total: versions.len(),
            next_page: None,
        },
    }))
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
) -> ApiResult<Json<VersionResponse>> {
    let (krate, version) = find_version(&state, &name, &version).await?;
    Ok(Json(VersionResponse {
        version: EncodableVersion::from_record(&krate.name, &version, &state.config.public_url),
    }))
}

pub async fn version_dependencies(
    State(state): State<AppState>,
    Path((name, version)): Path<(String, String)>,
) -> ApiResult<Json<DependenciesResponse>> {
    let (_, version) = find_version(&state, &name, &version).await?;
    let deps = state.db.dependencies_of(version.id).await?;
    Ok(Json(DependenciesResponse {
        dependencies: deps
            .iter()
            .enumerate()
            .map(|(position, dep)| EncodableDependency::new(position, version.id, dep))
            .collect(),
    }))
}

async fn set_yanked(
    state: AppState,
    caller: Caller,
    name: String,
    version: String,
    yanked: bool,
) -> ApiResult<Json<OkResponse>> {
    state
        .set_yanked(&caller.principal(), &name, &version, yanked)
        .await?;
    Ok(Json(OkResponse::OK))
}

pub async fn yank(
    State(state): State<AppState>,
    caller: Caller,
    Path((name, version)): Path<(String, String)>,
) -> ApiResult<Json<OkResponse>> {
    set_yanked(state, caller, name, version, true).await
}

pub async fn unyank(
    State(state): State<AppState>,
    caller: Caller,
    Path((name, version)): Path<(String, String)>,
) -> ApiResult<Json<OkResponse>> {
    set_yanked(state, caller, name, version, false).await
}

/// `GET /api/v1/crates/{name}/owners`: user owners then team owners, as crates.io lists them (and
/// as `cargo owner --list` prints them).
pub async fn owners(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> ApiResult<Json<OwnersResponse>> {
    let krate = find_crate(&state, &name).await?;
    let users = state.db.owners_of(krate.id).await?;
    let teams = state.db.team_owners_of(krate.id).await?;
    let url = &state.config.public_url;
    let owners = users
        .iter()
        .map(|o| EncodableOwner::user(&o.user, url))
        .chain(
            teams
                .iter()
                .map(|(team, _)| EncodableOwner::team(team, url)),
        )
        .collect();
    Ok(Json(OwnersResponse { users: owners }))
}

/// `GET /api/v1/crates/{name}/owner_user`: only the user owners.
pub async fn user_owners(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> ApiResult<Json<OwnersResponse>> {
    let krate = find_crate(&state, &name).await?;
    let users = state.db.owners_of(krate.id).await?;
    Ok(Json(OwnersResponse {
        users: users
            .iter()
            .map(|o| EncodableOwner::user(&o.user, &state.config.public_url))
            .collect(),
    }))
}

/// `GET /api/v1/crates/{name}/owner_team`: only the team owners.
pub async fn team_owners(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> ApiResult<Json<TeamOwnersResponse>> {
    let krate = find_crate(&state, &name).await?;
    let teams = state.db.team_owners_of(krate.id).await?;
    Ok(Json(TeamOwnersResponse {
        teams: teams
            .iter()
            .map(|(team, _)| EncodableOwner::team(team, &state.config.public_url))
            .collect(),
    }))
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
) -> ApiResult<Json<MessageResponse>> {
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
    Ok(Json(MessageResponse::ok(msg)))
}

pub async fn add_owners(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<MessageResponse>> {
    change_owners(state, caller, name, &body, true).await
}

pub async fn remove_owners(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<MessageResponse>> {
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
) -> ApiResult<Json<SearchResponse>> {
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
    Ok(Json(SearchResponse {
        crates: crates
            .iter()
            .map(|c| {
                EncodableCrate::from_record(
                    c,
                    c.name.to_ascii_lowercase().replace('-', "_") == wanted,
                )
            })
            .collect(),
        meta: SearchMeta {
            total,
            next_page: None,
            prev_page: None,
        },
    }))
}

/// The policy's findings on a version, for its owners and for admins only.
pub async fn version_findings(
    State(state): State<AppState>,
    caller: Caller,
    Path((name, version)): Path<(String, String)>,
) -> ApiResult<Json<FindingsResponse>> {
    let VersionFindings {
        verdict,
        held,
        findings,
    } = state
        .version_findings(&caller.principal(), &name, &version)
        .await?;
    Ok(Json(FindingsResponse {
        verdict,
        held,
        findings,
    }))
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
) -> ApiResult<Json<CrateDownloadsResponse>> {
    let krate = find_crate(&state, &name).await?;
    let since = day_string(now_millis() - DOWNLOAD_DAYS_BEFORE_TODAY * 86_400_000);
    let days = state.db.crate_downloads(krate.id, &since).await?;
    Ok(Json(CrateDownloadsResponse {
        version_downloads: days.iter().map(Into::into).collect(),
        meta: DownloadsMeta {
            extra_downloads: [],
        },
    }))
}

/// The download charts cover today and this many days before it: 90 days, as on crates.io.
const DOWNLOAD_DAYS_BEFORE_TODAY: i64 = 89;

/// `GET /api/v1/crates/{name}/{version}/downloads`: one version's downloads per day over the same
/// 90 days, read from the same counts as the crate's.
pub async fn version_downloads(
    State(state): State<AppState>,
    Path((name, version)): Path<(String, String)>,
) -> ApiResult<Json<VersionDownloadsResponse>> {
    let (krate, version) = find_version(&state, &name, &version).await?;
    let since = day_string(now_millis() - DOWNLOAD_DAYS_BEFORE_TODAY * 86_400_000);
    let days = state.db.crate_downloads(krate.id, &since).await?;
    Ok(Json(VersionDownloadsResponse {
        version_downloads: days
            .iter()
            .filter(|d| d.version_id == version.id)
            .map(Into::into)
            .collect(),
    }))
}

/// `GET /api/v1/crates/{name}/{version}/readme`: the README the version's tarball carried, as
/// plain text (a client renders it as it likes; served as text, it cannot script this origin).
pub async fn version_readme(
    State(state): State<AppState>,
    Path((name, version)): Path<(String, String)>,
) -> ApiResult<Response> {
    let (krate, version) = find_version(&state, &name, &version).await?;
    let readme = state.db.readme_of(version.id).await?.ok_or_else(|| {
        ApiError::not_found(format!("{} {} has no README", krate.name, version.num))
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        readme,
    )
        .into_response())
}

/// `GET /api/v1/crates/{name}/{version}/authors`: crates.io's shape, with no authors (see
/// [`AuthorsResponse`]). The version must exist, as on crates.io.
pub async fn version_authors(
    State(state): State<AppState>,
    Path((name, version)): Path<(String, String)>,
) -> ApiResult<Json<AuthorsResponse>> {
    find_version(&state, &name, &version).await?;
    Ok(Json(AuthorsResponse::NONE))
}

/// The crates that depend on this one, each through its newest version that does.
pub async fn reverse_dependencies(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> ApiResult<Json<ReverseDependenciesResponse>> {
    let krate = find_crate(&state, &name).await?;
    let dependents = state.db.reverse_dependencies(&krate.name).await?;
    Ok(Json(ReverseDependenciesResponse::new(
        &krate.name,
        &dependents,
    )))
}

/// The caller's open owner invitations, in crates.io's shape.
pub async fn my_invitations(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<InvitationsResponse>> {
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
    Ok(Json(InvitationsResponse {
        crate_owner_invitations: invitations
            .iter()
            .map(EncodableCrateOwnerInvitation::from)
            .collect(),
        users: inviters
            .iter()
            .map(|u| EncodableOwner::user(u, &state.config.public_url))
            .collect(),
    }))
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
) -> ApiResult<Json<InvitationAnswerResponse>> {
    let answer: InvitationAnswer = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_request(format!(
            "invalid request: expected {{\"crate_owner_invite\": {{\"crate_id\": N, \"accepted\": true|false}}}}: {e}"
        ))
    })?;
    let accepted = answer.crate_owner_invite.accepted;
    state
        .answer_invitation(&caller.principal(), crate_id, accepted)
        .await?;
    Ok(Json(InvitationAnswerResponse::new(crate_id, accepted)))
}

/// `PUT /api/v1/me/crate_owner_invitations/accept/{token}`: accepts through the one-time link the
/// invitation e-mail carries. The token is the proof, so no sign-in is needed (as on crates.io).
pub async fn accept_invitation_by_token(
    State(state): State<AppState>,
    client: Option<axum::Extension<crate::auth::ClientAddress>>,
    Path(token): Path<String>,
) -> ApiResult<Json<InvitationAnswerResponse>> {
    let actor = wharf_store::Actor {
        ip: client.and_then(|c| c.0 .0).map(|ip| ip.to_string()),
        ..Default::default()
    };
    let (crate_id, _) = state.accept_invitation_by_token(&token, &actor).await?;
    Ok(Json(InvitationAnswerResponse::new(crate_id, true)))
}

pub async fn me(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<MeResponse>> {
    Ok(Json(MeResponse {
        user: EncodablePrivateUser::new(&caller.user, &state.config.public_url),
    }))
}

pub async fn user(
    State(state): State<AppState>,
    Path(login): Path<String>,
) -> ApiResult<Json<UserResponse>> {
    let user = state
        .db
        .user_by_login(&login)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("there is no user `{login}`")))?;
    Ok(Json(UserResponse {
        user: EncodableOwner::user(&user, &state.config.public_url),
    }))
}
