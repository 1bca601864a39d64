//! Moderators' actions on a whole crate — release, hold, remove, notice, reassign — and the notices
//! themselves: the owners' answer, and the open notice shown on the crate.
//!
//! Each action reads its facts, asks the policy, and writes its rows on the connection of the
//! transaction `Db::moderate` opened; `conclude` there does what follows every action.

use super::{resolve, Acting, CrateRow, ModOutcome, Resolved, Target};
use crate::audit::record;
use crate::crates::login_of;
use crate::deletion::{remove_crate_rows, Deleted};
use crate::outbox::{notify, notify_owners, Notification};
use crate::users::existing_user;
use crate::{crate_file_key, now_millis, Db, StoreError};
use sqlx::{AnyConnection, Row};
use wharf_policy::access::{may_answer_notice, Standing};
use wharf_policy::moderation::{self as policy, NoticeRecord};

/// Why a crate is held, if it is.
pub(super) async fn crate_hold(
    conn: &mut AnyConnection,
    crate_id: i64,
) -> Result<Option<String>, StoreError> {
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

/// Holds a crate at `now` for `reason`, or releases it (`None`); either way its index changes.
pub(super) async fn set_crate_hold(
    conn: &mut AnyConnection,
    crate_id: i64,
    reason: Option<&str>,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE crates SET held_at = $1, held_reason = $2, index_generation = index_generation + 1 WHERE id = $3")
        .bind(reason.map(|_| now))
        .bind(reason.map(str::to_string))
        .bind(crate_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn release(
    conn: &mut AnyConnection,
    acting: &Acting<'_>,
    krate: &CrateRow,
) -> Result<ModOutcome, StoreError> {
    let held = crate_hold(conn, krate.id).await?.is_some();
    policy::check_release(&acting.key, held)?;
    set_crate_hold(conn, krate.id, None, acting.now).await?;
    Ok(ModOutcome::reindex(krate.id))
}

pub(super) async fn hold(
    conn: &mut AnyConnection,
    acting: &Acting<'_>,
    krate: &CrateRow,
) -> Result<ModOutcome, StoreError> {
    set_crate_hold(conn, krate.id, Some(acting.reason), acting.now).await?;
    Ok(ModOutcome::reindex(krate.id))
}

pub(super) async fn remove(
    conn: &mut AnyConnection,
    acting: &Acting<'_>,
    krate: &CrateRow,
    reserve: bool,
) -> Result<ModOutcome, StoreError> {
    let mut outcome = ModOutcome::default();
    remove_crate_and_files(
        conn,
        krate.id,
        &krate.name,
        acting.deleted(),
        acting.blocked_until(reserve),
        &mut outcome,
    )
    .await?;
    Ok(outcome)
}

/// Removes a crate for a moderator: its owners are told (before their ownership goes with the
/// rows), the name is blocked until `blocked_until`, and `outcome` gets its index file and
/// `.crate` files to remove.
pub(super) async fn remove_crate_and_files(
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

/// Tells the owners their crate may be removed and why, with until when they may answer. It
/// replaces any notice still open, and keeps its own audit row: the action concludes nothing.
pub(super) async fn notice(
    conn: &mut AnyConnection,
    acting: &Acting<'_>,
    krate: &CrateRow,
    deadline: i64,
) -> Result<(), StoreError> {
    policy::check_notice(deadline, acting.now)?;
    sqlx::query("UPDATE notices SET closed_at = $1 WHERE crate_id = $2 AND closed_at IS NULL")
        .bind(acting.now)
        .bind(krate.id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO notices (crate_id, reason, deadline, created_at, created_by) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(krate.id)
    .bind(acting.reason)
    .bind(deadline)
    .bind(acting.now)
    .bind(acting.actor.user_id)
    .execute(&mut *conn)
    .await?;
    notify_owners(
        conn,
        krate.id,
        &Notification::RemovalNotice {
            crate_name: krate.name.clone(),
            reason: acting.reason.to_string(),
            deadline,
        },
    )
    .await?;
    record(
        conn,
        acting.actor,
        &acting.audit_action(),
        &acting.key,
        serde_json::json!({ "reason": acting.reason, "deadline": deadline }),
    )
    .await
}

const NOTICE_COLUMNS: &str = "reason, deadline, created_at, reply, replied_at";

pub(super) fn notice_from_row(row: &sqlx::any::AnyRow) -> Result<NoticeRecord, sqlx::Error> {
    Ok(NoticeRecord {
        reason: row.try_get("reason")?,
        deadline: row.try_get("deadline")?,
        created_at: row.try_get("created_at")?,
        reply: row.try_get("reply")?,
        replied_at: row.try_get("replied_at")?,
    })
}

/// Offers the crate to another user by an invitation that, accepted, replaces the current owners.
/// The policy decides from every notice the crate has had, open or closed, whether its owners had
/// their say.
pub(super) async fn reassign(
    conn: &mut AnyConnection,
    acting: &Acting<'_>,
    krate: &CrateRow,
    to: &str,
) -> Result<ModOutcome, StoreError> {
    let notices = sqlx::query(&format!(
        "SELECT {NOTICE_COLUMNS} FROM notices WHERE crate_id = $1"
    ))
    .bind(krate.id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(notice_from_row)
    .collect::<Result<Vec<_>, _>>()?;
    let inviter = policy::check_reassign(&krate.name, acting.actor.user_id, &notices, acting.now)?;
    let new_owner = existing_user(conn, to).await?;
    let accept_token = crate::generate_token();
    let expires_at = policy::reassignment_expires_at(acting.now);
    sqlx::query("DELETE FROM crate_owner_invitations WHERE crate_id = $1 AND invitee_id = $2")
        .bind(krate.id)
        .bind(new_owner.id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO crate_owner_invitations (crate_id, invitee_id, inviter_id, token_hash, created_at, expires_at, replaces_owners) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(krate.id)
    .bind(new_owner.id)
    .bind(inviter)
    .bind(crate::hash_token(&accept_token))
    .bind(acting.now)
    .bind(expires_at)
    .bind(true)
    .execute(&mut *conn)
    .await?;
    notify(
        conn,
        new_owner.id,
        &Notification::OwnerInvitation {
            crate_name: krate.name.clone(),
            crate_id: krate.id,
            inviter: "the registry's moderators".into(),
            accept_token: Some(accept_token),
            expires_at,
            replaces_owners: true,
        },
    )
    .await?;
    Ok(ModOutcome::default())
}

impl Db {
    /// An owner answers the notice on their crate; the item returns to the queue.
    pub async fn reply_to_notice(
        &self,
        crate_name: &str,
        user_id: i64,
        reply: &str,
        actor: &crate::Actor,
    ) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        let Resolved::Crate(CrateRow { id, name, .. }) =
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
        // Team members do not speak for the crate, so whether the caller is one does not matter.
        may_answer_notice(Standing::of(owner.is_some(), false), &name)?;
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
            &policy::crate_target(&name),
            serde_json::json!({ "reply": reply }),
        )
        .await?;
        wtx.commit().await
    }

    /// The open notice on a crate, shown on it.
    pub async fn open_notice(&self, crate_id: i64) -> Result<Option<NoticeRecord>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {NOTICE_COLUMNS} FROM notices \
             WHERE crate_id = $1 AND closed_at IS NULL ORDER BY id DESC LIMIT 1"
        ))
        .bind(crate_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.as_ref().map(notice_from_row).transpose()?)
    }
}
