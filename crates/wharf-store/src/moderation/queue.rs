//! What moderators (and owners) read: the review queue, one target's evidence, and the findings and
//! publishers shown on a crate's page.
//!
//! The queue is composed by the policy (`wharf_policy::moderation::queue::compose_queue`) from the
//! candidate rows read here; the reads are narrowed with the policy's own lists (the verdicts that
//! queue a version, the rules that mark a placeholder) so they do not scan the whole registry.

use super::krate::{crate_hold, notice_from_row};
use super::reports::{report_from_row, ReportRecord, REPORT_COLUMNS};
use super::{resolve, Resolved, Target};
use crate::crates::StoredFinding;
use crate::users::{user_from_row, UserRecord, USER_COLUMNS};
use crate::{now_millis, Db, StoreError};
use sqlx::Row;
use std::collections::BTreeMap;
use wharf_policy::moderation::queue::{
    compose_queue, GatedVersion, HeldCrate, OpenNotice, OpenReport, Placeholder, QueueFacts,
    QueueItem, PLACEHOLDER_RULES, QUEUED_VERDICTS,
};
use wharf_policy::Verdict;

/// A version's gate verdict and findings, as a moderator reviews them.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionEvidence {
    pub version: String,
    pub verdict: String,
    pub held: bool,
    pub reviewed: bool,
    pub findings: Vec<StoredFinding>,
}

/// Everything a moderator needs to judge a target.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueDetail {
    pub target: String,
    pub reports: Vec<ReportRecord>,
    pub versions: Vec<VersionEvidence>,
    pub owners: Vec<String>,
    /// Other crates the owners (or the user) own.
    pub related_crates: Vec<String>,
    pub held: Option<String>,
    pub user: Option<UserRecord>,
}

/// `$first, $first+1, …`: the parameters of an `IN (…)` list of `count` values.
fn parameters(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A verdict as `versions.verdict` stores it.
fn stored_verdict(text: &str) -> Result<Verdict, sqlx::Error> {
    [
        Verdict::Allow,
        Verdict::Flag,
        Verdict::Hold,
        Verdict::Reject,
    ]
    .into_iter()
    .find(|verdict| verdict.as_str() == text)
    .ok_or_else(|| sqlx::Error::Decode(format!("unknown verdict `{text}`").into()))
}

impl Db {
    /// Everything waiting for a moderator now: open reports, versions the gate flagged or held that
    /// no one has reviewed, crates held as a whole, idle placeholders and notices that stopped
    /// waiting. Held crates first, then the oldest.
    pub async fn review_queue(&self) -> Result<Vec<QueueItem>, StoreError> {
        let now = now_millis();
        Ok(compose_queue(self.queue_facts().await?, now))
    }

    /// The candidate rows the queue is composed from.
    async fn queue_facts(&self) -> Result<QueueFacts, StoreError> {
        let reports = sqlx::query(
            "SELECT reports.target, reports.category, reports.created_at, users.trusted_reporter \
             FROM reports JOIN users ON users.id = reports.reporter_id WHERE reports.status = 'open'",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| {
            Ok(OpenReport {
                target: row.try_get("target")?,
                category: row.try_get("category")?,
                created_at: row.try_get("created_at")?,
                trusted: crate::flag(row, "trusted_reporter")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;

        let sql = format!(
            "SELECT crates.name, versions.num, versions.verdict, versions.created_at, versions.reviewed_at \
             FROM versions JOIN crates ON crates.id = versions.crate_id \
             WHERE versions.verdict IN ({}) AND versions.reviewed_at IS NULL",
            parameters(1, QUEUED_VERDICTS.len())
        );
        let mut query = sqlx::query(&sql);
        for verdict in QUEUED_VERDICTS {
            query = query.bind(verdict.as_str());
        }
        let versions = query
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| {
                Ok(GatedVersion {
                    crate_name: row.try_get("name")?,
                    num: row.try_get("num")?,
                    verdict: stored_verdict(row.try_get("verdict")?)?,
                    published_at: row.try_get("created_at")?,
                    reviewed: row.try_get::<Option<i64>, _>("reviewed_at")?.is_some(),
                })
            })
            .collect::<Result<_, sqlx::Error>>()?;

        let held =
            sqlx::query("SELECT name, held_at, held_reason FROM crates WHERE held_at IS NOT NULL")
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(|row| {
                    Ok(HeldCrate {
                        name: row.try_get("name")?,
                        held_at: row.try_get("held_at")?,
                        reason: row.try_get("held_reason")?,
                    })
                })
                .collect::<Result<_, sqlx::Error>>()?;

        // Crates whose newest version has a placeholder finding, matched by the policy's rule ids;
        // whether they have been idle long enough is the policy's to say.
        let sql = format!(
            "SELECT crates.name, versions.created_at, versions.reviewed_at FROM crates \
             JOIN versions ON versions.crate_id = crates.id \
             WHERE versions.id = (SELECT MAX(v.id) FROM versions v WHERE v.crate_id = crates.id) \
             AND EXISTS (SELECT 1 FROM version_findings f WHERE f.version_id = versions.id \
             AND f.rule IN ({}))",
            parameters(1, PLACEHOLDER_RULES.len())
        );
        let mut query = sqlx::query(&sql);
        for rule in PLACEHOLDER_RULES {
            query = query.bind(*rule);
        }
        let placeholders = query
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| {
                Ok(Placeholder {
                    crate_name: row.try_get("name")?,
                    published_at: row.try_get("created_at")?,
                    reviewed_at: row.try_get("reviewed_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?;

        let notices = sqlx::query(
            "SELECT crates.name, notices.reason, notices.deadline, notices.created_at, notices.reply, \
             notices.replied_at FROM notices JOIN crates ON crates.id = notices.crate_id \
             WHERE notices.closed_at IS NULL",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| {
            Ok(OpenNotice {
                crate_name: row.try_get("name")?,
                notice: notice_from_row(row)?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;

        Ok(QueueFacts {
            reports,
            versions,
            held,
            placeholders,
            notices,
        })
    }

    /// The evidence on one target.
    pub async fn review_item(&self, target: &Target) -> Result<QueueDetail, StoreError> {
        let mut conn = self.pool().acquire().await?;
        let conn = &mut *conn;
        let resolved = resolve(conn, target).await?;
        let (filter, key, prefix) = resolved.report_filter();
        let reports = sqlx::query(&format!(
            "SELECT {REPORT_COLUMNS} FROM reports JOIN users ON users.id = reports.reporter_id \
             WHERE {filter} ORDER BY reports.id"
        ))
        .bind(&key)
        .bind(&prefix)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(report_from_row)
        .collect::<Result<_, _>>()?;
        let mut versions = Vec::new();
        let mut owners = Vec::new();
        let mut related = Vec::new();
        let mut held = None;
        let mut user = None;
        let owner_ids: Vec<i64> = match &resolved {
            Resolved::User(u) => {
                user = Some(u.clone());
                vec![u.id]
            }
            _ => {
                let crate_id = resolved.crate_id().expect("a crate target");
                held = crate_hold(conn, crate_id).await?;
                let version_filter = match &resolved {
                    Resolved::Version(version) => format!("AND id = {}", version.version_id),
                    _ => String::new(),
                };
                let rows = sqlx::query(&format!(
                    "SELECT id, num, verdict, held, reviewed_at FROM versions WHERE crate_id = $1 {version_filter} ORDER BY id"
                ))
                .bind(crate_id)
                .fetch_all(&mut *conn)
                .await?;
                for row in &rows {
                    let version_id: i64 = row.try_get("id")?;
                    let findings = sqlx::query(
                        "SELECT rule, severity, file, line, evidence FROM version_findings WHERE version_id = $1 ORDER BY id",
                    )
                    .bind(version_id)
                    .fetch_all(&mut *conn)
                    .await?
                    .iter()
                    .map(crate::crates::finding_from_row)
                    .collect::<Result<_, _>>()?;
                    versions.push(VersionEvidence {
                        version: row.try_get("num")?,
                        verdict: row.try_get("verdict")?,
                        held: crate::flag(row, "held")?,
                        reviewed: row.try_get::<Option<i64>, _>("reviewed_at")?.is_some(),
                        findings,
                    });
                }
                let rows = sqlx::query(
                    "SELECT users.id, users.login FROM crate_owners JOIN users ON users.id = crate_owners.user_id \
                     WHERE crate_owners.crate_id = $1 ORDER BY users.login_canonical",
                )
                .bind(crate_id)
                .fetch_all(&mut *conn)
                .await?;
                let mut ids = Vec::new();
                for row in &rows {
                    ids.push(row.try_get("id")?);
                    owners.push(row.try_get("login")?);
                }
                ids
            }
        };
        for owner in owner_ids {
            let rows = sqlx::query(
                "SELECT crates.name FROM crate_owners JOIN crates ON crates.id = crate_owners.crate_id \
                 WHERE crate_owners.user_id = $1 ORDER BY crates.canonical_name",
            )
            .bind(owner)
            .fetch_all(&mut *conn)
            .await?;
            for row in &rows {
                let name: String = row.try_get("name")?;
                if !related.contains(&name) && Some(name.as_str()) != resolved.crate_name() {
                    related.push(name);
                }
            }
        }
        Ok(QueueDetail {
            target: key,
            reports,
            versions,
            owners,
            related_crates: related,
            held,
            user,
        })
    }

    /// The accounts that published a version of a crate, held versions included: team members
    /// and former owners among them, who are not in its owners' list.
    pub async fn publishers_of(&self, crate_id: i64) -> Result<Vec<UserRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE users.id IN \
             (SELECT versions.published_by FROM versions WHERE versions.crate_id = $1) \
             ORDER BY users.login_canonical"
        ))
        .bind(crate_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(user_from_row).collect::<Result<_, _>>()?)
    }

    /// The gate's verdict and findings on every version of a crate, held versions included, newest
    /// first: what its owners and the moderators are shown on the crate's page. Two queries,
    /// whatever the number of versions.
    pub async fn crate_findings(&self, crate_id: i64) -> Result<Vec<VersionEvidence>, StoreError> {
        let versions = sqlx::query(
            "SELECT id, num, verdict, held, reviewed_at FROM versions WHERE crate_id = $1 ORDER BY id DESC",
        )
        .bind(crate_id)
        .fetch_all(self.pool())
        .await?;
        let findings = sqlx::query(
            "SELECT version_findings.version_id, version_findings.rule, version_findings.severity, \
             version_findings.file, version_findings.line, version_findings.evidence \
             FROM version_findings JOIN versions ON versions.id = version_findings.version_id \
             WHERE versions.crate_id = $1 ORDER BY version_findings.id",
        )
        .bind(crate_id)
        .fetch_all(self.pool())
        .await?;
        let mut by_version: BTreeMap<i64, Vec<StoredFinding>> = BTreeMap::new();
        for row in &findings {
            by_version
                .entry(row.try_get("version_id")?)
                .or_default()
                .push(crate::crates::finding_from_row(row)?);
        }
        versions
            .iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                Ok(VersionEvidence {
                    version: row.try_get("num")?,
                    verdict: row.try_get("verdict")?,
                    held: crate::flag(row, "held")?,
                    reviewed: row.try_get::<Option<i64>, _>("reviewed_at")?.is_some(),
                    findings: by_version.remove(&id).unwrap_or_default(),
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }
}
