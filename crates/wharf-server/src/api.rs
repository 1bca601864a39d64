//! The crates.io-shaped web API: crate and version information, yank, owners, search, and the
//! caller's own account. Shapes follow crates.io's so existing clients and tools work unchanged.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::params::{CratePath, VersionPath};
use crate::wire::{
    AuthorsResponse, CrateCounts, CrateDownloadsResponse, CrateResponse, DependenciesResponse,
    DownloadsMeta, EncodableAuditAction, EncodableCategory, EncodableCrate, EncodableCrateDetail,
    EncodableCrateOwnerInvitation, EncodableDependency, EncodableKeyword, EncodableOwner,
    EncodablePrivateUser, EncodableVersion, FindingsResponse, InvitationAnswerResponse,
    InvitationsResponse, MeResponse, MessageResponse, OkResponse, OwnersResponse,
    ReverseDependenciesResponse, SearchMeta, SearchResponse, TeamOwnersResponse, TotalMeta,
    UserResponse, VersionDownloadsResponse, VersionResponse, VersionsMeta, VersionsResponse,
};
use crate::AppState;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use wharf_registry::VersionFindings;
use wharf_store::{
    recent_days_since, CrateRecord, SearchPage, SearchQuery, SearchSort, SearchTotal, UserRecord,
    VersionRecord,
};

async fn find_crate(state: &AppState, name: &str) -> ApiResult<CrateRecord> {
    state
        .db
        .crate_by_name(name)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("crate `{name}` does not exist")))
}

/// The versions' wire shapes, in the order given, each with its history.
async fn encode_versions(
    state: &AppState,
    crate_name: &str,
    versions: &[VersionRecord],
) -> ApiResult<Vec<EncodableVersion>> {
    let url = &state.config.public_url;
    let actions = state.db.version_actions(crate_name).await?;
    Ok(versions
        .iter()
        .map(|v| {
            let mut encoded = EncodableVersion::from_record(crate_name, v, url);
            encoded.audit_actions = actions
                .iter()
                .filter(|a| a.version == v.num)
                .map(|a| EncodableAuditAction::new(a, url))
                .collect();
            encoded
        })
        .collect())
}

/// Crates as lists show them, with their version counts and recent downloads (two queries for
/// the whole list). `searched` is the search text, for `exact_match`.
pub(crate) async fn encode_crates(
    state: &AppState,
    crates: &[CrateRecord],
    searched: &str,
) -> ApiResult<Vec<EncodableCrate>> {
    let ids: Vec<i64> = crates.iter().map(|c| c.id).collect();
    let counts = state.db.version_counts(&ids).await?;
    let recent = state
        .db
        .recent_downloads(&ids, &recent_days_since())
        .await?;
    let wanted = wharf_policy::names::canonical_name(searched.trim());
    Ok(crates
        .iter()
        .map(|c| {
            let counts = CrateCounts {
                versions: counts.get(&c.id).copied().unwrap_or_default(),
                recent_downloads: recent.get(&c.id).copied().unwrap_or(0),
            };
            EncodableCrate::from_record(
                c,
                wharf_policy::names::canonical_name(&c.name) == wanted,
                counts,
            )
        })
        .collect())
}

#[utoipa::path(
    get,
    path = "/api/v1/crates/{name}",
    tag = "crates",
    params(CratePath),
    responses((status = 200, description = "OK", body = CrateResponse))
)]
pub async fn crate_info(
    State(state): State<AppState>,
    Path(CratePath { name }): Path<CratePath>,
) -> ApiResult<Json<CrateResponse>> {
    let krate = find_crate(&state, &name).await?;
    let versions = state.db.versions_of(krate.id).await?;
    // A notice before removal is public: users of the crate deserve the warning too.
    let notice = state.db.open_notice(krate.id).await?;
    let recent = state
        .db
        .recent_downloads(&[krate.id], &recent_days_since())
        .await?;
    let keywords = state.db.keywords_of(krate.id).await?;
    let categories = state.db.categories_of(krate.id).await?;
    Ok(Json(CrateResponse {
        krate: EncodableCrateDetail::new(
            &krate,
            &versions,
            recent.get(&krate.id).copied().unwrap_or(0),
            notice,
        ),
        versions: encode_versions(&state, &krate.name, &versions).await?,
        keywords: keywords.iter().map(EncodableKeyword::from).collect(),
        categories: categories.iter().map(EncodableCategory::from).collect(),
    }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionsParams {
    page: Option<i64>,
    /// Every version unless given.
    per_page: Option<i64>,
    /// `date` (newest published first, the default) or `semver` (highest first).
    #[param(pattern = "^(date|semver)$")]
    sort: Option<String>,
}

/// `GET /api/v1/crates/{name}/versions`: newest first by publication (`sort=date`, the default) or
/// by version number (`sort=semver`); every version unless `per_page` is given, as on crates.io.
#[utoipa::path(
    get,
    path = "/api/v1/crates/{name}/versions",
    tag = "versions",
    params(CratePath, VersionsParams),
    responses((status = 200, description = "OK", body = VersionsResponse))
)]
pub async fn crate_versions(
    State(state): State<AppState>,
    Path(CratePath { name }): Path<CratePath>,
    Query(params): Query<VersionsParams>,
) -> ApiResult<Json<VersionsResponse>> {
    let krate = find_crate(&state, &name).await?;
    let mut versions = state.db.versions_of(krate.id).await?;
    match params.sort.as_deref() {
        None | Some("date") => {}
        Some("semver") => versions.sort_by(|a, b| {
            let parse = |v: &VersionRecord| semver::Version::parse(&v.num).ok();
            parse(b).cmp(&parse(a)).then(b.id.cmp(&a.id))
        }),
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "unknown sort `{other}`: use date or semver"
            )))
        }
    }
    let total = versions.len();
    let (shown, next_page) = match params.per_page {
        None => (versions, None),
        Some(per_page) => {
            let per_page = check_per_page(per_page)?;
            let page = check_page(params.page)?;
            let start = ((page - 1) * per_page) as usize;
            let shown: Vec<VersionRecord> = versions
                .into_iter()
                .skip(start)
                .take(per_page as usize)
                .collect();
            let more = start + shown.len() < total;
            let sort = params.sort.as_deref().unwrap_or("date");
            let next = more.then(|| format!("?per_page={per_page}&page={}&sort={sort}", page + 1));
            (shown, next)
        }
    };
    Ok(Json(VersionsResponse {
        versions: encode_versions(&state, &krate.name, &shown).await?,
        meta: VersionsMeta { total, next_page },
    }))
}

/// crates.io's limit on `per_page`.
const MAX_PER_PAGE: i64 = 100;

pub(crate) fn check_per_page(per_page: i64) -> ApiResult<i64> {
    if (1..=MAX_PER_PAGE).contains(&per_page) {
        Ok(per_page)
    } else {
        Err(ApiError::bad_request(format!(
            "per_page must be between 1 and {MAX_PER_PAGE}, not {per_page}"
        )))
    }
}

pub(crate) fn check_page(page: Option<i64>) -> ApiResult<i64> {
    match page {
        None => Ok(1),
        // Far pages would only make the database skip rows for nothing.
        Some(page @ 1..=100_000) => Ok(page),
        Some(page) => Err(ApiError::bad_request(format!(
            "page must be between 1 and 100000, not {page}"
        ))),
    }
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

#[utoipa::path(
    get,
    path = "/api/v1/crates/{name}/{version}",
    tag = "versions",
    params(VersionPath),
    responses((status = 200, description = "OK", body = VersionResponse))
)]
pub async fn version_info(
    State(state): State<AppState>,
    Path(VersionPath { name, version }): Path<VersionPath>,
) -> ApiResult<Json<VersionResponse>> {
    let (krate, version) = find_version(&state, &name, &version).await?;
    let mut encoded = encode_versions(&state, &krate.name, std::slice::from_ref(&version)).await?;
    Ok(Json(VersionResponse {
        version: encoded.remove(0),
    }))
}

#[utoipa::path(
    get,
    path = "/api/v1/crates/{name}/{version}/dependencies",
    tag = "versions",
    params(VersionPath),
    responses((status = 200, description = "OK", body = DependenciesResponse))
)]
pub async fn version_dependencies(
    State(state): State<AppState>,
    Path(VersionPath { name, version }): Path<VersionPath>,
) -> ApiResult<Json<DependenciesResponse>> {
    let (_, version) = find_version(&state, &name, &version).await?;
    let deps = state.db.dependency_rows_of(version.id).await?;
    Ok(Json(DependenciesResponse {
        dependencies: deps
            .iter()
            .map(|(id, dep)| EncodableDependency::new(*id, version.id, dep))
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

#[utoipa::path(
    delete,
    path = "/api/v1/crates/{name}/{version}/yank",
    tag = "versions",
    params(VersionPath),
    responses((status = 200, description = "OK", body = OkResponse)),
    security(("cargo_token" = []))
)]
pub async fn yank(
    State(state): State<AppState>,
    caller: Caller,
    Path(VersionPath { name, version }): Path<VersionPath>,
) -> ApiResult<Json<OkResponse>> {
    set_yanked(state, caller, name, version, true).await
}

#[utoipa::path(
    put,
    path = "/api/v1/crates/{name}/{version}/unyank",
    tag = "versions",
    params(VersionPath),
    responses((status = 200, description = "OK", body = OkResponse)),
    security(("cargo_token" = []))
)]
pub async fn unyank(
    State(state): State<AppState>,
    caller: Caller,
    Path(VersionPath { name, version }): Path<VersionPath>,
) -> ApiResult<Json<OkResponse>> {
    set_yanked(state, caller, name, version, false).await
}

/// `GET /api/v1/crates/{name}/owners`: user owners then team owners, as crates.io lists them (and
/// as `cargo owner --list` prints them).
#[utoipa::path(
    get,
    path = "/api/v1/crates/{name}/owners",
    tag = "owners",
    params(CratePath),
    responses((status = 200, description = "OK", body = OwnersResponse))
)]
pub async fn owners(
    State(state): State<AppState>,
    Path(CratePath { name }): Path<CratePath>,
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
#[utoipa::path(
    get,
    path = "/api/v1/crates/{name}/owner_user",
    tag = "owners",
    params(CratePath),
    responses((status = 200, description = "OK", body = OwnersResponse))
)]
pub async fn user_owners(
    State(state): State<AppState>,
    Path(CratePath { name }): Path<CratePath>,
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
#[utoipa::path(
    get,
    path = "/api/v1/crates/{name}/owner_team",
    tag = "owners",
    params(CratePath),
    responses((status = 200, description = "OK", body = TeamOwnersResponse))
)]
pub async fn team_owners(
    State(state): State<AppState>,
    Path(CratePath { name }): Path<CratePath>,
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

#[derive(Deserialize, utoipa::ToSchema)]
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

#[utoipa::path(
    put,
    path = "/api/v1/crates/{name}/owners",
    tag = "owners",
    params(CratePath),
    request_body = OwnersChange,
    responses((status = 200, description = "OK", body = MessageResponse)),
    security(("cargo_token" = []))
)]
pub async fn add_owners(
    State(state): State<AppState>,
    caller: Caller,
    Path(CratePath { name }): Path<CratePath>,
    body: axum::body::Bytes,
) -> ApiResult<Json<MessageResponse>> {
    change_owners(state, caller, name, &body, true).await
}

#[utoipa::path(
    delete,
    path = "/api/v1/crates/{name}/owners",
    tag = "owners",
    params(CratePath),
    request_body = OwnersChange,
    responses((status = 200, description = "OK", body = MessageResponse)),
    security(("cargo_token" = []))
)]
pub async fn remove_owners(
    State(state): State<AppState>,
    caller: Caller,
    Path(CratePath { name }): Path<CratePath>,
    body: axum::body::Bytes,
) -> ApiResult<Json<MessageResponse>> {
    change_owners(state, caller, name, &body, false).await
}

/// `GET /api/v1/crates`: crates.io's search, with its filters (`q`, `ids[]`, `user_id`,
/// `team_id`, `keyword`, `category`, `letter`), sorts and paging.
#[utoipa::path(
    get,
    path = "/api/v1/crates",
    tag = "catalog",
    params(
        ("q" = Option<String>, Query, description = "Words to find in names, descriptions and keywords: each must be a word of the crate's (stemmed), the last may be the start of one"),
        ("page" = Option<i64>, Query, minimum = 1, maximum = 100000),
        ("per_page" = Option<i64>, Query, minimum = 1, maximum = 100, description = "10 unless given"),
        ("sort" = Option<String>, Query, pattern = "^(relevance|downloads|recent-downloads|recent-updates|new|alpha)$", description = "relevance (the default), downloads, recent-downloads, recent-updates, new or alpha"),
        ("ids[]" = Option<Vec<String>>, Query, description = "Only these crates (at most 100)"),
        ("user_id" = Option<i64>, Query, description = "Only crates this user owns"),
        ("team_id" = Option<i64>, Query, description = "Only crates this team owns"),
        ("keyword" = Option<String>, Query),
        ("category" = Option<String>, Query, description = "A category slug; its subcategories are included"),
        ("letter" = Option<String>, Query, pattern = "^[A-Za-z]$", description = "Only names starting with this letter")
    ),
    responses((status = 200, description = "OK", body = SearchResponse))
)]
pub async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<SearchResponse>> {
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let one = |key: &str| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let number = |key: &str| -> ApiResult<Option<i64>> {
        one(key)
            .map(|v| {
                v.trim().parse::<i64>().map_err(|_| {
                    ApiError::bad_request(format!("{key} must be a whole number, not `{v}`"))
                })
            })
            .transpose()
    };
    let text = one("q").unwrap_or_default().to_string();
    let sort = match one("sort") {
        None | Some("relevance") => SearchSort::Relevance,
        Some("downloads") => SearchSort::Downloads,
        Some("recent-downloads") => SearchSort::RecentDownloads,
        Some("recent-updates") => SearchSort::RecentUpdates,
        Some("new") => SearchSort::New,
        Some("alpha") => SearchSort::Alphabetical,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "unknown sort `{other}`: use relevance, downloads, recent-downloads, \
                 recent-updates, new or alpha"
            )))
        }
    };
    let letter = match one("letter") {
        None => None,
        Some(letter) => {
            let mut chars = letter.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphabetic() => Some(c),
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "letter must be one letter a-z, not `{letter}`"
                    )))
                }
            }
        }
    };
    let names: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "ids[]")
        .map(|(_, v)| v.clone())
        .collect();
    if names.len() > 100 {
        return Err(ApiError::bad_request(
            "at most 100 ids[] may be given at once",
        ));
    }
    let page = check_page(number("page")?)?;
    let per_page = check_per_page(number("per_page")?.unwrap_or(10))?;
    let query = SearchQuery {
        page,
        per_page,
        sort,
        names,
        user_id: number("user_id")?,
        team_id: number("team_id")?,
        keyword: one("keyword").map(str::to_string),
        category: one("category").map(str::to_string),
        letter,
        recent_since: recent_days_since(),
        ..SearchQuery::text(&text)
    };
    let SearchPage { crates, total } = state.search(&query).await?;
    // The other pages keep every parameter but the page, as crates.io's do.
    let page_link = |page: i64| {
        let mut link = url::form_urlencoded::Serializer::new(String::new());
        link.append_pair("page", &page.to_string());
        for (k, v) in pairs.iter().filter(|(k, _)| k != "page") {
            link.append_pair(k, v);
        }
        format!("?{}", link.finish())
    };
    let shown_before = (page - 1) * per_page;
    Ok(Json(SearchResponse {
        crates: encode_crates(&state, &crates, &text).await?,
        meta: SearchMeta {
            total: total.count(),
            // An estimated total (a broad search) cannot tell where the last page is; a full
            // page can: the one after it may be empty, never missing.
            next_page: match total {
                SearchTotal::Exact(total) => shown_before + (crates.len() as i64) < total,
                SearchTotal::Estimated(_) => crates.len() as i64 == per_page,
            }
            .then(|| page_link(page + 1)),
            prev_page: (page > 1).then(|| page_link(page - 1)),
        },
    }))
}

/// The policy's findings on a version, for its owners and for admins only.
#[utoipa::path(
    get,
    path = "/api/v1/crates/{name}/{version}/findings",
    tag = "versions",
    params(VersionPath),
    responses((status = 200, description = "OK", body = FindingsResponse)),
    security(("cargo_token" = []))
)]
pub async fn version_findings(
    State(state): State<AppState>,
    caller: Caller,
    Path(VersionPath { name, version }): Path<VersionPath>,
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

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteParams {
    message: Option<String>,
}

/// `DELETE /api/v1/crates/{name}`: an owner deletes their crate, if the deletion rule allows it.
#[utoipa::path(
    delete,
    path = "/api/v1/crates/{name}",
    tag = "crates",
    params(CratePath, DeleteParams),
    responses((status = 204, description = "Deleted")),
    security(("cargo_token" = []))
)]
pub async fn delete_crate(
    State(state): State<AppState>,
    caller: Caller,
    Path(CratePath { name }): Path<CratePath>,
    Query(params): Query<DeleteParams>,
) -> ApiResult<axum::http::StatusCode> {
    state
        .delete_crate(&caller.principal(), &name, params.message.as_deref())
        .await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// `DELETE /api/v1/crates/{name}/{version}`: an owner deletes one version, if the deletion rule
/// applied to that version allows it.
#[utoipa::path(
    delete,
    path = "/api/v1/crates/{name}/{version}",
    tag = "versions",
    params(VersionPath, DeleteParams),
    responses((status = 204, description = "Deleted")),
    security(("cargo_token" = []))
)]
pub async fn delete_version(
    State(state): State<AppState>,
    caller: Caller,
    Path(VersionPath { name, version }): Path<VersionPath>,
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
#[utoipa::path(
    get,
    path = "/api/v1/crates/{name}/downloads",
    tag = "crates",
    params(CratePath),
    responses((status = 200, description = "OK", body = CrateDownloadsResponse))
)]
pub async fn crate_downloads(
    State(state): State<AppState>,
    Path(CratePath { name }): Path<CratePath>,
) -> ApiResult<Json<CrateDownloadsResponse>> {
    let krate = find_crate(&state, &name).await?;
    let days = state
        .db
        .crate_downloads(krate.id, &recent_days_since())
        .await?;
    Ok(Json(CrateDownloadsResponse {
        version_downloads: days.iter().map(Into::into).collect(),
        meta: DownloadsMeta {
            extra_downloads: [],
        },
    }))
}

/// `GET /api/v1/crates/{name}/{version}/downloads`: one version's downloads per day over the same
/// 90 days, read from the same counts as the crate's.
#[utoipa::path(
    get,
    path = "/api/v1/crates/{name}/{version}/downloads",
    tag = "versions",
    params(VersionPath),
    responses((status = 200, description = "OK", body = VersionDownloadsResponse))
)]
pub async fn version_downloads(
    State(state): State<AppState>,
    Path(VersionPath { name, version }): Path<VersionPath>,
) -> ApiResult<Json<VersionDownloadsResponse>> {
    let (krate, version) = find_version(&state, &name, &version).await?;
    let days = state
        .db
        .crate_downloads(krate.id, &recent_days_since())
        .await?;
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
#[utoipa::path(
    get,
    path = "/api/v1/crates/{name}/{version}/readme",
    tag = "versions",
    params(VersionPath),
    responses((status = 200, description = "The README the version's package carried, as published", body = String, content_type = "text/plain; charset=utf-8"))
)]
pub async fn version_readme(
    State(state): State<AppState>,
    Path(VersionPath { name, version }): Path<VersionPath>,
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
#[utoipa::path(
    get,
    path = "/api/v1/crates/{name}/{version}/authors",
    tag = "versions",
    params(VersionPath),
    responses((status = 200, description = "OK", body = AuthorsResponse))
)]
pub async fn version_authors(
    State(state): State<AppState>,
    Path(VersionPath { name, version }): Path<VersionPath>,
) -> ApiResult<Json<AuthorsResponse>> {
    find_version(&state, &name, &version).await?;
    Ok(Json(AuthorsResponse::NONE))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    page: Option<i64>,
    per_page: Option<i64>,
}

/// The crates that depend on this one, each through its newest version that does, ten a page
/// unless `per_page` says otherwise (as on crates.io).
#[utoipa::path(
    get,
    path = "/api/v1/crates/{name}/reverse_dependencies",
    tag = "crates",
    params(CratePath, PageParams),
    responses((status = 200, description = "OK", body = ReverseDependenciesResponse))
)]
pub async fn reverse_dependencies(
    State(state): State<AppState>,
    Path(CratePath { name }): Path<CratePath>,
    Query(params): Query<PageParams>,
) -> ApiResult<Json<ReverseDependenciesResponse>> {
    let krate = find_crate(&state, &name).await?;
    let page = check_page(params.page)?;
    let per_page = check_per_page(params.per_page.unwrap_or(10))?;
    let dependents = state.db.reverse_dependencies(&krate.name).await?;
    let total = dependents.len() as i64;
    let shown: Vec<_> = dependents
        .into_iter()
        .skip(((page - 1) * per_page) as usize)
        .take(per_page as usize)
        .collect();
    let ids: Vec<i64> = shown.iter().map(|d| d.version_id).collect();
    let mut versions = state.db.versions_by_id(&ids).await?;
    versions.sort_by_key(|v| ids.iter().position(|id| *id == v.id));
    let names: std::collections::HashMap<i64, &str> = shown
        .iter()
        .map(|d| (d.version_id, d.crate_name.as_str()))
        .collect();
    Ok(Json(ReverseDependenciesResponse {
        dependencies: shown
            .iter()
            .map(|d| EncodableDependency::reverse(&krate.name, d))
            .collect(),
        versions: versions
            .iter()
            .map(|v| {
                let crate_name = names.get(&v.id).copied().unwrap_or_default();
                EncodableVersion::from_record(crate_name, v, &state.config.public_url)
            })
            .collect(),
        meta: TotalMeta { total },
    }))
}

/// The caller's open owner invitations, in crates.io's shape.
#[utoipa::path(
    get,
    path = "/api/v1/me/crate_owner_invitations",
    tag = "account",
    responses((status = 200, description = "OK", body = InvitationsResponse)),
    security(("cargo_token" = []))
)]
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

#[derive(Deserialize, utoipa::ToSchema)]
pub struct InvitationAnswer {
    crate_owner_invite: InvitationAnswerBody,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct InvitationAnswerBody {
    accepted: bool,
}

/// Accepts or declines an invitation: `{"crate_owner_invite": {"crate_id": N, "accepted": true}}`.
#[utoipa::path(
    put,
    path = "/api/v1/me/crate_owner_invitations/{crate_id}",
    tag = "account",
    params(("crate_id" = i64, Path, description = "The id of the crate the invitation is for")),
    request_body = InvitationAnswer,
    responses((status = 200, description = "OK", body = InvitationAnswerResponse)),
    security(("cargo_token" = []))
)]
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
#[utoipa::path(
    put,
    path = "/api/v1/me/crate_owner_invitations/accept/{token}",
    tag = "account",
    params(("token" = String, Path, description = "The secret from the invitation's e-mail")),
    responses((status = 200, description = "OK", body = InvitationAnswerResponse))
)]
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

#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "account",
    responses((status = 200, description = "OK", body = MeResponse)),
    security(("cargo_token" = []))
)]
pub async fn me(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<MeResponse>> {
    Ok(Json(MeResponse {
        user: EncodablePrivateUser::new(&caller.user, &state.config.public_url),
    }))
}

#[utoipa::path(
    get,
    path = "/api/v1/users/{login}",
    tag = "account",
    params(("login" = String, Path, example = "alice")),
    responses((status = 200, description = "OK", body = UserResponse))
)]
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
