//! Users' reports: filing one (merged with the reporter's open report on the same target for the
//! same reason), the hold the reports may trigger on their own, and a reporter's list.
//!
//! Whether reports hold a crate is the policy's decision, passed in by the caller like the deletion
//! rule; the store reads the open malware reports it weighs and writes the hold.

use super::krate::{crate_hold, set_crate_hold};
use super::{resolve, Resolved, Target};
use crate::audit::{record, Actor};
use crate::outbox::{notify, Notification};
use crate::policy::{take_rate_token, RateAction, RateLimit};
use crate::{now_millis, Db, StoreError};
use sqlx::Row;

/// A report as its reporter or a moderator sees it.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportRecord {
    pub id: i64,
    pub reporter: String,
    pub reporter_trusted: bool,
    pub target: String,
    pub category: String,
    pub details: String,
    pub status: String,
    pub created_at: i64,
    pub resolved_at: Option<i64>,
    pub resolution: Option<String>,
}

pub(super) const REPORT_COLUMNS: &str =
    "reports.id, users.login AS reporter, users.trusted_reporter, reports.target, \
     reports.category, reports.details, reports.status, reports.created_at, reports.resolved_at, \
     reports.resolution";

pub(super) fn report_from_row(row: &sqlx::any::AnyRow) -> Result<ReportRecord, sqlx::Error> {
    Ok(ReportRecord {
        id: row.try_get("id")?,
        reporter: row.try_get("reporter")?,
        reporter_trusted: crate::flag(row, "trusted_reporter")?,
        target: row.try_get("target")?,
        category: row.try_get("category")?,
        details: row.try_get("details")?,
        status: row.try_get("status")?,
        created_at: row.try_get("created_at")?,
        resolved_at: row.try_get("resolved_at")?,
        resolution: row.try_get("resolution")?,
    })
}

/// A report being filed.
#[derive(Debug, Clone, Copy)]
pub struct NewReport<'a> {
    pub reporter_id: i64,
    pub target: &'a Target,
    /// A category slug the caller has checked.
    pub category: &'a str,
    pub details: &'a str,
    /// The category whose reports the hold rule weighs.
    pub malware_category: &'a str,
}

/// What filing a report did.
#[derive(Debug, Clone)]
pub struct FiledReport {
    pub id: i64,
    pub target: String,
    /// The reporter had already reported this target for this reason; the details were added.
    pub merged: bool,
    /// The crate was held because of the reports: its id, whose index must be rewritten, and why.
    pub held: Option<(i64, String)>,
}

impl Db {
    /// Files a report. A second report by the same person on the same target for the same reason
    /// is merged into the first. Reports of malicious code are weighed by `hold_rule` (the open
    /// malware reports on the crate as `(reporter, trusted)`, and when the crate was first
    /// published), which may hold the crate at once.
    pub async fn file_report(
        &self,
        new: NewReport<'_>,
        limit: RateLimit,
        hold_rule: impl FnOnce(&[(i64, bool)], i64) -> Option<String>,
        actor: &Actor,
    ) -> Result<FiledReport, StoreError> {
        let now = now_millis();
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        let resolved = resolve(conn, new.target).await?;
        let key = resolved.key();
        let existing = sqlx::query(
            "SELECT id, details FROM reports WHERE reporter_id = $1 AND target = $2 AND category = $3 \
             AND status = 'open'",
        )
        .bind(new.reporter_id)
        .bind(&key)
        .bind(new.category)
        .fetch_optional(&mut *conn)
        .await?;
        let (id, merged) = match existing {
            Some(row) => {
                let id: i64 = row.try_get("id")?;
                let details: String = row.try_get("details")?;
                sqlx::query("UPDATE reports SET details = $1, updated_at = $2 WHERE id = $3")
                    .bind(format!("{details}\n\n{}", new.details))
                    .bind(now)
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
                (id, true)
            }
            None => {
                take_rate_token(conn, new.reporter_id, RateAction::Report, limit).await?;
                let user_id = match &resolved {
                    Resolved::User(user) => Some(user.id),
                    _ => None,
                };
                let id: i64 = sqlx::query(
                    "INSERT INTO reports (reporter_id, target, crate_id, user_id, category, details, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                )
                .bind(new.reporter_id)
                .bind(&key)
                .bind(resolved.crate_id())
                .bind(user_id)
                .bind(new.category)
                .bind(new.details)
                .bind(now)
                .fetch_one(&mut *conn)
                .await?
                .try_get("id")?;
                (id, false)
            }
        };
        record(
            conn,
            actor,
            "report.file",
            &key,
            serde_json::json!({ "report": id, "category": new.category, "merged": merged }),
        )
        .await?;

        let mut held = None;
        // Only malware reports on a crate (or one of its versions) are weighed.
        let weighed = match &resolved {
            Resolved::Crate(krate) => Some((krate.id, krate.created_at)),
            Resolved::Version(version) => Some((version.crate_id, version.crate_created_at)),
            Resolved::User(_) => None,
        }
        .filter(|_| new.category == new.malware_category);
        if let Some((crate_id, created_at)) = weighed {
            // A crate already held stays as it is: the reports are weighed only to hold it.
            if crate_hold(conn, crate_id).await?.is_none() {
                let rows = sqlx::query(
                    "SELECT reports.reporter_id, users.trusted_reporter FROM reports \
                     JOIN users ON users.id = reports.reporter_id \
                     WHERE reports.crate_id = $1 AND reports.category = $2 AND reports.status = 'open'",
                )
                .bind(crate_id)
                .bind(new.malware_category)
                .fetch_all(&mut *conn)
                .await?;
                let reports = rows
                    .iter()
                    .map(|r| {
                        Ok((
                            r.try_get("reporter_id")?,
                            crate::flag(r, "trusted_reporter")?,
                        ))
                    })
                    .collect::<Result<Vec<(i64, bool)>, sqlx::Error>>()?;
                if let Some(reason) = hold_rule(&reports, created_at) {
                    set_crate_hold(conn, crate_id, Some(&reason), now).await?;
                    record(
                        conn,
                        &Actor::default(),
                        "crate.hold",
                        &key,
                        serde_json::json!({ "reason": reason, "automatic": true }),
                    )
                    .await?;
                    held = Some((crate_id, reason));
                }
            }
        }
        notify(
            conn,
            new.reporter_id,
            &Notification::ReportReceived {
                report_id: id,
                target: key.clone(),
                category: new.category.to_string(),
            },
        )
        .await?;
        wtx.commit().await?;
        Ok(FiledReport {
            id,
            target: key,
            merged,
            held,
        })
    }

    /// The reports a user filed, newest first, with their status.
    pub async fn reports_by(&self, reporter_id: i64) -> Result<Vec<ReportRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {REPORT_COLUMNS} FROM reports JOIN users ON users.id = reports.reporter_id \
             WHERE reports.reporter_id = $1 ORDER BY reports.id DESC"
        ))
        .bind(reporter_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(report_from_row).collect::<Result<_, _>>()?)
    }
}
