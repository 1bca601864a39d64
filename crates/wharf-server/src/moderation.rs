//! Reports and moderation over the API: users report crates, versions and accounts; moderators work
//! the review queue and act; admins read the audit log.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::params::CratePath;
use crate::wire::{
    ActionResponse, AuditResponse, BulkActionResponse, BulkActionResult, FiledReportResponse,
    MessageResponse, QueueItemResponse, QueueResponse, ReportCategoriesResponse, ReportsResponse,
    UpstreamResponse,
};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use wharf_policy::reports::REPORT_CATEGORIES;
use wharf_registry::{parse_action, ActionOptions, Moderator, TRUSTED_REPORTER_RULE};
use wharf_store::{AuditQuery, Target};

/// `GET /api/v1/reports/categories`.
#[utoipa::path(
    get,
    path = "/api/v1/reports/categories",
    tag = "moderation",
    responses((status = 200, description = "OK", body = ReportCategoriesResponse))
)]
pub async fn report_categories() -> Json<ReportCategoriesResponse> {
    Json(ReportCategoriesResponse {
        categories: REPORT_CATEGORIES,
        automatic_hold: TRUSTED_REPORTER_RULE,
    })
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ReportBody {
    /// `crate:NAME`, `crate:NAME@VERSION` or `user:LOGIN`.
    #[schema(pattern = "^(crate|user):.")]
    target: String,
    category: String,
    details: String,
}

/// `POST /api/v1/reports`: any signed-in user reports a crate, a version or an account.
#[utoipa::path(
    post,
    path = "/api/v1/reports",
    tag = "moderation",
    request_body = ReportBody,
    responses((status = 200, description = "Added to the reporter's open report on the same target and reason", body = FiledReportResponse), (status = 201, description = "Filed", body = FiledReportResponse)),
    security(("cargo_token" = []))
)]
pub async fn file_report(
    State(state): State<AppState>,
    caller: Caller,
    body: axum::body::Bytes,
) -> ApiResult<(StatusCode, Json<FiledReportResponse>)> {
    let report: ReportBody = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_request(format!(
            "invalid report: expected {{\"target\": \"crate:NAME\", \"category\": \"…\", \"details\": \"…\"}}: {e}"
        ))
    })?;
    let target = Target::parse(&report.target)?;
    let filed = state
        .file_report(
            &caller.principal(),
            &target,
            &report.category,
            &report.details,
        )
        .await?;
    Ok((
        if filed.merged {
            StatusCode::OK
        } else {
            StatusCode::CREATED
        },
        Json(FiledReportResponse::from(&filed)),
    ))
}

/// `GET /api/v1/me/reports`: the caller's reports and what became of them.
#[utoipa::path(
    get,
    path = "/api/v1/me/reports",
    tag = "moderation",
    responses((status = 200, description = "OK", body = ReportsResponse)),
    security(("cargo_token" = []))
)]
pub async fn my_reports(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<ReportsResponse>> {
    let reports = state.db.reports_by(caller.user.id).await?;
    Ok(Json(ReportsResponse { reports }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NoticeReply {
    reply: String,
}

/// `PUT /api/v1/crates/{name}/notice`: an owner answers a notice before removal.
#[utoipa::path(
    put,
    path = "/api/v1/crates/{name}/notice",
    tag = "moderation",
    params(CratePath),
    request_body = NoticeReply,
    responses((status = 200, description = "OK", body = MessageResponse)),
    security(("cargo_token" = []))
)]
pub async fn reply_to_notice(
    State(state): State<AppState>,
    caller: Caller,
    Path(CratePath { name }): Path<CratePath>,
    body: axum::body::Bytes,
) -> ApiResult<Json<MessageResponse>> {
    let reply: NoticeReply = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_request(format!("invalid reply: expected {{\"reply\": \"…\"}}: {e}"))
    })?;
    state
        .reply_to_notice(&caller.principal(), &name, &reply.reply)
        .await?;
    Ok(Json(MessageResponse::ok(
        "your answer is with the moderators",
    )))
}

/// `GET /api/v1/admin/queue`.
#[utoipa::path(
    get,
    path = "/api/v1/admin/queue",
    tag = "moderation",
    responses((status = 200, description = "OK", body = QueueResponse)),
    security(("cargo_token" = []))
)]
pub async fn queue(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<QueueResponse>> {
    caller.principal().require_moderator()?;
    Ok(Json(QueueResponse {
        items: state.db.review_queue().await?,
    }))
}

/// `GET /api/v1/admin/upstream`.
#[utoipa::path(
    get,
    path = "/api/v1/admin/upstream",
    tag = "moderation",
    responses((status = 200, description = "What the policy withheld from the upstream registry this one proxies, newest first (at most 500), and the operators' rules on its crates", body = UpstreamResponse)),
    security(("cargo_token" = []))
)]
pub async fn upstream(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<UpstreamResponse>> {
    caller.principal().require_moderator()?;
    Ok(Json(UpstreamResponse {
        withheld: state.upstream_withheld(500).await?,
        rules: state.upstream_rules().await?,
    }))
}

/// `GET /api/v1/admin/queue/{target}`: the evidence on one item.
#[utoipa::path(
    get,
    path = "/api/v1/admin/queue/{target}",
    tag = "moderation",
    params(("target" = String, Path, description = "`crate:NAME`, `crate:NAME@VERSION` or `user:LOGIN`", example = "crate:demo")),
    responses((status = 200, description = "OK", body = QueueItemResponse)),
    security(("cargo_token" = []))
)]
pub async fn queue_item(
    State(state): State<AppState>,
    caller: Caller,
    Path(target): Path<String>,
) -> ApiResult<Json<QueueItemResponse>> {
    caller.principal().require_moderator()?;
    let detail = state.db.review_item(&Target::parse(&target)?).await?;
    Ok(Json(QueueItemResponse { item: detail }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ActionBody {
    action: String,
    /// `crate:NAME`, `crate:NAME@VERSION` or `user:LOGIN`.
    #[schema(pattern = "^(crate|user):.")]
    target: String,
    reason: String,
    #[serde(flatten)]
    options: ActionOptions,
}

/// `POST /api/v1/admin/actions`: a moderator acts on a target, with a reason.
#[utoipa::path(
    post,
    path = "/api/v1/admin/actions",
    tag = "moderation",
    request_body = ActionBody,
    responses((status = 200, description = "OK", body = ActionResponse)),
    security(("cargo_token" = []))
)]
pub async fn act(
    State(state): State<AppState>,
    caller: Caller,
    body: axum::body::Bytes,
) -> ApiResult<Json<ActionResponse>> {
    let moderator = Moderator::verify(&caller.principal())?;
    let body: ActionBody = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_request(format!(
            "invalid action: expected {{\"action\": \"…\", \"target\": \"…\", \"reason\": \"…\"}}: {e}"
        ))
    })?;
    let action = parse_action(&body.action, &body.options)?;
    let target = Target::parse(&body.target)?;
    state
        .moderate(&moderator, &action, &target, &body.reason)
        .await?;
    Ok(Json(ActionResponse {
        ok: true,
        action: action.name(),
        target: body.target,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct BulkBody {
    action: String,
    reason: String,
    /// Every crate this account owns…
    account: Option<String>,
    /// …or these targets.
    #[serde(default)]
    targets: Vec<String>,
    #[serde(flatten)]
    options: ActionOptions,
}

/// `POST /api/v1/admin/actions/bulk`: one decision for every crate of an account (or a list of
/// targets), without notice: the answer to a squatting or spam attack.
#[utoipa::path(
    post,
    path = "/api/v1/admin/actions/bulk",
    tag = "moderation",
    request_body = BulkBody,
    responses((status = 200, description = "OK", body = BulkActionResponse)),
    security(("cargo_token" = []))
)]
pub async fn act_in_bulk(
    State(state): State<AppState>,
    caller: Caller,
    body: axum::body::Bytes,
) -> ApiResult<Json<BulkActionResponse>> {
    let moderator = Moderator::verify(&caller.principal())?;
    let body: BulkBody = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_request(format!(
            "invalid bulk action: expected {{\"action\", \"reason\", and \"account\" or \"targets\"}}: {e}"
        ))
    })?;
    let action = parse_action(&body.action, &body.options)?;
    let targets = match (&body.account, body.targets.is_empty()) {
        (Some(login), true) => state.db.crates_of_account(login).await?,
        (None, false) => body
            .targets
            .iter()
            .map(|t| Target::parse(t))
            .collect::<Result<_, _>>()?,
        _ => {
            return Err(ApiError::bad_request(
                "name either an `account` or a list of `targets`",
            ))
        }
    };
    let results = state
        .moderate_all(&moderator, &action, &targets, &body.reason)
        .await
        .into_iter()
        .map(|result| BulkActionResult {
            target: result.target,
            ok: result.ok,
            detail: result.detail,
        })
        .collect();
    Ok(Json(BulkActionResponse {
        action: action.name(),
        results,
    }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    actor: Option<String>,
    action: Option<String>,
    target: Option<String>,
    before: Option<i64>,
    limit: Option<i64>,
}

/// `GET /api/v1/admin/audit`: the audit log, newest first, for admins.
#[utoipa::path(
    get,
    path = "/api/v1/admin/audit",
    tag = "moderation",
    params(AuditParams),
    responses((status = 200, description = "OK", body = AuditResponse)),
    security(("cargo_token" = []))
)]
pub async fn audit(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<AuditParams>,
) -> ApiResult<Json<AuditResponse>> {
    if !caller.user.can_moderate() {
        return Err(ApiError::forbidden(
            "only moderators and admins can read the audit log",
        ));
    }
    caller.principal().require_unrestricted()?;
    let entries = state
        .db
        .audit_entries(&AuditQuery {
            actor: params.actor,
            action: params.action,
            target: params.target,
            before: params.before,
            limit: params.limit.unwrap_or(100),
        })
        .await?;
    let next = entries.last().map(|e| e.id);
    // Client addresses are personal data that investigating abuse seldom needs: admins only.
    let entries: Vec<_> = entries
        .into_iter()
        .map(|mut entry| {
            if !caller.user.is_admin {
                entry.ip = None;
            }
            entry
        })
        .collect();
    Ok(Json(AuditResponse {
        entries,
        next_before: next,
    }))
}
