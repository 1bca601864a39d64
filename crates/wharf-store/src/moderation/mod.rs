//! Moderation: users' reports, the review queue, and moderators' actions on crates and accounts.
//!
//! Every action runs in one transaction with its audit row, the resolution of the reports it
//! answers, and the notifications to the people it affects. Whether reports hold a crate on their
//! own is the policy's decision, passed in by the caller like the deletion rule.

use crate::audit::{record, Actor};
use crate::crates::{
    canonical, login_of, record_former_owner, version_changed, FormerOwner, StoredFinding,
};
use crate::deletion::{remove_crate_rows, remove_version_rows, Deleted, RESERVED_FOREVER};
use crate::outbox::{notify, notify_owners, Notification};
use crate::policy::{take_rate_token, RateLimit};
use crate::users::{existing_user, user_from_row, UserRecord, USER_COLUMNS};
use crate::{crate_file_key, now_millis, Db, StoreError};
use sqlx::{AnyConnection, Row};
use std::collections::BTreeMap;

/// What a report or an action is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Crate(String),
    Version(String, String),
    User(String),
}

impl Target {
    /// `crate:NAME`, `crate:NAME@VERSION` or `user:LOGIN`.
    pub fn parse(text: &str) -> Result<Target, StoreError> {
        let invalid = || {
            StoreError::Invalid(format!(
                "invalid target `{text}`: use crate:NAME, crate:NAME@VERSION or user:LOGIN"
            ))
        };
        if let Some(rest) = text.strip_prefix("crate:") {
            match rest.split_once('@') {
                Some((name, version)) if !name.is_empty() && !version.is_empty() => {
                    Ok(Target::Version(name.into(), version.into()))
                }
                Some(_) => Err(invalid()),
                None if !rest.is_empty() => Ok(Target::Crate(rest.into())),
                None => Err(invalid()),
            }
        } else if let Some(login) = text.strip_prefix("user:").filter(|l| !l.is_empty()) {
            Ok(Target::User(login.into()))
        } else {
            Err(invalid())
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Target::Crate(_) => "crate",
            Target::Version(..) => "version",
            Target::User(_) => "user",
        }
    }
}

/// A target looked up in the database, spelled as stored.
#[derive(Debug, Clone)]
enum Resolved {
    Crate {
        id: i64,
        name: String,
        created_at: i64,
    },
    Version {
        crate_id: i64,
        crate_name: String,
        crate_created_at: i64,
        version_id: i64,
        num: String,
        downloads: i64,
    },
    User(UserRecord),
}

impl Resolved {
    fn key(&self) -> String {
        match self {
            Resolved::Crate { name, .. } => format!("crate:{name}"),
            Resolved::Version {
                crate_name, num, ..
            } => format!("crate:{crate_name}@{num}"),
            Resolved::User(user) => format!("user:{}", user.login),
        }
    }

    fn crate_id(&self) -> Option<i64> {
        match self {
            Resolved::Crate { id, .. } => Some(*id),
            Resolved::Version { crate_id, .. } => Some(*crate_id),
            Resolved::User(_) => None,
        }
    }
}

async fn resolve(conn: &mut AnyConnection, target: &Target) -> Result<Resolved, StoreError> {
    match target {
        Target::Crate(name) => {
            let row =
                sqlx::query("SELECT id, name, created_at FROM crates WHERE canonical_name = $1")
                    .bind(canonical(name))
                    .fetch_optional(&mut *conn)
                    .await?
                    .ok_or_else(|| {
                        StoreError::NotFound(format!("crate `{name}` does not exist"))
                    })?;
            Ok(Resolved::Crate {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                created_at: row.try_get("created_at")?,
            })
        }
        Target::Version(name, version) => {
            let row = sqlx::query(
                "SELECT crates.id AS crate_id, crates.name, crates.created_at AS crate_created_at, \
                 versions.id AS version_id, versions.num, versions.downloads FROM versions \
                 JOIN crates ON crates.id = versions.crate_id \
                 WHERE crates.canonical_name = $1 AND versions.num = $2",
            )
            .bind(canonical(name))
            .bind(version)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| {
                StoreError::NotFound(format!("crate `{name}` has no version `{version}`"))
            })?;
            Ok(Resolved::Version {
                crate_id: row.try_get("crate_id")?,
                crate_name: row.try_get("name")?,
                crate_created_at: row.try_get("crate_created_at")?,
                version_id: row.try_get("version_id")?,
                num: row.try_get("num")?,
                downloads: row.try_get("downloads")?,
            })
        }
        Target::User(login) => Ok(Resolved::User(existing_user(conn, login).await?)),
    }
}

/// A report as its reporter or a moderator sees it.
#[derive(Debug, Clone, serde::Serialize)]
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

const REPORT_COLUMNS: &str =
    "reports.id, users.login AS reporter, users.trusted_reporter, reports.target, \
     reports.category, reports.details, reports.status, reports.created_at, reports.resolved_at, \
     reports.resolution";

fn report_from_row(row: &sqlx::any::AnyRow) -> Result<ReportRecord, sqlx::Error> {
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

/// One line of the review queue: a target and why it is there.
#[derive(Debug, Clone, serde::Serialize)]
pub struct QueueItem {
    pub target: String,
    pub open_reports: i64,
    pub trusted_reports: i64,
    pub categories: Vec<String>,
    /// The strictest verdict of the policy gate on versions not yet reviewed.
    pub verdict: Option<String>,
    /// The crate is held as a whole, and why.
    pub held: Option<String>,
    /// A notice to the owners whose deadline passed or that they answered.
    pub notice: Option<NoticeRecord>,
    /// A placeholder (squatting findings) that has had no new version for 30 days.
    pub stale_placeholder: bool,
    /// When the oldest reason for the item arose.
    pub since: i64,
}

/// A notice before removal, as the owners and moderators see it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NoticeRecord {
    pub reason: String,
    pub deadline: i64,
    pub created_at: i64,
    pub reply: Option<String>,
    pub replied_at: Option<i64>,
}

fn notice_from_row(row: &sqlx::any::AnyRow) -> Result<NoticeRecord, sqlx::Error> {
    Ok(NoticeRecord {
        reason: row.try_get("reason")?,
        deadline: row.try_get("deadline")?,
        created_at: row.try_get("created_at")?,
        reply: row.try_get("reply")?,
        replied_at: row.try_get("replied_at")?,
    })
}

/// How long a placeholder may go without a new version before the sweep queues it.
pub const PLACEHOLDER_IDLE_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// A version's gate verdict and findings, as a moderator reviews them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VersionEvidence {
    pub version: String,
    pub verdict: String,
    pub held: bool,
    pub reviewed: bool,
    pub findings: Vec<StoredFinding>,
}

/// Everything a moderator needs to judge a target.
#[derive(Debug, Clone, serde::Serialize)]
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

/// What a moderator does. Each takes a reason, which is audited and told to those affected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModAction {
    /// Nothing wrong: close the reports and mark the findings reviewed.
    Dismiss,
    /// Lift a hold on a version or a whole crate.
    Release,
    /// Hold a whole crate: out of the index and downloads, closed to publishing.
    Hold,
    Yank,
    RemoveVersion,
    /// Remove a crate for good. `reserve` keeps the name from ever being registered again;
    /// otherwise it is blocked like an owner's deletion.
    RemoveCrate {
        reserve: bool,
    },
    /// Suspend an account until a time, or until lifted.
    Suspend {
        until: Option<i64>,
    },
    Lift,
    /// End an account for good: tokens revoked; with `remove_crates`, the crates it alone owns go.
    Terminate {
        remove_crates: bool,
    },
    /// Make a user a trusted reporter, or stop.
    Trust {
        trusted: bool,
    },
    /// Tell the owners their crate may be removed, and why; they may answer until `deadline`. The
    /// item leaves the queue until then, or until they reply.
    Notice {
        deadline: i64,
    },
    /// Offer a squatted name to another user, after a notice: if they accept, they replace the
    /// current owners.
    Reassign {
        to: String,
    },
}

impl ModAction {
    pub fn name(&self) -> &'static str {
        match self {
            ModAction::Dismiss => "dismiss",
            ModAction::Release => "release",
            ModAction::Hold => "hold",
            ModAction::Yank => "yank",
            ModAction::RemoveVersion => "remove-version",
            ModAction::RemoveCrate { .. } => "remove-crate",
            ModAction::Suspend { .. } => "suspend",
            ModAction::Lift => "lift",
            ModAction::Terminate { .. } => "terminate",
            ModAction::Trust { trusted: true } => "trust",
            ModAction::Trust { trusted: false } => "untrust",
            ModAction::Notice { .. } => "notice",
            ModAction::Reassign { .. } => "reassign",
        }
    }
}

/// What the caller must do outside the database after an action.
#[derive(Debug, Clone, Default)]
pub struct ModOutcome {
    /// Crates whose index files must be rewritten.
    pub reindex: Vec<i64>,
    /// Crates removed: their index files go.
    pub removed_crates: Vec<String>,
    /// Blob keys of removed `.crate` files.
    pub removed_files: Vec<String>,
}

/// Roles, from least to most power.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    User,
    Moderator,
    Admin,
}

impl Role {
    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "user" => Some(Role::User),
            "moderator" => Some(Role::Moderator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// Why held crates are held, by crate id.
async fn crate_hold(conn: &mut AnyConnection, crate_id: i64) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query("SELECT held_reason FROM crates WHERE id = $1 AND held_at IS NOT NULL")
            .bind(crate_id)
            .fetch_optional(&mut *conn)
            .await?
            .map(|r| r.try_get::<Option<String>, _>("held_reason"))
            .transpose()?
            .flatten(),
    )
}

async fn set_crate_hold(
    conn: &mut AnyConnection,
    crate_id: i64,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE crates SET held_at = $1, held_reason = $2, index_generation = index_generation + 1 WHERE id = $3")
        .bind(reason.map(|_| now_millis()))
        .bind(reason.map(str::to_string))
        .bind(crate_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The SQL condition on `reports.target` for everything about a target: a crate's reports include
/// those on its versions.
fn target_filter(resolved: &Resolved) -> (String, String, String) {
    let key = resolved.key();
    let prefix = match resolved {
        Resolved::Crate { name, .. } => format!("crate:{name}@%"),
        // Matches nothing else.
        _ => key.clone(),
    };
    (
        "(reports.target = $1 OR reports.target LIKE $2)".into(),
        key,
        prefix,
    )
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
                take_rate_token(conn, new.reporter_id, "report", limit).await?;
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
        if new.category == new.malware_category {
            if let (Some(crate_id), Resolved::Crate { created_at, .. })
            | (
                Some(crate_id),
                Resolved::Version {
                    crate_created_at: created_at,
                    ..
                },
            ) = (resolved.crate_id(), &resolved)
            {
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
                    if let Some(reason) = hold_rule(&reports, *created_at) {
                        set_crate_hold(conn, crate_id, Some(&reason)).await?;
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

    /// Everything waiting for a moderator: open reports, versions the gate flagged or held that no
    /// one has reviewed, and crates held as a whole. Oldest first.
    pub async fn review_queue(&self) -> Result<Vec<QueueItem>, StoreError> {
        let mut items: BTreeMap<String, QueueItem> = BTreeMap::new();
        let blank = |target: &str, since: i64| QueueItem {
            target: target.to_string(),
            open_reports: 0,
            trusted_reports: 0,
            categories: Vec::new(),
            verdict: None,
            held: None,
            notice: None,
            stale_placeholder: false,
            since,
        };
        let reports = sqlx::query(
            "SELECT reports.target, reports.category, reports.created_at, users.trusted_reporter \
             FROM reports JOIN users ON users.id = reports.reporter_id WHERE reports.status = 'open'",
        )
        .fetch_all(self.pool())
        .await?;
        for row in &reports {
            let target: String = row.try_get("target")?;
            let created_at: i64 = row.try_get("created_at")?;
            let item = items
                .entry(target.clone())
                .or_insert_with(|| blank(&target, created_at));
            item.open_reports += 1;
            item.trusted_reports += i64::from(crate::flag(row, "trusted_reporter")?);
            item.since = item.since.min(created_at);
            let category: String = row.try_get("category")?;
            if !item.categories.contains(&category) {
                item.categories.push(category);
            }
        }
        let versions = sqlx::query(
            "SELECT crates.name, versions.num, versions.verdict, versions.created_at FROM versions \
             JOIN crates ON crates.id = versions.crate_id \
             WHERE versions.verdict IN ('flag', 'hold') AND versions.reviewed_at IS NULL",
        )
        .fetch_all(self.pool())
        .await?;
        for row in &versions {
            let name: String = row.try_get("name")?;
            let num: String = row.try_get("num")?;
            let target = format!("crate:{name}@{num}");
            let created_at: i64 = row.try_get("created_at")?;
            let item = items
                .entry(target.clone())
                .or_insert_with(|| blank(&target, created_at));
            item.verdict = Some(row.try_get("verdict")?);
            item.since = item.since.min(created_at);
        }
        let held =
            sqlx::query("SELECT name, held_at, held_reason FROM crates WHERE held_at IS NOT NULL")
                .fetch_all(self.pool())
                .await?;
        for row in &held {
            let name: String = row.try_get("name")?;
            let target = format!("crate:{name}");
            let held_at: i64 = row.try_get("held_at")?;
            let item = items
                .entry(target.clone())
                .or_insert_with(|| blank(&target, held_at));
            item.held = row.try_get("held_reason")?;
        }
        // The sweep: placeholders nobody has touched for 30 days come back, even if a moderator
        // let them pass when they were published.
        let now = now_millis();
        let stale = sqlx::query(
            "SELECT crates.name, versions.created_at FROM crates JOIN versions ON versions.crate_id = crates.id \
             WHERE versions.id = (SELECT MAX(v.id) FROM versions v WHERE v.crate_id = crates.id) \
             AND versions.created_at < $1 \
             AND (versions.reviewed_at IS NULL OR versions.reviewed_at < versions.created_at + $2) \
             AND EXISTS (SELECT 1 FROM version_findings f WHERE f.version_id = versions.id AND f.rule LIKE '%squatting%')",
        )
        .bind(now - PLACEHOLDER_IDLE_MS)
        .bind(PLACEHOLDER_IDLE_MS)
        .fetch_all(self.pool())
        .await?;
        for row in &stale {
            let name: String = row.try_get("name")?;
            let target = format!("crate:{name}");
            let since: i64 = row.try_get::<i64, _>("created_at")? + PLACEHOLDER_IDLE_MS;
            let item = items
                .entry(target.clone())
                .or_insert_with(|| blank(&target, since));
            item.stale_placeholder = true;
        }
        // Open notices: the item waits for the deadline or the owners' reply.
        let notices = sqlx::query(
            "SELECT crates.name, notices.reason, notices.deadline, notices.created_at, notices.reply, \
             notices.replied_at FROM notices JOIN crates ON crates.id = notices.crate_id \
             WHERE notices.closed_at IS NULL",
        )
        .fetch_all(self.pool())
        .await?;
        for row in &notices {
            let name: String = row.try_get("name")?;
            let target = format!("crate:{name}");
            let notice = notice_from_row(row)?;
            if notice.deadline > now && notice.replied_at.is_none() {
                if let Some(item) = items.get(&target) {
                    if item.held.is_none() {
                        items.remove(&target);
                    }
                }
                continue;
            }
            let since = notice.replied_at.unwrap_or(notice.deadline);
            let item = items
                .entry(target.clone())
                .or_insert_with(|| blank(&target, since));
            item.notice = Some(notice);
        }
        let mut items: Vec<QueueItem> = items.into_values().collect();
        // Holds first (something is out of reach until someone decides), then the oldest.
        items.sort_by_key(|item| (item.held.is_none(), item.since));
        Ok(items)
    }

    /// The evidence on one target.
    pub async fn review_item(&self, target: &Target) -> Result<QueueDetail, StoreError> {
        let mut conn = self.pool().acquire().await?;
        let conn = &mut *conn;
        let resolved = resolve(conn, target).await?;
        let (filter, key, prefix) = target_filter(&resolved);
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
                    Resolved::Version { version_id, .. } => format!("AND id = {version_id}"),
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
                if !related.contains(&name) && Some(&name) != crate_name(&resolved).as_ref() {
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

    /// Applies a moderator's action to a target, with its reason.
    pub async fn moderate(
        &self,
        action: &ModAction,
        target: &Target,
        reason: &str,
        name_block_ms: i64,
        actor: &Actor,
    ) -> Result<ModOutcome, StoreError> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid(
                "every moderation action needs a reason".into(),
            ));
        }
        let now = now_millis();
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        let resolved = resolve(conn, target).await?;
        let key = resolved.key();
        let mut outcome = ModOutcome::default();
        let wrong_target = || {
            StoreError::Invalid(format!(
                "`{}` does not apply to a {} target",
                action.name(),
                target.kind()
            ))
        };
        // Who hears of the action: the owners of a crate (read before anything is removed), or the
        // user acted on.
        let affected: Vec<i64> = match &resolved {
            Resolved::User(user) => vec![user.id],
            _ => sqlx::query("SELECT user_id FROM crate_owners WHERE crate_id = $1")
                .bind(resolved.crate_id().expect("a crate target"))
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(|r| r.try_get("user_id"))
                .collect::<Result<_, _>>()?,
        };
        let deleted = Deleted {
            at: now,
            by: actor.user_id,
            message: Some(reason),
            downloads: 0,
        };
        match (action, &resolved) {
            (ModAction::Dismiss, _) => {}
            (ModAction::Release, Resolved::Crate { id, .. }) => {
                if crate_hold(conn, *id).await?.is_none() {
                    return Err(StoreError::Conflict(format!("`{key}` is not held")));
                }
                set_crate_hold(conn, *id, None).await?;
                outcome.reindex.push(*id);
            }
            (
                ModAction::Release,
                Resolved::Version {
                    crate_id,
                    version_id,
                    ..
                },
            ) => {
                let changed = sqlx::query(
                    "UPDATE versions SET held = $1, released_at = $2, released_by = $3 WHERE id = $4 AND held = $5",
                )
                .bind(false)
                .bind(now)
                .bind(actor.user_id)
                .bind(*version_id)
                .bind(true)
                .execute(&mut *conn)
                .await?
                .rows_affected();
                if changed == 0 {
                    return Err(StoreError::Conflict(format!("`{key}` is not held")));
                }
                outcome.reindex.push(*crate_id);
            }
            (ModAction::Hold, Resolved::Crate { id, .. }) => {
                set_crate_hold(conn, *id, Some(reason)).await?;
                outcome.reindex.push(*id);
            }
            (
                ModAction::Yank,
                Resolved::Version {
                    crate_id,
                    version_id,
                    ..
                },
            ) => {
                sqlx::query("UPDATE versions SET yanked = $1, updated_at = $2 WHERE id = $3")
                    .bind(true)
                    .bind(now)
                    .bind(*version_id)
                    .execute(&mut *conn)
                    .await?;
                outcome.reindex.push(*crate_id);
            }
            (
                ModAction::RemoveVersion,
                Resolved::Version {
                    crate_id,
                    crate_name,
                    version_id,
                    num,
                    downloads,
                    ..
                },
            ) => {
                let deleted = Deleted {
                    downloads: *downloads,
                    ..deleted
                };
                remove_version_rows(conn, crate_name, *version_id, num, deleted).await?;
                outcome.removed_files.push(crate_file_key(crate_name, num));
                outcome.reindex.push(*crate_id);
            }
            (ModAction::RemoveCrate { reserve }, Resolved::Crate { id, name, .. }) => {
                let blocked_until = if *reserve {
                    RESERVED_FOREVER
                } else {
                    now.saturating_add(name_block_ms)
                };
                remove_crate_and_files(conn, *id, name, deleted, blocked_until, &mut outcome)
                    .await?;
            }
            (ModAction::Suspend { until }, Resolved::User(user)) => {
                if until.is_some_and(|until| until <= now) {
                    return Err(StoreError::Invalid(
                        "a suspension must end in the future".into(),
                    ));
                }
                sqlx::query(
                    "UPDATE users SET suspended_at = $1, suspended_until = $2, suspension_reason = $3 WHERE id = $4",
                )
                .bind(now)
                .bind(*until)
                .bind(reason)
                .bind(user.id)
                .execute(&mut *conn)
                .await?;
            }
            (ModAction::Lift, Resolved::User(user)) => {
                if user.suspension.is_none() {
                    return Err(StoreError::Conflict(format!(
                        "`{}` is not suspended",
                        user.login
                    )));
                }
                sqlx::query(
                    "UPDATE users SET suspended_at = NULL, suspended_until = NULL, suspension_reason = NULL WHERE id = $1",
                )
                .bind(user.id)
                .execute(&mut *conn)
                .await?;
            }
            (ModAction::Terminate { remove_crates }, Resolved::User(user)) => {
                sqlx::query("UPDATE users SET terminated_at = $1 WHERE id = $2")
                    .bind(now)
                    .bind(user.id)
                    .execute(&mut *conn)
                    .await?;
                sqlx::query(
                    "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
                )
                .bind(now)
                .bind(user.id)
                .execute(&mut *conn)
                .await?;
                if *remove_crates {
                    // Crates the account alone owns go; co-owned ones lose it as an owner.
                    let owned = sqlx::query(
                        "SELECT crates.id, crates.name, (SELECT COUNT(*) FROM crate_owners o WHERE o.crate_id = crates.id) AS owners \
                         FROM crate_owners JOIN crates ON crates.id = crate_owners.crate_id WHERE crate_owners.user_id = $1",
                    )
                    .bind(user.id)
                    .fetch_all(&mut *conn)
                    .await?;
                    for row in &owned {
                        let crate_id: i64 = row.try_get("id")?;
                        let name: String = row.try_get("name")?;
                        if row.try_get::<i64, _>("owners")? == 1 {
                            let blocked_until = now.saturating_add(name_block_ms);
                            remove_crate_and_files(
                                conn,
                                crate_id,
                                &name,
                                deleted,
                                blocked_until,
                                &mut outcome,
                            )
                            .await?;
                        } else {
                            record_former_owner(
                                conn,
                                crate_id,
                                FormerOwner::User(user.id),
                                actor.user_id,
                            )
                            .await?;
                        }
                    }
                }
            }
            (ModAction::Notice { deadline }, Resolved::Crate { id, name, .. }) => {
                if *deadline <= now {
                    return Err(StoreError::Invalid(
                        "a notice's deadline must be in the future".into(),
                    ));
                }
                sqlx::query(
                    "UPDATE notices SET closed_at = $1 WHERE crate_id = $2 AND closed_at IS NULL",
                )
                .bind(now)
                .bind(*id)
                .execute(&mut *conn)
                .await?;
                sqlx::query(
                    "INSERT INTO notices (crate_id, reason, deadline, created_at, created_by) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(*id)
                .bind(reason)
                .bind(*deadline)
                .bind(now)
                .bind(actor.user_id)
                .execute(&mut *conn)
                .await?;
                notify_owners(
                    conn,
                    *id,
                    &Notification::RemovalNotice {
                        crate_name: name.clone(),
                        reason: reason.to_string(),
                        deadline: *deadline,
                    },
                )
                .await?;
                record(
                    conn,
                    actor,
                    "moderation.notice",
                    &key,
                    serde_json::json!({ "reason": reason, "deadline": deadline }),
                )
                .await?;
                wtx.commit().await?;
                // The reports stay open: the decision comes after the owners had their say.
                return Ok(outcome);
            }
            (ModAction::Reassign { to }, Resolved::Crate { id, name, .. }) => {
                let Some(moderator_id) = actor.user_id else {
                    return Err(StoreError::Invalid(
                        "a reassignment is offered by a moderator's account (the API), which the invitation names".into(),
                    ));
                };
                let reviewed = sqlx::query(
                    "SELECT 1 AS one FROM notices WHERE crate_id = $1 AND (deadline <= $2 OR replied_at IS NOT NULL)",
                )
                .bind(*id)
                .bind(now)
                .fetch_optional(&mut *conn)
                .await?;
                if reviewed.is_none() {
                    return Err(StoreError::Invalid(format!(
                        "`{name}` can be reassigned only after the squatting review: send a notice and wait \
                         for its deadline or the owners' reply"
                    )));
                }
                let Resolved::User(new_owner) = resolve(conn, &Target::User(to.clone())).await?
                else {
                    unreachable!("a user target resolves to a user")
                };
                let accept_token = crate::generate_token();
                let expires_at = now.saturating_add(30 * 24 * 60 * 60 * 1000);
                sqlx::query(
                    "DELETE FROM crate_owner_invitations WHERE crate_id = $1 AND invitee_id = $2",
                )
                .bind(*id)
                .bind(new_owner.id)
                .execute(&mut *conn)
                .await?;
                sqlx::query(
                    "INSERT INTO crate_owner_invitations (crate_id, invitee_id, inviter_id, token_hash, created_at, expires_at, replaces_owners) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(*id)
                .bind(new_owner.id)
                .bind(moderator_id)
                .bind(crate::hash_token(&accept_token))
                .bind(now)
                .bind(expires_at)
                .bind(true)
                .execute(&mut *conn)
                .await?;
                notify(
                    conn,
                    new_owner.id,
                    &Notification::OwnerInvitation {
                        crate_name: name.clone(),
                        crate_id: *id,
                        inviter: "the registry's moderators".into(),
                        accept_token: Some(accept_token),
                        expires_at,
                        replaces_owners: true,
                    },
                )
                .await?;
            }
            (ModAction::Trust { trusted }, Resolved::User(user)) => {
                sqlx::query("UPDATE users SET trusted_reporter = $1 WHERE id = $2")
                    .bind(*trusted)
                    .bind(user.id)
                    .execute(&mut *conn)
                    .await?;
            }
            _ => return Err(wrong_target()),
        }

        // Findings looked at, notices and reports answered, and everyone told.
        let (filter, filter_key, prefix) = target_filter(&resolved);
        match &resolved {
            Resolved::Crate { id, .. } => {
                if !matches!(action, ModAction::RemoveCrate { .. }) {
                    sqlx::query(
                        "UPDATE notices SET closed_at = $1 WHERE crate_id = $2 AND closed_at IS NULL",
                    )
                    .bind(now)
                    .bind(*id)
                    .execute(&mut *conn)
                    .await?;
                }
                sqlx::query("UPDATE versions SET reviewed_at = $1 WHERE crate_id = $2 AND reviewed_at IS NULL")
                    .bind(now)
                    .bind(*id)
                    .execute(&mut *conn)
                    .await?;
            }
            Resolved::Version { version_id, .. } => {
                sqlx::query(
                    "UPDATE versions SET reviewed_at = $1 WHERE id = $2 AND reviewed_at IS NULL",
                )
                .bind(now)
                .bind(*version_id)
                .execute(&mut *conn)
                .await?;
            }
            Resolved::User(_) => {}
        }
        let resolution = format!("{}: {reason}", action.name());
        let status = if *action == ModAction::Dismiss {
            "dismissed"
        } else {
            "actioned"
        };
        let reporters: Vec<(i64, i64)> = sqlx::query(&format!(
            "SELECT reports.id, reports.reporter_id FROM reports WHERE {filter} AND reports.status = 'open'"
        ))
        .bind(&filter_key)
        .bind(&prefix)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("reporter_id")?)))
        .collect::<Result<_, sqlx::Error>>()?;
        for (report_id, reporter_id) in &reporters {
            sqlx::query(
                "UPDATE reports SET status = $1, resolved_at = $2, resolved_by = $3, resolution = $4, updated_at = $2 WHERE id = $5",
            )
            .bind(status)
            .bind(now)
            .bind(actor.user_id)
            .bind(&resolution)
            .bind(*report_id)
            .execute(&mut *conn)
            .await?;
            notify(
                conn,
                *reporter_id,
                &Notification::ReportResolved {
                    report_id: *report_id,
                    target: key.clone(),
                    outcome: status.to_string(),
                },
            )
            .await?;
        }
        if *action != ModAction::Dismiss && !matches!(action, ModAction::Trust { .. }) {
            let notification = Notification::ActionTaken {
                target: key.clone(),
                action: action.name().to_string(),
                reason: reason.to_string(),
            };
            for user_id in &affected {
                notify(conn, *user_id, &notification).await?;
            }
        }
        for crate_id in &outcome.reindex {
            let name = sqlx::query("SELECT name FROM crates WHERE id = $1")
                .bind(*crate_id)
                .fetch_one(&mut *conn)
                .await?
                .try_get::<String, _>("name")?;
            version_changed(
                conn,
                *crate_id,
                actor,
                &format!("moderation.{}", action.name()),
                &name,
                serde_json::json!({ "target": key, "reason": reason }),
            )
            .await?;
        }
        if outcome.reindex.is_empty() {
            record(
                conn,
                actor,
                &format!("moderation.{}", action.name()),
                &key,
                serde_json::json!({ "reason": reason, "reports": reporters.len() }),
            )
            .await?;
        }
        wtx.commit().await?;
        Ok(outcome)
    }

    /// An owner answers the notice on their crate; the item returns to the queue.
    pub async fn reply_to_notice(
        &self,
        crate_name: &str,
        user_id: i64,
        reply: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        let Resolved::Crate { id, name, .. } =
            resolve(conn, &Target::Crate(crate_name.to_string())).await?
        else {
            unreachable!("a crate target resolves to a crate")
        };
        let owner =
            sqlx::query("SELECT 1 AS one FROM crate_owners WHERE crate_id = $1 AND user_id = $2")
                .bind(id)
                .bind(user_id)
                .fetch_optional(&mut *conn)
                .await?;
        if owner.is_none() {
            return Err(StoreError::Forbidden(format!(
                "only owners of `{name}` can answer its notice"
            )));
        }
        let changed = sqlx::query(
            "UPDATE notices SET reply = $1, replied_at = $2 WHERE crate_id = $3 AND closed_at IS NULL",
        )
        .bind(reply)
        .bind(now_millis())
        .bind(id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound(format!(
                "`{name}` has no open notice to answer"
            )));
        }
        record(
            conn,
            actor,
            "notice.reply",
            &format!("crate:{name}"),
            serde_json::json!({ "reply": reply }),
        )
        .await?;
        wtx.commit().await
    }

    /// The open notice on a crate, shown on it.
    pub async fn open_notice(&self, crate_id: i64) -> Result<Option<NoticeRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT reason, deadline, created_at, reply, replied_at FROM notices \
             WHERE crate_id = $1 AND closed_at IS NULL ORDER BY id DESC LIMIT 1",
        )
        .bind(crate_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.as_ref().map(notice_from_row).transpose()?)
    }

    /// The targets of every crate an account owns, for a bulk action.
    pub async fn crates_of_account(&self, login: &str) -> Result<Vec<Target>, StoreError> {
        let rows = sqlx::query(
            "SELECT crates.name FROM crate_owners JOIN crates ON crates.id = crate_owners.crate_id \
             JOIN users ON users.id = crate_owners.user_id WHERE users.login_canonical = $1 \
             ORDER BY crates.canonical_name",
        )
        .bind(login.to_ascii_lowercase())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok(Target::Crate(r.try_get("name")?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// Sets a user's role: moderators act on content and accounts; admins also manage roles and the
    /// registry's lists.
    pub async fn set_role(&self, login: &str, role: Role, actor: &Actor) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE users SET is_admin = $1, is_moderator = $2 WHERE login_canonical = $3",
        )
        .bind(role == Role::Admin)
        .bind(role != Role::User)
        .bind(login.to_ascii_lowercase())
        .execute(&mut *wtx.tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound(format!("there is no user `{login}`")));
        }
        record(
            &mut wtx.tx,
            actor,
            "user.role",
            &format!("user:{login}"),
            serde_json::json!({ "role": format!("{role:?}").to_lowercase() }),
        )
        .await?;
        wtx.commit().await
    }
}

fn crate_name(resolved: &Resolved) -> Option<String> {
    match resolved {
        Resolved::Crate { name, .. } => Some(name.clone()),
        Resolved::Version { crate_name, .. } => Some(crate_name.clone()),
        Resolved::User(_) => None,
    }
}

async fn remove_crate_and_files(
    conn: &mut AnyConnection,
    crate_id: i64,
    name: &str,
    deleted: Deleted<'_>,
    blocked_until: i64,
    outcome: &mut ModOutcome,
) -> Result<(), StoreError> {
    let downloads: i64 = sqlx::query("SELECT downloads FROM crates WHERE id = $1")
        .bind(crate_id)
        .fetch_one(&mut *conn)
        .await?
        .try_get("downloads")?;
    let by = match deleted.by {
        Some(id) => login_of(conn, id).await?,
        None => None,
    };
    notify_owners(
        conn,
        crate_id,
        &Notification::CrateDeleted {
            crate_name: name.to_string(),
            version: None,
            by: by.or(Some("the registry's moderators".into())),
        },
    )
    .await?;
    let versions = remove_crate_rows(
        conn,
        crate_id,
        name,
        Deleted {
            downloads,
            ..deleted
        },
        blocked_until,
    )
    .await?;
    outcome
        .removed_files
        .extend(versions.iter().map(|v| crate_file_key(name, v)));
    outcome.removed_crates.push(name.to_string());
    Ok(())
}

/// Reads for the web site's moderation pages and the owners' view of their crates.
impl Db {
    /// The accounts under a suspension in force at `now` (terminated ones excluded: they are past
    /// lifting), most recently suspended first.
    pub async fn suspended_accounts(&self, now: i64) -> Result<Vec<UserRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE users.suspended_at IS NOT NULL \
             AND (users.suspended_until IS NULL OR users.suspended_until > $1) \
             AND users.terminated_at IS NULL ORDER BY users.suspended_at DESC, users.id DESC"
        ))
        .bind(now)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(user_from_row).collect::<Result<_, _>>()?)
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
