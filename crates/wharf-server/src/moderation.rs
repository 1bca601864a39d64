//! Reports and moderation over the API: users report crates, versions and accounts; moderators work
//! the review queue and act; admins read the audit log.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::wire::{
    ActionResponse, AuditResponse, BulkActionResponse, BulkActionResult, FiledReportResponse,
    MessageResponse, QueueItemResponse, QueueResponse, ReportCategoriesResponse, ReportsResponse,
};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use wharf_policy::reports::{
    malware_reports_hold, report_category, MalwareReport, MALICIOUS_CODE, REPORT_CATEGORIES,
};
use wharf_store::{AuditQuery, FiledReport, ModAction, ModOutcome, NewReport, Target};

/// The longest report (in bytes) a user may write, and the longest answer to a notice.
pub const MAX_REPORT_DETAILS: usize = 10_000;

/// The hold rule in words, as the policy page and the categories list state it.
pub const TRUSTED_REPORTER_RULE: &str = "A report of malicious code holds the crate at once (out of \
     the index and downloads, closed to publishing) until a moderator decides, when it comes from a \
     trusted reporter and the crate was first published less than 24 hours ago, or when at least two \
     people have reported it and at least one of them is a trusted reporter.";

impl Caller {
    fn require_moderator(&self) -> Result<(), ApiError> {
        if !self.user.can_moderate() {
            return Err(ApiError::forbidden(
                "only the registry's moderators and admins can do this",
            ));
        }
        self.require_full_token()
    }

    fn require_full_token(&self) -> Result<(), ApiError> {
        // A token limited to some scopes was made for a narrower job than moderating.
        if self.token.endpoint_scopes.is_some() {
            return Err(ApiError::forbidden(
                "moderation needs a token without scope restrictions",
            ));
        }
        Ok(())
    }
}

impl AppState {
    /// What an action leaves to do outside the database: index files and `.crate` files.
    async fn apply(&self, outcome: &ModOutcome) -> Result<(), ApiError> {
        for crate_id in &outcome.reindex {
            self.rewrite_index(*crate_id).await?;
        }
        for name in &outcome.removed_crates {
            self.index.remove(name)?;
            self.index_cache.invalidate(&wharf_index::index_path(name));
        }
        for key in &outcome.removed_files {
            if let Err(error) = self.blobs.delete(key).await {
                tracing::warn!(%error, key, "could not remove a removed crate's file");
            }
        }
        Ok(())
    }
}

/// `GET /api/v1/reports/categories`.
pub async fn report_categories() -> Json<ReportCategoriesResponse> {
    Json(ReportCategoriesResponse {
        categories: REPORT_CATEGORIES,
        automatic_hold: TRUSTED_REPORTER_RULE,
    })
}

#[derive(Deserialize)]
pub struct ReportBody {
    /// `crate:NAME`, `crate:NAME@VERSION` or `user:LOGIN`.
    target: String,
    category: String,
    details: String,
}

/// `POST /api/v1/reports`: any signed-in user reports a crate, a version or an account.
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
            caller.user.id,
            &target,
            &report.category,
            &report.details,
            &caller.actor(),
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

impl AppState {
    /// Files a report under the registry's rules — a known category, details of 1 to
    /// [`MAX_REPORT_DETAILS`] bytes, the reporter's `report` rate bucket, and the trusted-reporter
    /// hold rule — and rewrites the index when the report holds the crate. The API and the web
    /// site both file through here, so a report is the same whichever way it arrives.
    pub async fn file_report(
        &self,
        reporter_id: i64,
        target: &Target,
        category: &str,
        details: &str,
        actor: &wharf_store::Actor,
    ) -> Result<FiledReport, ApiError> {
        if report_category(category).is_none() {
            return Err(ApiError::bad_request(format!(
                "unknown report category `{category}`: see GET /api/v1/reports/categories"
            )));
        }
        let details = details.trim();
        if details.is_empty() || details.len() > MAX_REPORT_DETAILS {
            return Err(ApiError::bad_request(format!(
                "say what is wrong in `details` (1 to {MAX_REPORT_DETAILS} characters)"
            )));
        }
        let now = wharf_store::now_millis();
        let filed = self
            .db
            .file_report(
                NewReport {
                    reporter_id,
                    target,
                    category,
                    details,
                    malware_category: MALICIOUS_CODE,
                },
                self.config.rate_limits.report,
                |reports, first_published_at| {
                    let reports: Vec<MalwareReport> = reports
                        .iter()
                        .map(|&(reporter_id, trusted)| MalwareReport {
                            reporter_id,
                            trusted,
                        })
                        .collect();
                    malware_reports_hold(&reports, first_published_at, now)
                },
                actor,
            )
            .await?;
        if let Some((crate_id, reason)) = &filed.held {
            tracing::warn!(target = filed.target, reason, "crate held by reports");
            self.rewrite_index(*crate_id).await?;
        }
        Ok(filed)
    }
}

/// `GET /api/v1/me/reports`: the caller's reports and what became of them.
pub async fn my_reports(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<ReportsResponse>> {
    let reports = state.db.reports_by(caller.user.id).await?;
    Ok(Json(ReportsResponse { reports }))
}

#[derive(Deserialize)]
pub struct NoticeReply {
    reply: String,
}

/// `PUT /api/v1/crates/{name}/notice`: an owner answers a notice before removal.
pub async fn reply_to_notice(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<MessageResponse>> {
    let reply: NoticeReply = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_request(format!("invalid reply: expected {{\"reply\": \"…\"}}: {e}"))
    })?;
    let text = reply.reply.trim();
    if text.is_empty() || text.len() > MAX_REPORT_DETAILS {
        return Err(ApiError::bad_request(format!(
            "write your answer in `reply` (1 to {MAX_REPORT_DETAILS} characters)"
        )));
    }
    state
        .db
        .reply_to_notice(&name, caller.user.id, text, &caller.actor())
        .await?;
    Ok(Json(MessageResponse::ok(
        "your answer is with the moderators",
    )))
}

/// `GET /api/v1/admin/queue`.
pub async fn queue(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<QueueResponse>> {
    caller.require_moderator()?;
    Ok(Json(QueueResponse {
        items: state.db.review_queue().await?,
    }))
}

/// `GET /api/v1/admin/queue/{target}`: the evidence on one item.
pub async fn queue_item(
    State(state): State<AppState>,
    caller: Caller,
    Path(target): Path<String>,
) -> ApiResult<Json<QueueItemResponse>> {
    caller.require_moderator()?;
    let detail = state.db.review_item(&Target::parse(&target)?).await?;
    Ok(Json(QueueItemResponse { item: detail }))
}

#[derive(Deserialize)]
pub struct ActionBody {
    action: String,
    target: String,
    reason: String,
    #[serde(flatten)]
    options: ActionOptions,
}

/// An action's options, as the API and the CLI take them.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActionOptions {
    /// For `suspend` and `notice`: the end, in RFC 3339.
    pub until: Option<String>,
    /// For `suspend` and `notice`: the length in days, instead of `until`.
    pub days: Option<u32>,
    /// For `remove-crate`: keep the name from ever being registered again.
    #[serde(default)]
    pub reserve: bool,
    /// For `terminate`: remove the crates the account alone owns.
    #[serde(default)]
    pub remove_crates: bool,
    /// For `reassign`: the user offered the name.
    pub to: Option<String>,
}

/// How long owners have to answer a notice unless the moderator says otherwise.
const NOTICE_DAYS: u32 = 14;

/// A point in time from `until` (RFC 3339) or `days` from now; `None` when neither is given.
fn end_time(until: Option<&str>, days: Option<u32>) -> Result<Option<i64>, ApiError> {
    match (until, days) {
        (Some(_), Some(_)) => Err(ApiError::bad_request("give `until` or `days`, not both")),
        (Some(text), None) => Ok(Some(
            chrono::DateTime::parse_from_rfc3339(text)
                .map_err(|e| ApiError::bad_request(format!("invalid `until` `{text}`: {e}")))?
                .timestamp_millis(),
        )),
        (None, Some(days)) => Ok(Some(
            wharf_store::now_millis() + i64::from(days) * 86_400_000,
        )),
        (None, None) => Ok(None),
    }
}

/// Turns an action's name and options into the action.
pub fn parse_action(name: &str, options: &ActionOptions) -> Result<ModAction, ApiError> {
    let ActionOptions {
        until,
        days,
        reserve,
        remove_crates,
        to,
    } = options;
    let (until, days, reserve, remove_crates) = (until.as_deref(), *days, *reserve, *remove_crates);
    Ok(match name {
        "dismiss" => ModAction::Dismiss,
        "release" => ModAction::Release,
        "hold" => ModAction::Hold,
        "yank" => ModAction::Yank,
        "remove-version" => ModAction::RemoveVersion,
        "remove-crate" => ModAction::RemoveCrate { reserve },
        "suspend" => ModAction::Suspend {
            until: end_time(until, days)?,
        },
        "notice" => ModAction::Notice {
            deadline: match end_time(until, days)? {
                Some(deadline) => deadline,
                None => wharf_store::now_millis() + i64::from(NOTICE_DAYS) * 86_400_000,
            },
        },
        "reassign" => ModAction::Reassign {
            to: to
                .clone()
                .ok_or_else(|| ApiError::bad_request("`reassign` needs `to`: the user offered the name"))?,
        },
        "lift" => ModAction::Lift,
        "terminate" => ModAction::Terminate { remove_crates },
        "trust" => ModAction::Trust { trusted: true },
        "untrust" => ModAction::Trust { trusted: false },
        other => {
            return Err(ApiError::bad_request(format!(
                "unknown action `{other}`: dismiss, release, hold, yank, remove-version, remove-crate, \
                 suspend, lift, terminate, trust, untrust, notice or reassign"
            )))
        }
    })
}

/// `POST /api/v1/admin/actions`: a moderator acts on a target, with a reason.
pub async fn act(
    State(state): State<AppState>,
    caller: Caller,
    body: axum::body::Bytes,
) -> ApiResult<Json<ActionResponse>> {
    caller.require_moderator()?;
    let body: ActionBody = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_request(format!(
            "invalid action: expected {{\"action\": \"…\", \"target\": \"…\", \"reason\": \"…\"}}: {e}"
        ))
    })?;
    let action = parse_action(&body.action, &body.options)?;
    let target = Target::parse(&body.target)?;
    state
        .moderate(&action, &target, &body.reason, &caller.actor())
        .await?;
    Ok(Json(ActionResponse {
        ok: true,
        action: action.name(),
        target: body.target,
    }))
}

#[derive(Deserialize)]
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
pub async fn act_in_bulk(
    State(state): State<AppState>,
    caller: Caller,
    body: axum::body::Bytes,
) -> ApiResult<Json<BulkActionResponse>> {
    caller.require_moderator()?;
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
        .moderate_all(&action, &targets, &body.reason, &caller.actor())
        .await;
    Ok(Json(BulkActionResponse {
        action: action.name(),
        results,
    }))
}

impl AppState {
    /// Applies one action to many targets, each on its own, and says how each went.
    pub async fn moderate_all(
        &self,
        action: &ModAction,
        targets: &[Target],
        reason: &str,
        actor: &wharf_store::Actor,
    ) -> Vec<BulkActionResult> {
        let mut results = Vec::new();
        for target in targets {
            let label = match target {
                Target::Crate(name) => format!("crate:{name}"),
                Target::Version(name, version) => format!("crate:{name}@{version}"),
                Target::User(login) => format!("user:{login}"),
            };
            let result = self.moderate(action, target, reason, actor).await;
            results.push(BulkActionResult {
                target: label,
                ok: result.is_ok(),
                detail: result.err().map(|error| error.detail),
            });
        }
        results
    }

    /// Applies a moderator's action: the database, then the files.
    pub async fn moderate(
        &self,
        action: &ModAction,
        target: &Target,
        reason: &str,
        actor: &wharf_store::Actor,
    ) -> Result<(), ApiError> {
        let outcome = self
            .db
            .moderate(
                action,
                target,
                reason,
                self.config.deleted_name_block.as_millis() as i64,
                actor,
            )
            .await?;
        self.apply(&outcome).await
    }
}

#[derive(Deserialize)]
pub struct AuditParams {
    actor: Option<String>,
    action: Option<String>,
    target: Option<String>,
    before: Option<i64>,
    limit: Option<i64>,
}

/// `GET /api/v1/admin/audit`: the audit log, newest first, for admins.
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
    caller.require_full_token()?;
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
