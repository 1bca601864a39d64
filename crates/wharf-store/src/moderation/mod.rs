//! Moderation: users' reports, the review queue, and moderators' actions on crates, versions and
//! accounts.
//!
//! The rules are `wharf_policy::moderation`'s; this module reads the facts they weigh and writes the
//! rows they call for. [`Db::moderate`] runs every action in one transaction: it resolves the
//! target, asks the policy whether the action applies, hands over to the action's own function,
//! and concludes with what follows every action (the review closed, the reports answered, the
//! people affected told, the audit row).
//!
//! - `krate`, `version`, `user`: one function per action on each kind of target; notices and
//!   their answers live with the crates they are about.
//! - `reports`: filing a report, and the hold the reports may trigger on their own.
//! - `queue`: the review queue (composed by the policy from the rows read here), and the evidence
//!   moderators and owners read.

mod krate;
mod queue;
mod reports;
mod user;
mod version;

use crate::audit::{record, Actor};
use crate::crates::{canonical, version_changed};
use crate::deletion::{Deleted, RESERVED_FOREVER};
use crate::outbox::{notify, Notification};
use crate::users::{existing_user, UserRecord};
use crate::{Db, StoreError};
use sqlx::{AnyConnection, Row};
use wharf_policy::moderation::{self as policy, NameBlock, Refusal, ReportOutcome, TargetKind};

pub use queue::{QueueDetail, VersionEvidence};
pub use reports::{FiledReport, NewReport, ReportRecord};
pub use user::Role;
pub use wharf_policy::moderation::queue::QueueItem;
pub use wharf_policy::moderation::{ModAction, NoticeRecord};

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

    pub fn kind(&self) -> TargetKind {
        match self {
            Target::Crate(_) => TargetKind::Crate,
            Target::Version(..) => TargetKind::Version,
            Target::User(_) => TargetKind::User,
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

impl ModOutcome {
    /// An action that changed what the index shows of one crate.
    fn reindex(crate_id: i64) -> ModOutcome {
        ModOutcome {
            reindex: vec![crate_id],
            ..ModOutcome::default()
        }
    }
}

/// A policy refusal, as the store's error of the same kind.
impl From<Refusal> for StoreError {
    fn from(refusal: Refusal) -> StoreError {
        match refusal {
            Refusal::Invalid(message) => StoreError::Invalid(message),
            Refusal::Conflict(message) => StoreError::Conflict(message),
        }
    }
}

/// A crate, as stored.
#[derive(Debug, Clone)]
struct CrateRow {
    id: i64,
    name: String,
    created_at: i64,
}

/// A version and its crate, as stored.
#[derive(Debug, Clone)]
struct VersionRow {
    crate_id: i64,
    crate_name: String,
    crate_created_at: i64,
    version_id: i64,
    num: String,
    downloads: i64,
}

/// A target looked up in the database, spelled as stored.
#[derive(Debug, Clone)]
enum Resolved {
    Crate(CrateRow),
    Version(VersionRow),
    User(UserRecord),
}

impl Resolved {
    /// The target as reports name it, spelled as stored.
    fn key(&self) -> String {
        match self {
            Resolved::Crate(krate) => policy::crate_target(&krate.name),
            Resolved::Version(version) => policy::version_target(&version.crate_name, &version.num),
            Resolved::User(user) => policy::user_target(&user.login),
        }
    }

    fn kind(&self) -> TargetKind {
        match self {
            Resolved::Crate(_) => TargetKind::Crate,
            Resolved::Version(_) => TargetKind::Version,
            Resolved::User(_) => TargetKind::User,
        }
    }

    fn crate_id(&self) -> Option<i64> {
        match self {
            Resolved::Crate(krate) => Some(krate.id),
            Resolved::Version(version) => Some(version.crate_id),
            Resolved::User(_) => None,
        }
    }

    fn crate_name(&self) -> Option<&str> {
        match self {
            Resolved::Crate(krate) => Some(&krate.name),
            Resolved::Version(version) => Some(&version.crate_name),
            Resolved::User(_) => None,
        }
    }

    /// The SQL condition on `reports.target` for everything about the target, and its two
    /// arguments: a crate's reports include those on its versions.
    fn report_filter(&self) -> (&'static str, String, String) {
        let key = self.key();
        let prefix = match self {
            Resolved::Crate(krate) => format!(
                "{}@%",
                crate::browse::like_literal(&policy::crate_target(&krate.name))
            ),
            // Matches nothing else.
            _ => key.clone(),
        };
        (
            "(reports.target = $1 OR reports.target LIKE $2 ESCAPE '\\')",
            key,
            prefix,
        )
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
            Ok(Resolved::Crate(CrateRow {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                created_at: row.try_get("created_at")?,
            }))
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
            Ok(Resolved::Version(VersionRow {
                crate_id: row.try_get("crate_id")?,
                crate_name: row.try_get("name")?,
                crate_created_at: row.try_get("crate_created_at")?,
                version_id: row.try_get("version_id")?,
                num: row.try_get("num")?,
                downloads: row.try_get("downloads")?,
            }))
        }
        Target::User(login) => Ok(Resolved::User(existing_user(conn, login).await?)),
    }
}

/// An action being taken: what every action's function needs besides its target.
struct Acting<'a> {
    action: &'a ModAction,
    reason: &'a str,
    now: i64,
    actor: &'a Actor,
    /// How long the name of a removed crate stays blocked unless it is reserved.
    name_block_ms: i64,
    /// The target as reports name it.
    key: String,
}

impl Acting<'_> {
    /// `moderation.NAME`, the action in the audit log.
    fn audit_action(&self) -> String {
        format!("moderation.{}", self.action.name())
    }

    /// The record a removal keeps: who, when, why. The caller adds the downloads.
    fn deleted(&self) -> Deleted<'_> {
        Deleted {
            at: self.now,
            by: self.actor.user_id,
            message: Some(self.reason),
            downloads: 0,
        }
    }

    /// Until when a crate removed now keeps its name from being registered again.
    fn blocked_until(&self, reserve: bool) -> i64 {
        match policy::name_block(reserve, self.now, self.name_block_ms) {
            NameBlock::Forever => RESERVED_FOREVER,
            NameBlock::Until(until) => until,
        }
    }
}

impl Db {
    /// Applies a moderator's action to a target at `now`, with its reason, in one transaction.
    /// `name_block_ms` is how long the name of a crate removed without `reserve` stays blocked
    /// (the registry's block after an owner's deletion).
    pub async fn moderate(
        &self,
        action: &ModAction,
        target: &Target,
        reason: &str,
        name_block_ms: i64,
        now: i64,
        actor: &Actor,
    ) -> Result<ModOutcome, StoreError> {
        policy::check_reason(reason)?;
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        // Resolved before the pair is checked: an unknown target is a 404 whatever the action.
        let resolved = resolve(conn, target).await?;
        policy::check_target(action, resolved.kind())?;
        let acting = Acting {
            action,
            reason,
            now,
            actor,
            name_block_ms,
            key: resolved.key(),
        };
        // Read before anything is removed.
        let affected = affected(conn, &resolved).await?;
        let outcome = match (action, &resolved) {
            (ModAction::Dismiss, _) => ModOutcome::default(),
            (ModAction::Release, Resolved::Crate(krate)) => {
                krate::release(conn, &acting, krate).await?
            }
            (ModAction::Hold, Resolved::Crate(krate)) => krate::hold(conn, &acting, krate).await?,
            (ModAction::RemoveCrate { reserve }, Resolved::Crate(krate)) => {
                krate::remove(conn, &acting, krate, *reserve).await?
            }
            (ModAction::Notice { deadline }, Resolved::Crate(krate)) => {
                // A notice decides nothing (see `aftermath`): it keeps its own audit row, and the
                // reports stay open until the owners had their say.
                krate::notice(conn, &acting, krate, *deadline).await?;
                wtx.commit().await?;
                return Ok(ModOutcome::default());
            }
            (ModAction::Reassign { to }, Resolved::Crate(krate)) => {
                krate::reassign(conn, &acting, krate, to).await?
            }
            (ModAction::Release, Resolved::Version(version)) => {
                version::release(conn, &acting, version).await?
            }
            (ModAction::Yank, Resolved::Version(version)) => {
                version::yank(conn, &acting, version).await?
            }
            (ModAction::RemoveVersion, Resolved::Version(version)) => {
                version::remove(conn, &acting, version).await?
            }
            (ModAction::Suspend { until }, Resolved::User(account)) => {
                user::suspend(conn, &acting, account, *until).await?
            }
            (ModAction::Lift, Resolved::User(account)) => user::lift(conn, account).await?,
            (ModAction::Terminate { remove_crates }, Resolved::User(account)) => {
                user::terminate(conn, &acting, account, *remove_crates).await?
            }
            (ModAction::Trust { trusted }, Resolved::User(account)) => {
                user::trust(conn, account, *trusted).await?
            }
            // `check_target` lets through only the pairs above; should the two ever disagree, the
            // action is refused as not applying rather than half done.
            _ => return Err(policy::does_not_apply(action, resolved.kind()).into()),
        };
        conclude(conn, &acting, &resolved, &affected, &outcome).await?;
        wtx.commit().await?;
        Ok(outcome)
    }
}

/// Who hears of an action: the owners of a crate, or the user acted on.
async fn affected(conn: &mut AnyConnection, resolved: &Resolved) -> Result<Vec<i64>, StoreError> {
    let crate_id = match resolved {
        Resolved::User(user) => return Ok(vec![user.id]),
        Resolved::Crate(krate) => krate.id,
        Resolved::Version(version) => version.crate_id,
    };
    Ok(
        sqlx::query("SELECT user_id FROM crate_owners WHERE crate_id = $1")
            .bind(crate_id)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.try_get("user_id"))
            .collect::<Result<_, _>>()?,
    )
}

/// What follows an action, as the policy's `aftermath` says: the review closed (findings reviewed,
/// the crate's open notice closed), the reports on the target answered and their reporters told,
/// the people affected told, and the audit row — one per reindexed crate, with the crate's index
/// marked out of date, or one for the target.
async fn conclude(
    conn: &mut AnyConnection,
    acting: &Acting<'_>,
    resolved: &Resolved,
    affected: &[i64],
    outcome: &ModOutcome,
) -> Result<(), StoreError> {
    let aftermath = policy::aftermath(acting.action);
    let now = acting.now;
    if aftermath.concludes_review {
        match resolved {
            Resolved::Crate(krate) => {
                // After a removal the crate's rows are gone and these change nothing.
                sqlx::query(
                    "UPDATE notices SET closed_at = $1 WHERE crate_id = $2 AND closed_at IS NULL",
                )
                .bind(now)
                .bind(krate.id)
                .execute(&mut *conn)
                .await?;
                sqlx::query(
                    "UPDATE versions SET reviewed_at = $1 WHERE crate_id = $2 AND reviewed_at IS NULL",
                )
                .bind(now)
                .bind(krate.id)
                .execute(&mut *conn)
                .await?;
            }
            Resolved::Version(version) => {
                sqlx::query(
                    "UPDATE versions SET reviewed_at = $1 WHERE id = $2 AND reviewed_at IS NULL",
                )
                .bind(now)
                .bind(version.version_id)
                .execute(&mut *conn)
                .await?;
            }
            Resolved::User(_) => {}
        }
    }
    let answered = match aftermath.reports {
        Some(outcome) => answer_reports(conn, acting, resolved, outcome).await?,
        None => 0,
    };
    if aftermath.tells_affected {
        let notification = Notification::ActionTaken {
            target: acting.key.clone(),
            action: acting.action.name().to_string(),
            reason: acting.reason.to_string(),
        };
        for user_id in affected {
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
            acting.actor,
            &acting.audit_action(),
            &name,
            serde_json::json!({ "target": acting.key, "reason": acting.reason }),
        )
        .await?;
    }
    if outcome.reindex.is_empty() {
        record(
            conn,
            acting.actor,
            &acting.audit_action(),
            &acting.key,
            serde_json::json!({ "reason": acting.reason, "reports": answered }),
        )
        .await?;
    }
    Ok(())
}

/// Closes the open reports on the target (a crate's include its versions') as `outcome`, with the
/// action and its reason as their resolution, and tells each reporter. Returns how many there were.
async fn answer_reports(
    conn: &mut AnyConnection,
    acting: &Acting<'_>,
    resolved: &Resolved,
    outcome: ReportOutcome,
) -> Result<usize, StoreError> {
    let (filter, key, prefix) = resolved.report_filter();
    let reports: Vec<(i64, i64)> = sqlx::query(&format!(
        "SELECT reports.id, reports.reporter_id FROM reports WHERE {filter} AND reports.status = 'open'"
    ))
    .bind(&key)
    .bind(&prefix)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| Ok((r.try_get("id")?, r.try_get("reporter_id")?)))
    .collect::<Result<_, sqlx::Error>>()?;
    let resolution = policy::resolution(acting.action, acting.reason);
    for (report_id, reporter_id) in &reports {
        sqlx::query(
            "UPDATE reports SET status = $1, resolved_at = $2, resolved_by = $3, resolution = $4, updated_at = $2 WHERE id = $5",
        )
        .bind(outcome.as_str())
        .bind(acting.now)
        .bind(acting.actor.user_id)
        .bind(&resolution)
        .bind(*report_id)
        .execute(&mut *conn)
        .await?;
        notify(
            conn,
            *reporter_id,
            &Notification::ReportResolved {
                report_id: *report_id,
                target: acting.key.clone(),
                outcome: outcome.as_str().to_string(),
            },
        )
        .await?;
    }
    Ok(reports.len())
}
